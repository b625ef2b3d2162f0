#pragma once
// The Add menu's dialogs: a route, an integration, a function (from a runtime template, with its
// integration and route if asked), a stage or an API. Each makes a valid item: what it would add
// is checked as the user types, and OK stays off until it is.
#include "model/project.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace gw::ui {

class AddItemDialog : public QDialog {
    Q_OBJECT
public:
    enum class Kind { Route, Integration, Function, Stage, Api };
    // `api`: the API to add to (routes, integrations, stages); the first HTTP API when kNoItem.
    AddItemDialog(Kind kind, const Project &project, const QString &baseDir, ItemId api, QWidget *parent = nullptr);

    // The project with the new item(s), and the id of the one to select; valid when problem() is empty.
    Project result() const;
    ItemId created() const { return m_created; }
    QString problem() const { return m_problem; }
    QString description() const;
    // Source files a new function needs (path relative to the project's folder -> text); written on accept.
    const std::map<QString, QByteArray> &filesToWrite() const { return m_files; }
    // Writes filesToWrite() that do not exist yet; false (and why) when one cannot be written.
    bool writeFiles(QString *error) const;

private:
    void rebuild(); // recomputes result, problem and the OK button from the fields
    QLineEdit *line(const char *name, const QString &label, const QString &text);
    QComboBox *combo(const char *name, const QString &label, const QStringList &items);

    Kind m_kind;
    Project m_project;
    QString m_baseDir;
    ItemId m_api = kNoItem;
    QFormLayout *m_form;
    QLabel *m_problemLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    std::map<QString, QWidget *> m_fields;
    QCheckBox *m_alsoRoute = nullptr;
    Project m_result;
    ItemId m_created = kNoItem;
    QString m_problem;
    std::map<QString, QByteArray> m_files;
};

// A new function's source: a handler that answers JSON, as the Lambda console's starters do
// (app.py for "python3", app.js for "nodejs").
QByteArray functionTemplate(const std::string &runtime, const QString &name);

} // namespace gw::ui
