#pragma once
// A stage's page: auto-deploy, stage variables, the access-log format (unknown $context
// variables are pointed out) and throttling.
#include "item_editor.h"

#include <functional>

class QCheckBox;
class QCompleter;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace gw::ui {

class KeyValueTable;

class StageEditor : public ItemEditor {
    Q_OBJECT
public:
    explicit StageEditor(ProjectDocument *document, QWidget *parent = nullptr);
    ItemKind kind() const override { return ItemKind::Stage; }
    // The stage's base URL when served ("" when not), for the invoke URL.
    void setUrlLookup(std::function<QString(const QString &apiKey, const QString &stage)> lookup) { m_urlOf = std::move(lookup); }
    // Completes "$context." at the cursor of the access-log format (what the popup offers).
    QStringList completionsAt(const QString &text, int cursor) const;

protected:
    void load() override;

private:
    const Stage *stage() const;
    void commitChange(EditField field);
    void checkFormat(const QString &format);
    void offerCompletion();

    QCheckBox *m_autoDeploy;
    KeyValueTable *m_variables;
    QLineEdit *m_format;
    QLabel *m_formatHint;
    QLabel *m_url;
    QLabel *m_invokeUrl;
    QSpinBox *m_burst;
    QDoubleSpinBox *m_rate;
    QCompleter *m_completer;
    std::function<QString(const QString &, const QString &)> m_urlOf;
};

// The $context.NAME variables in a format that have no local value (printed as "-" by the service
// when unknown), in order.
QStringList unknownContextVariables(const QString &format);

} // namespace gw::ui
