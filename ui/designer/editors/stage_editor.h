#pragma once
// A stage's page: auto-deploy, stage variables, the access-log format (unknown $context
// variables are pointed out) and throttling.
#include "item_editor.h"

class QCheckBox;
class QLabel;
class QLineEdit;

namespace gw::ui {

class KeyValueTable;

class StageEditor : public ItemEditor {
    Q_OBJECT
public:
    explicit StageEditor(ProjectDocument *document, QWidget *parent = nullptr);
    ItemKind kind() const override { return ItemKind::Stage; }

protected:
    void load() override;

private:
    const Stage *stage() const;
    void commitChange(EditField field);
    void checkFormat(const QString &format);

    QCheckBox *m_autoDeploy;
    KeyValueTable *m_variables;
    QLineEdit *m_format;
    QLabel *m_formatHint;
    QLabel *m_url;
};

// The $context.NAME variables in a format that have no local value (printed as "-" by the service
// when unknown), in order.
QStringList unknownContextVariables(const QString &format);

} // namespace gw::ui
