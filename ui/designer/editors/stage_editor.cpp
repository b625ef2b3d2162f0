#include "stage_editor.h"

#include "key_value_table.h"
#include "observability/access_log_formatter.h"
#include "observability/context_variables.h"

#include "gateway/deploy/rest_design_deploy.h"
#include "project_document.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QInputDialog>
#include <QListWidget>
#include <QPushButton>
#include <QCheckBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QStringListModel>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

namespace gw::ui {

QStringList unknownContextVariables(const QString &format)
{
    QStringList unknown;
    static const QRegularExpression variable(QStringLiteral("\\$context\\.([A-Za-z0-9_.]*[A-Za-z0-9_])"));
    for (auto it = variable.globalMatch(format); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!contextVariableNamed(name) && !unknown.contains(name))
            unknown << name;
    }
    return unknown;
}

StageEditor::StageEditor(ProjectDocument *document, QWidget *parent) : ItemEditor(document, tr("Stage"), parent)
{
    m_autoDeploy = new QCheckBox(tr("edits are served at once"), this);
    m_autoDeploy->setObjectName(QStringLiteral("autoDeploy"));
    m_form->addRow(tr("Auto-deploy"), m_autoDeploy);
    m_url = new QLabel(this);
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(tr("Path prefix"), m_url);
    m_invokeUrl = new QLabel(this);
    m_invokeUrl->setObjectName(QStringLiteral("invokeUrl"));
    m_invokeUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(tr("Invoke URL"), m_invokeUrl);
    // REST: what the stage serves and how it changes (shown for REST stages only).
    m_served = new QLabel(this);
    m_served->setObjectName(QStringLiteral("stageServes"));
    m_served->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(tr("Serves"), m_served);
    m_restRows.push_back(m_form->rowCount() - 1);
    auto *deployRow = new QHBoxLayout;
    auto *deploy = new QPushButton(tr("Deploy…"), this);
    deploy->setObjectName(QStringLiteral("deploy"));
    deploy->setToolTip(tr("Snapshot the API's design into a new deployment this stage serves until the next deploy"));
    auto *deployCanary = new QPushButton(tr("Deploy to canary…"), this);
    m_promote = new QPushButton(tr("Promote canary"), this);
    m_removeCanary = new QPushButton(tr("Remove canary"), this);
    deployRow->addWidget(deploy);
    deployRow->addWidget(deployCanary);
    deployRow->addWidget(m_promote);
    deployRow->addWidget(m_removeCanary);
    deployRow->addStretch(1);
    m_form->addRow(QString(), deployRow);
    m_restRows.push_back(m_form->rowCount() - 1);
    // While the stage has a canary: its share and its own stage variables (canarySettings).
    m_canaryPercent = new QDoubleSpinBox(this);
    m_canaryPercent->setObjectName(QStringLiteral("canaryPercent"));
    m_canaryPercent->setRange(0, 100);
    m_canaryPercent->setDecimals(1);
    m_canaryPercent->setSuffix(tr(" % of requests"));
    m_form->addRow(tr("Canary share"), m_canaryPercent);
    m_canaryVariables = new KeyValueTable(tr("Variable"), tr("Canary value"), this);
    m_canaryVariables->setObjectName(QStringLiteral("canaryVariables"));
    m_canaryVariables->setToolTip(tr("Stage variables the canary's requests see instead of the stage's (stageVariableOverrides)"));
    m_form->addRow(tr("Canary variables"), m_canaryVariables);
    connect(m_canaryPercent, &QDoubleSpinBox::editingFinished, this, [this] {
        const Stage *s = stage();
        if (!s || !s->canarySettings || s->canarySettings->percentTraffic == m_canaryPercent->value())
            return;
        const double percent = m_canaryPercent->value();
        editStage([percent](Stage &stage) { stage.canarySettings->percentTraffic = percent; }, tr("Canary share"));
    });
    connect(m_canaryVariables, &KeyValueTable::edited, this, [this](const std::map<std::string, std::string> &values) {
        const Stage *s = stage();
        if (!s || !s->canarySettings || s->canarySettings->stageVariableOverrides == values)
            return;
        editStage([values](Stage &stage) { stage.canarySettings->stageVariableOverrides = values; }, tr("Canary stage variables"));
    });
    m_history = new QListWidget(this);
    m_history->setObjectName(QStringLiteral("deploymentHistory"));
    m_history->setMaximumHeight(fontMetrics().height() * 8);
    m_form->addRow(tr("Deployments"), m_history);
    m_restRows.push_back(m_form->rowCount() - 1);
    auto *historyRow = new QHBoxLayout;
    auto *rollback = new QPushButton(tr("Serve selected"), this);
    auto *live = new QPushButton(tr("Serve the design live"), this);
    historyRow->addWidget(rollback);
    historyRow->addWidget(live);
    historyRow->addStretch(1);
    m_form->addRow(QString(), historyRow);
    m_restRows.push_back(m_form->rowCount() - 1);
    connect(deploy, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString description = QInputDialog::getText(this, tr("Deploy"), tr("Description of this deployment"), QLineEdit::Normal, QString(), &ok);
        if (ok)
            deployNow(description);
    });
    connect(deployCanary, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const double percent = QInputDialog::getDouble(this, tr("Deploy to canary"), tr("Share of the stage's requests (%)"), 10, 0, 100, 1, &ok);
        if (ok)
            deployNow(QString(), percent);
    });
    connect(m_promote, &QPushButton::clicked, this, &StageEditor::promoteCanary);
    connect(m_removeCanary, &QPushButton::clicked, this, &StageEditor::removeCanary);
    connect(rollback, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_history->currentItem())
            serveDeployment(item->data(Qt::UserRole).toString());
    });
    connect(live, &QPushButton::clicked, this, [this] { serveDeployment(QString()); });

    m_variables = new KeyValueTable(tr("Variable"), tr("Value"), this);
    m_variables->setObjectName(QStringLiteral("stageVariables"));
    m_form->addRow(tr("Stage variables"), m_variables);
    m_format = new QLineEdit(this);
    m_format->setObjectName(QStringLiteral("accessLogFormat"));
    m_format->setPlaceholderText(defaultAccessLogFormat());
    m_format->setToolTip(tr("$context variables, as in the service's access logging; empty: the JSON format shown"));
    m_form->addRow(tr("Access-log format"), m_format);
    m_formatHint = new QLabel(this);
    m_formatHint->setObjectName(QStringLiteral("formatHint"));
    m_formatHint->setWordWrap(true);
    m_formatHint->setStyleSheet(QStringLiteral("color: #b26a00"));
    m_form->addRow(QString(), m_formatHint);
    // Typing "$context." offers the variables that have a local value.
    QStringList names;
    for (const QString &name : contextVariableNames())
        names << QStringLiteral("$context.") + name;
    m_completer = new QCompleter(new QStringListModel(names, this), this);
    m_completer->setWidget(m_format);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &chosen) {
        const QString text = m_format->text();
        const int cursor = m_format->cursorPosition();
        const int start = text.lastIndexOf(QLatin1String("$context."), cursor - 1);
        if (start < 0)
            return;
        m_format->setText(text.left(start) + chosen + text.mid(cursor));
        m_format->setCursorPosition(start + int(chosen.size()));
        checkFormat(m_format->text());
    });
    m_burst = new QSpinBox(this);
    m_burst->setObjectName(QStringLiteral("burstLimit"));
    m_burst->setRange(-1, 5000); // the account's default burst is 5000
    m_burst->setSpecialValueText(tr("not set"));
    m_rate = new QDoubleSpinBox(this);
    m_rate->setObjectName(QStringLiteral("rateLimit"));
    m_rate->setRange(-1, 10000);
    m_rate->setDecimals(1);
    m_rate->setSpecialValueText(tr("not set"));
    m_rate->setSuffix(tr(" req/s"));
    auto *throttle = new QHBoxLayout;
    throttle->addWidget(new QLabel(tr("burst"), this));
    throttle->addWidget(m_burst);
    throttle->addWidget(new QLabel(tr("rate"), this));
    throttle->addWidget(m_rate, 1);
    m_form->addRow(tr("Throttling"), throttle);
    auto *throttleNote = new QLabel(tr("Kept in the file and exported; not enforced yet (validate warns)."), this);
    throttleNote->setWordWrap(true);
    m_form->addRow(QString(), throttleNote);

    connect(m_autoDeploy, &QCheckBox::toggled, this, [this] { commitChange(EditField::StageAutoDeploy); });
    connect(m_variables, &KeyValueTable::edited, this, [this] { commitChange(EditField::StageVariables); });
    connect(m_format, &QLineEdit::textEdited, this, &StageEditor::checkFormat);
    connect(m_format, &QLineEdit::textEdited, this, &StageEditor::offerCompletion);
    connect(m_burst, &QSpinBox::editingFinished, this, [this] { commitChange(EditField::StageThrottling); });
    connect(m_rate, &QDoubleSpinBox::editingFinished, this, [this] { commitChange(EditField::StageThrottling); });
    connect(m_format, &QLineEdit::editingFinished, this, [this] { commitChange(EditField::StageAccessLogFormat); });
}

const Stage *StageEditor::stage() const
{
    return findStageItem(project(), m_item);
}

void StageEditor::checkFormat(const QString &format)
{
    const QStringList unknown = unknownContextVariables(format);
    m_formatHint->setText(unknown.isEmpty() ? QString()
                                            : tr("no local value (printed as -): %1").arg(unknown.join(QStringLiteral(", "))));
}

QStringList StageEditor::completionsAt(const QString &text, int cursor) const
{
    const int start = text.lastIndexOf(QLatin1String("$context."), cursor - 1);
    if (start < 0)
        return {};
    const QString typed = text.mid(start, cursor - start);
    for (QChar c : typed.mid(9))
        if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('_'))
            return {}; // the variable ended before the cursor
    QStringList out;
    for (const QString &name : contextVariableNames())
        if ((QStringLiteral("$context.") + name).startsWith(typed, Qt::CaseInsensitive))
            out << QStringLiteral("$context.") + name;
    return out;
}

void StageEditor::offerCompletion()
{
    const QString text = m_format->text();
    const int cursor = m_format->cursorPosition();
    if (completionsAt(text, cursor).isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    const int start = text.lastIndexOf(QLatin1String("$context."), cursor - 1);
    m_completer->setCompletionPrefix(text.mid(start, cursor - start));
    m_completer->complete();
}

void StageEditor::load()
{
    const Stage *s = stage();
    if (!s)
        return;
    setTitle(QString::fromStdString(s->name));
    m_autoDeploy->setChecked(s->autoDeploy);
    m_url->setText(s->name == "$default" ? tr("none: the API's root") : QStringLiteral("/") + QString::fromStdString(s->name));
    m_variables->setValues(s->stageVariables);
    m_format->setText(QString::fromStdString(s->accessLogFormat.value_or("")));
    m_burst->setValue(s->throttling && s->throttling->burstLimit ? *s->throttling->burstLimit : -1);
    m_rate->setValue(s->throttling && s->throttling->rateLimit ? *s->throttling->rateLimit : -1);
    const Api *api = apiOfItem(project(), m_item);
    const QString url = m_urlOf && api ? m_urlOf(QString::fromStdString(api->id), QString::fromStdString(s->name)) : QString();
    m_invokeUrl->setText(url.isEmpty() ? tr("(not served: start the gateway)") : url);
    checkFormat(m_format->text());
    // REST stages serve deployments; HTTP stages serve the design (auto-deploy).
    const RestApiSpec *rest = api ? api->rest() : nullptr;
    m_form->setRowVisible(m_autoDeploy, !rest);
    for (int row : m_restRows)
        m_form->setRowVisible(row, rest != nullptr);
    m_form->setRowVisible(m_canaryPercent, rest && s->canarySettings);
    m_form->setRowVisible(m_canaryVariables, rest && s->canarySettings);
    if (s->canarySettings) {
        m_canaryPercent->setValue(s->canarySettings->percentTraffic);
        m_canaryVariables->setValues(s->canarySettings->stageVariableOverrides);
    }
    m_history->clear();
    if (!rest)
        return;
    m_served->setText(servedText());
    m_served->setToolTip(tr("A REST stage serves a deployment, a snapshot of the API made by Deploy; without one it serves "
                            "the design as it is. Deploying a design with problems is refused."));
    m_promote->setEnabled(s->canarySettings.has_value());
    m_removeCanary->setEnabled(s->canarySettings.has_value());
    for (auto it = rest->deployments.rbegin(); it != rest->deployments.rend(); ++it) {
        QString text = QStringLiteral("%1  %2  %3").arg(QString::fromStdString(it->id), QString::fromStdString(it->createdDate.value_or("")),
                                                      QString::fromStdString(it->description));
        if (s->deployment == it->id)
            text += tr("  ● served");
        if (s->canarySettings && s->canarySettings->deploymentId == it->id)
            text += tr("  ◐ canary %1%").arg(s->canarySettings->percentTraffic);
        if (!it->snapshot.is_object())
            text += tr("  (no snapshot: the design)");
        auto *item = new QListWidgetItem(text, m_history);
        item->setData(Qt::UserRole, QString::fromStdString(it->id));
    }
}

QString StageEditor::servedText() const
{
    const Stage *s = stage();
    const Api *api = apiOfItem(project(), m_item);
    if (!s || !api || !api->rest())
        return {};
    QString text;
    const Deployment *served = nullptr;
    for (const Deployment &d : api->rest()->deployments)
        if (s->deployment == d.id)
            served = &d;
    if (served && served->snapshot.is_object())
        text = tr("deployment %1 of %2 (edits wait for the next Deploy)")
                   .arg(QString::fromStdString(served->id), QString::fromStdString(served->createdDate.value_or("")));
    else
        text = tr("the design, live (every edit is served at once)");
    if (s->canarySettings)
        text += tr("; canary %1 takes %2% of requests").arg(QString::fromStdString(s->canarySettings->deploymentId)).arg(s->canarySettings->percentTraffic);
    return text;
}

bool StageEditor::editStage(const std::function<void(Stage &)> &change, const QString &what)
{
    // Each deployment action is a step of its own (field edits of one kind merge; these must not).
    Project edited = project();
    Stage *s = findStageItem(edited, m_item);
    if (!s)
        return false;
    change(*s);
    QString error;
    if (!m_document->apply(edited, what, &error, m_item)) {
        setProblem(error);
        return false;
    }
    setProblem(QString());
    return true;
}

bool StageEditor::deployNow(const QString &description, std::optional<double> canaryPercent)
{
    const auto where = locateItem(project(), m_item);
    const Stage *s = stage();
    if (!where || !s)
        return false;
    Project edited = project();
    Api &api = edited.apis[size_t(where->api)];
    const RestDeployOutcome outcome = deployRestDesign(api, "/apis/" + std::to_string(where->api), description.toStdString(),
                                                       DeployTarget{s->name, canaryPercent}, QDateTime::currentDateTimeUtc());
    if (!outcome.problems.empty()) {
        setProblem(tr("Not deployed: the design has %n problem(s) (see Problems); the stage keeps what it serves. First: %1", nullptr,
                      int(outcome.problems.size()))
                       .arg(QString::fromStdString(outcome.problems.front().message)));
        return false;
    }
    if (!outcome.deployed) {
        setProblem(tr("Not deployed: %1").arg(QString::fromStdString(outcome.why)));
        return false;
    }
    QString error;
    if (!m_document->apply(edited, tr("Deploy %1 to %2").arg(QString::fromStdString(outcome.deployment.id), QString::fromStdString(s->name)),
                           &error, m_item)) {
        setProblem(error);
        return false;
    }
    setProblem(QString());
    emit message(tr("Deployed %1 to stage %2").arg(QString::fromStdString(outcome.deployment.id), QString::fromStdString(s->name)));
    return true;
}

bool StageEditor::serveDeployment(const QString &id)
{
    return editStage([&](Stage &s) { s.deployment = id.isEmpty() ? std::optional<std::string>() : std::optional(id.toStdString()); },
                     id.isEmpty() ? tr("Serve the design live") : tr("Serve deployment %1").arg(id));
}

bool StageEditor::promoteCanary()
{
    const Stage *s = stage();
    if (!s || !s->canarySettings)
        return false;
    // The console's "Promote Canary": the stage serves the canary's deployment and variables.
    return editStage([](Stage &stage) {
        stage.deployment = stage.canarySettings->deploymentId;
        for (const auto &[name, value] : stage.canarySettings->stageVariableOverrides)
            stage.stageVariables[name] = value;
        stage.canarySettings.reset();
    }, tr("Promote canary"));
}

bool StageEditor::removeCanary()
{
    return editStage([](Stage &stage) { stage.canarySettings.reset(); }, tr("Remove canary"));
}

void StageEditor::commitChange(EditField field)
{
    const Stage *s = stage();
    if (!s)
        return;
    Stage edited = *s;
    edited.autoDeploy = m_autoDeploy->isChecked();
    edited.stageVariables = m_variables->values();
    const QString format = m_format->text().trimmed();
    edited.accessLogFormat = format.isEmpty() ? std::optional<std::string>() : std::optional(format.toStdString());
    Throttling throttling;
    if (m_burst->value() >= 0)
        throttling.burstLimit = m_burst->value();
    if (m_rate->value() >= 0)
        throttling.rateLimit = m_rate->value();
    edited.throttling = throttling.burstLimit || throttling.rateLimit ? std::optional(throttling) : std::nullopt;
    commit(edited, field, tr("Stage %1").arg(QString::fromStdString(s->name)));
}

} // namespace gw::ui
