#include "function_editor.h"

#include "key_value_table.h"
#include "designer/test_events.h"
#include "project_document.h"

#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <nlohmann/json.hpp>

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
    // A picker of the handlers the code folder defines, and a field for any other.
    m_handler = new QComboBox(this);
    m_handler->setObjectName(QStringLiteral("handler"));
    m_handler->setEditable(true);
    m_handler->setInsertPolicy(QComboBox::NoInsert);
    m_handler->lineEdit()->setPlaceholderText(QStringLiteral("app.handler"));
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
    connect(m_handler->lineEdit(), &QLineEdit::editingFinished, this, [this] { commitChange(EditField::FunctionHandler); });
    connect(m_handler, &QComboBox::activated, this, [this] { commitChange(EditField::FunctionHandler); });
    connect(m_command, &QLineEdit::editingFinished, this, [this] { commitChange(EditField::FunctionCommand); });
    connect(m_codeDir, &QLineEdit::editingFinished, this, [this] { commitChange(EditField::FunctionCodeDir); });
    connect(m_timeout, &QSpinBox::editingFinished, this, [this] { commitChange(EditField::FunctionTimeout); });
    connect(m_memory, &QSpinBox::editingFinished, this, [this] { commitChange(EditField::FunctionMemory); });
    connect(m_concurrency, &QSpinBox::editingFinished, this, [this] { commitChange(EditField::FunctionConcurrency); });
    connect(m_environment, &KeyValueTable::edited, this, [this] { commitChange(EditField::FunctionEnvironment); });

    // Invoke with a test event, as the Lambda console's Test tab does.
    m_template = new QComboBox(this);
    m_template->setObjectName(QStringLiteral("eventTemplate"));
    m_template->addItem(tr("HTTP API event (payload 2.0)"), int(TestEventKind::HttpApiV2));
    m_template->addItem(tr("REST API event (payload 1.0)"), int(TestEventKind::PayloadV1));
    m_template->addItem(tr("Empty event {}"), int(TestEventKind::Empty));
    m_form->addRow(tr("Test event"), m_template);
    m_event = new QPlainTextEdit(this);
    m_event->setObjectName(QStringLiteral("testEvent"));
    m_event->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_event->setMinimumHeight(140);
    m_form->addRow(QString(), m_event);
    m_invokeButton = new QPushButton(tr("Invoke with test event"), this);
    m_invokeButton->setObjectName(QStringLiteral("invoke"));
    m_resultStatus = new QLabel(this);
    m_resultStatus->setObjectName(QStringLiteral("invokeStatus"));
    auto *invokeRow = new QHBoxLayout;
    invokeRow->addWidget(m_invokeButton);
    invokeRow->addWidget(m_resultStatus, 1);
    m_form->addRow(QString(), invokeRow);
    m_result = new QPlainTextEdit(this);
    m_result->setObjectName(QStringLiteral("invokeResult"));
    m_result->setReadOnly(true);
    m_result->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_result->setPlaceholderText(tr("The function's result and what it printed"));
    m_result->setMinimumHeight(140);
    m_form->addRow(tr("Result"), m_result);
    connect(m_template, &QComboBox::activated, this, &FunctionEditor::fillTemplate);
    connect(m_invokeButton, &QPushButton::clicked, this, &FunctionEditor::invokeWithTestEvent);
}

void FunctionEditor::fillTemplate()
{
    m_event->setPlainText(QString::fromUtf8(testEvent(TestEventKind(m_template->currentData().toInt()), QStringLiteral("GET"),
                                                      QStringLiteral("/"))));
}

void FunctionEditor::setEventText(const QString &text)
{
    m_event->setPlainText(text);
}

QString FunctionEditor::resultText() const
{
    return m_resultStatus->text() + QLatin1Char('\n') + m_result->toPlainText();
}

void FunctionEditor::invokeWithTestEvent()
{
    const Function *f = function();
    if (!f)
        return;
    const QByteArray event = m_event->toPlainText().toUtf8();
    if (!nlohmann::json::accept(event.constBegin(), event.constEnd())) {
        m_resultStatus->setText(tr("The event is not valid JSON"));
        return;
    }
    QString whyNot;
    QPointer<FunctionEditor> self(this);
    const ItemId item = m_item;
    m_invokeButton->setEnabled(false);
    m_resultStatus->setText(tr("Invoking %1…").arg(QString::fromStdString(f->name)));
    const bool started = m_invoke && m_invoke(QString::fromStdString(f->name), event, [self, item](InvocationResult result) {
        if (!self)
            return;
        self->m_invokeButton->setEnabled(true);
        if (self->m_item != item)
            return; // another function is shown now
        QString status = QString::fromLatin1(invocationStatusName(result.status));
        if (!result.errorType.isEmpty())
            status += QStringLiteral(" · ") + QString::fromUtf8(result.errorType);
        status += QStringLiteral(" · %1 ms").arg(result.durationMs, 0, 'f', 1);
        if (result.coldStart)
            status += QStringLiteral(" · cold start (init %1 ms)").arg(result.initDurationMs, 0, 'f', 1);
        self->m_resultStatus->setText(status);
        const auto json = nlohmann::json::parse(result.payload.constBegin(), result.payload.constEnd(), nullptr, false);
        const QString payload = json.is_discarded() ? QString::fromUtf8(result.payload) : QString::fromStdString(json.dump(2));
        self->m_result->setPlainText(payload + QStringLiteral("\n\n") + result.logs);
    }, &whyNot);
    if (!started) {
        m_invokeButton->setEnabled(true);
        m_resultStatus->setText(whyNot.isEmpty() ? tr("Start the gateway (F5) to invoke functions") : whyNot);
    }
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
    m_handler->clear();
    const QString codeDir = QDir(QFileInfo(m_document->filePath()).absolutePath()).absoluteFilePath(QString::fromStdString(f->codeDir));
    m_handler->addItems(handlersIn(codeDir, QString::fromStdString(f->runtime)));
    m_handler->setCurrentText(QString::fromStdString(f->handler));
    if (m_eventFor != m_item) { // a fresh event for another function; the user's own stays while editing this one
        m_eventFor = m_item;
        fillTemplate();
        m_result->clear();
        m_resultStatus->clear();
    }
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
    edited.handler = m_handler->currentText().trimmed().toStdString();
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
