#include "function_editor.h"

#include "key_value_table.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace gw::ui {

FunctionEditor::FunctionEditor(ProjectDocument *document, QWidget *parent) : ItemEditor(document, tr("Function"), parent)
{
    m_runtime = new QComboBox(this);
    m_runtime->setObjectName(QStringLiteral("runtime"));
    m_runtime->addItem(tr("Python 3"), QStringLiteral("python3"));
    m_runtime->addItem(tr("Node.js"), QStringLiteral("nodejs"));
    m_runtime->addItem(tr("Custom runtime (a command)"), QStringLiteral("command"));
    m_form->addRow(tr("Runtime"), m_runtime);
    m_handler = new QLineEdit(this);
    m_handler->setObjectName(QStringLiteral("handler"));
    m_handler->setPlaceholderText(QStringLiteral("app.handler"));
    m_handler->setToolTip(tr("module.function: app.handler is function handler in app.py or app.js"));
    m_form->addRow(tr("Handler"), m_handler);
    m_command = new QLineEdit(this);
    m_command->setObjectName(QStringLiteral("command"));
    m_command->setPlaceholderText(QStringLiteral("./bootstrap"));
    m_command->setToolTip(tr("The program (and arguments, separated by spaces) that speaks the Lambda Runtime API"));
    m_form->addRow(tr("Command"), m_command);
    m_codeDir = new QLineEdit(this);
    m_codeDir->setObjectName(QStringLiteral("codeDir"));
    m_codeDir->setToolTip(tr("Relative to the project file"));
    m_form->addRow(tr("Code folder"), m_codeDir);
    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setRange(1, 900); // Lambda: 1 s to 15 min
    m_timeout->setSuffix(tr(" s"));
    m_form->addRow(tr("Timeout"), m_timeout);
    m_memory = new QSpinBox(this);
    m_memory->setObjectName(QStringLiteral("memorySize"));
    m_memory->setRange(128, 10240); // Lambda: 128 MB to 10 240 MB
    m_memory->setSingleStep(64);
    m_memory->setSuffix(tr(" MB"));
    m_form->addRow(tr("Memory"), m_memory);
    m_concurrency = new QSpinBox(this);
    m_concurrency->setObjectName(QStringLiteral("reservedConcurrency"));
    m_concurrency->setRange(0, 1000);
    m_concurrency->setSpecialValueText(tr("default (8 warm processes)"));
    m_form->addRow(tr("Reserved concurrency"), m_concurrency);
    m_environment = new KeyValueTable(tr("Variable"), tr("Value"), this);
    m_environment->setObjectName(QStringLiteral("environment"));
    m_form->addRow(tr("Environment"), m_environment);

    connect(m_runtime, &QComboBox::activated, this, [this] { commitChange(EditField::FunctionRuntime); });
    connect(m_handler, &QLineEdit::editingFinished, this, [this] { commitChange(EditField::FunctionHandler); });
    connect(m_command, &QLineEdit::editingFinished, this, [this] { commitChange(EditField::FunctionCommand); });
    connect(m_codeDir, &QLineEdit::editingFinished, this, [this] { commitChange(EditField::FunctionCodeDir); });
    connect(m_timeout, &QSpinBox::editingFinished, this, [this] { commitChange(EditField::FunctionTimeout); });
    connect(m_memory, &QSpinBox::editingFinished, this, [this] { commitChange(EditField::FunctionMemory); });
    connect(m_concurrency, &QSpinBox::editingFinished, this, [this] { commitChange(EditField::FunctionConcurrency); });
    connect(m_environment, &KeyValueTable::edited, this, [this] { commitChange(EditField::FunctionEnvironment); });
}

const Function *FunctionEditor::function() const
{
    return findFunctionItem(project(), m_item);
}

void FunctionEditor::showFieldsFor(const QString &runtime)
{
    const bool command = runtime == QLatin1String("command");
    m_handler->setVisible(!command);
    m_form->labelForField(m_handler)->setVisible(!command);
    m_command->setVisible(command);
    m_form->labelForField(m_command)->setVisible(command);
}

void FunctionEditor::load()
{
    const Function *f = function();
    if (!f)
        return;
    setTitle(QString::fromStdString(f->name));
    m_runtime->setCurrentIndex(std::max(0, m_runtime->findData(QString::fromStdString(f->runtime))));
    m_handler->setText(QString::fromStdString(f->handler));
    QStringList command;
    for (const std::string &part : f->command)
        command << QString::fromStdString(part);
    m_command->setText(command.join(QLatin1Char(' ')));
    m_codeDir->setText(QString::fromStdString(f->codeDir));
    m_timeout->setValue(f->timeout);
    m_memory->setValue(f->memorySize);
    m_concurrency->setValue(f->reservedConcurrency.value_or(0));
    m_environment->setValues(f->environment);
    showFieldsFor(QString::fromStdString(f->runtime));
}

void FunctionEditor::commitChange(EditField field)
{
    const Function *f = function();
    if (!f)
        return;
    Function edited = *f;
    edited.runtime = m_runtime->currentData().toString().toStdString();
    edited.handler = m_handler->text().trimmed().toStdString();
    edited.command.clear();
    for (const QString &part : m_command->text().split(QLatin1Char(' '), Qt::SkipEmptyParts))
        edited.command.push_back(part.toStdString());
    edited.codeDir = m_codeDir->text().trimmed().isEmpty() ? std::string(".") : m_codeDir->text().trimmed().toStdString();
    edited.timeout = m_timeout->value();
    edited.memorySize = m_memory->value();
    edited.reservedConcurrency = m_concurrency->value() > 0 ? std::optional(m_concurrency->value()) : std::nullopt;
    edited.environment = m_environment->values();
    if (field == EditField::FunctionRuntime)
        showFieldsFor(QString::fromStdString(edited.runtime));
    commit(edited, field, tr("Function %1").arg(QString::fromStdString(f->name)));
}

} // namespace gw::ui
