#pragma once
// An API's page: its name, type and id, the port it listens on, its description and its URLs.
// A REST API's page also holds its models (each JSON Schema draft 4, checked as it is typed, as a
// deployment would compile it), its request validators, binary media types and gateway responses.
#include "item_editor.h"

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace gw::ui {

class ApiEditor : public ItemEditor {
    Q_OBJECT
public:
    explicit ApiEditor(ProjectDocument *document, QWidget *parent = nullptr);
    ItemKind kind() const override { return ItemKind::Api; }
    void setUrlLookup(std::function<QString(const QString &apiKey)> lookup) { m_urlOf = std::move(lookup); }
    QComboBox *modelChoice() const { return m_model; }
    class PartJsonEdit *schemaEdit() const { return m_schema; }
    class PartJsonEdit *restSettingsEdit() const { return m_restSettings; }
    class GatewayResponsesTable *gatewayResponses() const { return m_gatewayResponses; }
    class RequestValidatorsTable *requestValidators() const { return m_validators; }
    bool addModel(const QString &name);
    bool removeModel();

protected:
    void load() override;

private:
    const Api *api() const;
    void commitChange(EditField field);

    QLineEdit *m_name;
    QLabel *m_type;
    QLabel *m_apiId;
    QSpinBox *m_port;
    QLineEdit *m_description;
    QLabel *m_url;
    QComboBox *m_model;
    QLineEdit *m_modelType;
    class PartJsonEdit *m_schema;
    class PartJsonEdit *m_restSettings;
    class GatewayResponsesTable *m_gatewayResponses;
    class RequestValidatorsTable *m_validators;
    std::vector<int> m_restRows;
    bool applySchema(const Json &schema, QString *error);
    bool applyRestSettings(const Json &settings, QString *error);
    // One change to the REST parts of the API as an undo step of its own; false (shown) when refused.
    bool editRest(const std::function<void(RestApiSpec &)> &change, const QString &part);
    std::function<QString(const QString &)> m_urlOf;
};

} // namespace gw::ui
