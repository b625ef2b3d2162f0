#include "stage_editor.h"

#include "key_value_table.h"
#include "observability/access_log_formatter.h"
#include "observability/context_variables.h"

#include <QAbstractItemView>
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
