#pragma once
// The page for one kind of project item: real widgets for its fields, each committed as one
// undoable edit when the user finishes it, problems shown next to the field.
#include "document/edit_item_command.h"
#include "model/project_items.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace gw::ui {

class ProjectDocument;

class ItemEditor : public QWidget {
    Q_OBJECT
public:
    ItemEditor(ProjectDocument *document, const QString &kindTitle, QWidget *parent = nullptr);
    // Shows the item (or nothing for kNoItem); re-read whenever the document changes.
    void showItem(ItemId id);
    ItemId item() const { return m_item; }
    virtual ItemKind kind() const = 0;
    // What the page says under its fields (a refused edit's reason); empty when nothing.
    QString problemText() const;

signals:
    void message(const QString &text);
    // What this page holds that is not applied and why (empty when nothing): the Problems panel
    // lists it beside the project's findings while the user is still typing.
    void draftProblemChanged(ItemId item, const QString &text);

protected:
    // Fills the fields from the document's current item (called with signals from fields blocked).
    virtual void load() = 0;
    // Applies an edit through the document; shows its problem under the fields when refused.
    template <typename Item> bool commit(const Item &after, EditField field, const QString &what);
    void setProblem(const QString &text);
    void setTitle(const QString &text);
    const Project &project() const;

    ProjectDocument *m_document;
    QFormLayout *m_form;
    ItemId m_item = kNoItem;
    bool m_loading = false;

private:
    void reload();
    QLabel *m_kind;
    QLabel *m_title;
    QLabel *m_problem;
};

} // namespace gw::ui

#include "project_document.h"

namespace gw::ui {

template <typename Item> bool ItemEditor::commit(const Item &after, EditField field, const QString &what)
{
    if (m_loading)
        return true;
    QString error;
    if (!m_document->editItem(m_item, after, field, what, &error)) {
        setProblem(error);
        return false;
    }
    setProblem(QString());
    return true;
}

} // namespace gw::ui
