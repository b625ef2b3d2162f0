#pragma once
// A function's page: runtime, handler (or the command of a custom runtime), code folder, timeout
// and memory within Lambda's limits, reserved concurrency and the environment.
#include "item_editor.h"

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace gw::ui {

class KeyValueTable;

class FunctionEditor : public ItemEditor {
    Q_OBJECT
public:
    explicit FunctionEditor(ProjectDocument *document, QWidget *parent = nullptr);
    ItemKind kind() const override { return ItemKind::Function; }

protected:
    void load() override;

private:
    const Function *function() const;
    void commitChange(EditField field);
    void showFieldsFor(const QString &runtime);

    QComboBox *m_runtime;
    QLineEdit *m_handler;
    QLineEdit *m_command;
    QLineEdit *m_codeDir;
    QSpinBox *m_timeout;
    QSpinBox *m_memory;
    QSpinBox *m_concurrency;
    KeyValueTable *m_environment;
};

} // namespace gw::ui
