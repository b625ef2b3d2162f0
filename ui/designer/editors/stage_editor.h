#pragma once
// A stage's page: auto-deploy, stage variables, the access-log format (unknown $context
// variables are pointed out) and throttling. A REST stage's page also deploys: what the stage
// serves (a deployment, or the design live), Deploy, the deployment history with rollback, and
// the canary (deploy to it, promote it, remove it).
#include "item_editor.h"

#include <functional>
#include <optional>

class QCheckBox;
class QCompleter;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
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
    // Deploys the API's design to this stage (or its canary at canaryPercent); false with the
    // reasons shown on the page when the design has problems.
    bool deployNow(const QString &description, std::optional<double> canaryPercent = std::nullopt);
    // Points the stage at a deployment of the history (rollback), or at the design (empty id).
    bool serveDeployment(const QString &id);
    bool promoteCanary();
    bool removeCanary();
    QListWidget *history() const { return m_history; }
    QString servedText() const;

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
    QLabel *m_served;
    QListWidget *m_history;
    QPushButton *m_promote;
    QPushButton *m_removeCanary;
    QDoubleSpinBox *m_canaryPercent;     // the canary's share, while there is one
    KeyValueTable *m_canaryVariables;    // its stageVariableOverrides
    std::vector<int> m_restRows; // the form rows only REST stages show
    bool editStage(const std::function<void(Stage &)> &change, const QString &what);
    std::function<QString(const QString &, const QString &)> m_urlOf;
};

// The $context.NAME variables in a format that have no local value (printed as "-" by the service
// when unknown), in order.
QStringList unknownContextVariables(const QString &format);

} // namespace gw::ui
