#pragma once
// An API's page: its name, type and id, the port it listens on, its description and its URLs.
#include "item_editor.h"

#include <functional>

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
    std::function<QString(const QString &)> m_urlOf;
};

} // namespace gw::ui
