#include "stage_editor.h"

#include "key_value_table.h"
#include "observability/access_log_formatter.h"
#include "observability/context_variables.h"

#include <QCheckBox>
#include <QFormLayout>
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

    connect(m_autoDeploy, &QCheckBox::toggled, this, [this] { commitChange(EditField::StageAutoDeploy); });
    connect(m_variables, &KeyValueTable::edited, this, [this] { commitChange(EditField::StageVariables); });
    connect(m_format, &QLineEdit::textEdited, this, &StageEditor::checkFormat);
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
    commit(edited, field, tr("Stage %1").arg(QString::fromStdString(s->name)));
}

} // namespace gw::ui
