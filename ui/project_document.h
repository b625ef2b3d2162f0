#pragma once
// The open project: the model, its file, and every edit as an undoable snapshot.
#include "model/project.h"

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
    bool saveAs(const QString &path, QString *error);
    // An edit: checked first (schema and references); refused edits change nothing.
    bool apply(const Project &edited, const QString &description, QString *error);

    void setProjectDirect(const Project &project); // used by undo commands only

signals:
    void changed();
    void fileChanged(const QString &path);

private:
    Project m_project;
    QString m_filePath;
    QUndoStack m_undo;
};

} // namespace gw::ui
