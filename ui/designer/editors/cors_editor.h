#pragma once
// An HTTP API's CORS page: the service answers preflights itself and adds the headers to every
// answer to an allowed origin (http-api-cors). Lists are comma-separated, as the console takes them.
#include "item_editor.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace gw::ui {

class CorsEditor : public ItemEditor {
    Q_OBJECT
public:
    explicit CorsEditor(ProjectDocument *document, QWidget *parent = nullptr);
    ItemKind kind() const override { return ItemKind::Api; }

protected:
    void load() override;

private:
    void commitChange();
    void showPreview(const Cors *cors);

    QCheckBox *m_enabled;
    QLineEdit *m_origins;
    QLineEdit *m_methods;
    QLineEdit *m_headers;
    QLineEdit *m_expose;
    QSpinBox *m_maxAge;
    QCheckBox *m_credentials;
    QLabel *m_preview;
};

} // namespace gw::ui
