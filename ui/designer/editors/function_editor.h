#pragma once
// A function's page: runtime, handler (or the command of a custom runtime), code folder, timeout
// and memory within Lambda's limits, reserved concurrency and the environment.
#include "item_editor.h"
#include "runtime/invocation.h"

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace gw::ui {

class KeyValueTable;

class FunctionEditor : public ItemEditor {
    Q_OBJECT
public:
    explicit FunctionEditor(ProjectDocument *document, QWidget *parent = nullptr);
    ItemKind kind() const override { return ItemKind::Function; }
    // Runs the function with an event; done gets the result on the GUI thread. Unset: no gateway.
    using Invoker = std::function<bool(const QString &function, const QByteArray &event,
                                       std::function<void(InvocationResult)> done, QString *whyNot)>;
    void setInvoker(Invoker invoker) { m_invoke = std::move(invoker); }
    // "Invoke with test event": the event in the editor, the result shown below it.
    void invokeWithTestEvent();
    QString resultText() const;
    void setEventText(const QString &text);

protected:
    void load() override;

private:
    const Function *function() const;
    void commitChange(EditField field);
    void showFieldsFor(const QString &runtime);
    void fillTemplate();

    QComboBox *m_runtime;
    QComboBox *m_handler;
    QLineEdit *m_command;
    QLineEdit *m_codeDir;
    QSpinBox *m_timeout;
    QSpinBox *m_memory;
    QSpinBox *m_concurrency;
    KeyValueTable *m_environment;
    QComboBox *m_template;
    QPlainTextEdit *m_event;
    QPushButton *m_invokeButton;
    QLabel *m_resultStatus;
    QPlainTextEdit *m_result;
    Invoker m_invoke;
    ItemId m_eventFor = kNoItem; // the function the event text was made for
};

} // namespace gw::ui
