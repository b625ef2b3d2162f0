#pragma once
// Edits the selected item: a form for its plain fields and the item's JSON in a code editor.
// Both edit the same thing; Apply checks the result and records it as one undoable edit.
#include <QWidget>
#include <nlohmann/json.hpp>

class QFormLayout;
class QLabel;
class QsciScintilla;

namespace gw::ui {

class ProjectDocument;

class ItemForm : public QWidget {
    Q_OBJECT
public:
    explicit ItemForm(ProjectDocument *document, QWidget *parent = nullptr);
    void showItem(const QString &pointer);
    QString currentPointer() const { return m_pointer; }
    bool applyJsonText(const QString &text, QString *error); // also used by tests

signals:
    void message(const QString &text);

private:
    void rebuild();
    void applyFromForm();
    void applyFromEditor();
    bool applyItem(const nlohmann::json &item, QString *error);

    ProjectDocument *m_document;
    QString m_pointer;
    QLabel *m_title;
    QWidget *m_formHost;
    QFormLayout *m_form;
    QsciScintilla *m_json;
    std::vector<std::pair<std::string, QWidget *>> m_fields;
};

} // namespace gw::ui
