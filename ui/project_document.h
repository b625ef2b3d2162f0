#pragma once
// The open project: the model, its file, and every edit as an undoable step. Edits of one
// item's fields are typed steps addressed by ItemId (ui/document/edit_item_command.h); adding and
// removing items are snapshots of the project.
#include "document/edit_item_command.h"
#include "model/project.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QUndoStack>

namespace gw::ui {

class ProjectDocument : public QObject {
    Q_OBJECT
public:
    explicit ProjectDocument(QObject *parent = nullptr);

    const Project &project() const { return m_project; }
    QString filePath() const { return m_filePath; }
    QString baseDir() const;
    QUndoStack *undoStack() { return &m_undo; }
    bool isModified() const { return !m_undo.isClean(); }

    // Loads a file; on failure nothing changes and the error says where and why.
    bool open(const QString &path, QString *error);
    bool save(QString *error);
    // Relative codeDir paths are relative to the file: saving elsewhere either rewrites them to
    // reach the same folders from there, or copies the folders beside the new file.
    enum class CodeDirs { Rewrite, Copy };
    // `report` says what was done to which function's code ("" when nothing had to be).
    bool saveAs(const QString &path, CodeDirs codeDirs, QString *error, QString *report = nullptr);
    // The bytes a save would write now.
    QByteArray serialized() const;
    // Reads the file again (it changed on disk); on failure nothing changes.
    bool reload(QString *error);
    // A structural edit (add, remove): checked first (schema and references); refused edits
    // change nothing; an edit that changes nothing adds no step.
    bool apply(const Project &edited, const QString &description, QString *error, ItemId select = kNoItem);
    // One field of one item: `after` is the whole item with the field changed. Checked first; a
    // no-op adds nothing; successive edits of the same field merge into one step.
    template <typename Item>
    bool editItem(ItemId id, const Item &after, EditField field, const QString &description, QString *error);

    void setProjectDirect(const Project &project, ItemId changed = kNoItem); // used by undo commands

signals:
    void changed();
    // The item an edit, undo or redo changed: the window selects it.
    void itemChanged(gw::ItemId id);
    void fileChanged(const QString &path);
    // Another program changed the file (not one of our saves).
    void changedOnDisk(const QString &path);

private:
    bool check(const Project &candidate, QString *error) const;
    Project m_project;
    QString m_filePath;
    void watch();
    QFileSystemWatcher m_watcher;
    QByteArray m_savedText; // the file as last read or written: saves edit it (small diffs)
    Json m_savedRead;       // m_project's JSON as it was then
    QUndoStack m_undo;
};

template <typename Item>
bool ProjectDocument::editItem(ItemId id, const Item &after, EditField field, const QString &description, QString *error)
{
    Project candidate = m_project;
    Item *target = ItemAccess<Item>::find(candidate, id);
    if (!target) {
        *error = tr("the item no longer exists");
        return false;
    }
    if (Json(*target) == Json(after))
        return true; // nothing changed: no step, not modified
    const Item before = *target;
    *target = after;
    if (!check(candidate, error))
        return false;
    ItemSetter set = [this](const std::function<void(Project &)> &change, ItemId select) {
        Project next = m_project;
        change(next);
        setProjectDirect(next, select);
    };
    m_undo.push(new EditItemCommand<Item>(std::move(set), id, before, after, field, description));
    return true;
}

} // namespace gw::ui
