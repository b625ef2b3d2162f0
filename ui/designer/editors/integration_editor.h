#pragma once
// An integration's page: its type, then what it needs (a function and payload format for Lambda
// proxy; a URI, method and TLS settings for HTTP proxy), and its timeout.
#include "item_editor.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace gw::ui {

class IntegrationEditor : public ItemEditor {
    Q_OBJECT
public:
    explicit IntegrationEditor(ProjectDocument *document, QWidget *parent = nullptr);
    ItemKind kind() const override { return ItemKind::Integration; }

protected:
    void load() override;

private:
    const Integration *integration() const;
    void showFieldsFor(const QString &type);
    void commitChange(EditField field);

    QComboBox *m_type;
    QComboBox *m_function;
    QComboBox *m_payload;
    QLineEdit *m_uri;
    QLabel *m_uriHint;
    QComboBox *m_method;
    QSpinBox *m_timeout;
    QLineEdit *m_serverName;
    QLabel *m_usedBy;
};

} // namespace gw::ui
