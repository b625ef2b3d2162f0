#include "project_document.h"

#include "model/project_loader.h"
#include "model/project_writer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QUndoCommand>

namespace gw::ui {

namespace {
class ProjectEditCommand : public QUndoCommand {
public:
    ProjectEditCommand(ProjectDocument *document, Project before, Project after, const QString &text, ItemId select)
        : QUndoCommand(text), m_document(document), m_before(std::move(before)), m_after(std::move(after)), m_select(select)
    {
    }
    void undo() override { m_document->setProjectDirect(m_before, m_select); }
    void redo() override { m_document->setProjectDirect(m_after, m_select); }

private:
    ProjectDocument *m_document;
    Project m_before, m_after;
    ItemId m_select;
};
} // namespace

ProjectDocument::ProjectDocument(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this](const QString &path) {
        // Saves replace the file (write and rename), which ends the watch: watch it again. Our
        // own saves leave the bytes we wrote, so only another program's change is reported.
        watch();
        QFile file(path);
        if (path == m_filePath && file.open(QIODevice::ReadOnly) && file.readAll() != m_savedText)
            emit changedOnDisk(path);
    });
}

void ProjectDocument::watch()
{
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_filePath.isEmpty() && QFile::exists(m_filePath))
        m_watcher.addPath(m_filePath);
}

bool ProjectDocument::reload(QString *error)
{
    return open(m_filePath, error);
}

QString ProjectDocument::baseDir() const
{
    return m_filePath.isEmpty() ? QString() : QFileInfo(m_filePath).absolutePath();
}

bool ProjectDocument::open(const QString &path, QString *error)
{
    LoadResult loaded = loadProjectFile(path);
    if (auto *failure = std::get_if<ProjectError>(&loaded)) {
        *error = failure->allProblems().join(QLatin1Char('\n'));
        return false;
    }
    auto &project = std::get<LoadedProject>(loaded);
    m_project = project.project;
    m_filePath = project.filePath;
    m_savedText = project.text;
    m_savedRead = Json(m_project);
    m_undo.clear();
    watch();
    emit fileChanged(m_filePath);
    emit changed();
    return true;
}

QByteArray ProjectDocument::serialized() const
{
    return m_savedText.isEmpty() ? serializeProject(m_project) : serializeProject(m_project, m_savedText, m_savedRead);
}

bool ProjectDocument::save(QString *error)
{
    return saveAs(m_filePath, CodeDirs::Rewrite, error);
}

namespace {
bool copyTree(const QString &from, const QString &to, QString *error)
{
    if (!QDir().mkpath(to)) {
        *error = QObject::tr("cannot create %1").arg(to);
        return false;
    }
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = QDir(to).absoluteFilePath(QDir(from).relativeFilePath(source));
        if (QFile::exists(target))
            continue; // never overwrite what is there
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(source, target)) {
            *error = QObject::tr("cannot copy %1 to %2").arg(source, target);
            return false;
        }
    }
    return true;
}
} // namespace

bool ProjectDocument::saveAs(const QString &path, CodeDirs codeDirs, QString *error, QString *report)
{
    const QString newBase = QFileInfo(path).absolutePath();
    const QString oldBase = baseDir();
    if (report)
        report->clear();
    if (!oldBase.isEmpty() && QDir(newBase) != QDir(oldBase)) {
        Project moved = m_project;
        QStringList done;
        for (Function &function : moved.functions) {
            const QString codeDir = QString::fromStdString(function.codeDir);
            if (QDir::isAbsolutePath(codeDir))
                continue;
            const QString source = QDir::cleanPath(QDir(oldBase).absoluteFilePath(codeDir));
            if (codeDirs == CodeDirs::Copy) {
                if (!copyTree(source, QDir(newBase).absoluteFilePath(codeDir), error))
                    return false;
                done << tr("copied %1 for %2").arg(codeDir, QString::fromStdString(function.name));
            } else {
                const QString rewritten = QDir(newBase).relativeFilePath(source);
                function.codeDir = rewritten.toStdString();
                done << tr("%1: codeDir %2 is now %3").arg(QString::fromStdString(function.name), codeDir, rewritten);
            }
        }
        if (report)
            *report = done.join(QStringLiteral("; "));
        // The rewrite is a step of its own, so undo can take it back like any edit.
        if (codeDirs == CodeDirs::Rewrite && !apply(moved, tr("Code paths from %1").arg(newBase), error))
            return false;
    }
    const QByteArray text = serialized();
    const QString failure = saveProjectFile(text, path);
    if (!failure.isEmpty()) {
        *error = failure;
        return false;
    }
    m_savedText = text;
    m_savedRead = Json(m_project);
    if (QFileInfo(path).absoluteFilePath() != m_filePath) {
        m_filePath = QFileInfo(path).absoluteFilePath();
        emit fileChanged(m_filePath);
    }
    watch();
    m_undo.setClean();
    return true;
}

bool ProjectDocument::check(const Project &candidate, QString *error) const
{
    if (auto problem = checkProject(candidate)) {
        *error = problem->toString();
        return false;
    }
    return true;
}

bool ProjectDocument::apply(const Project &edited, const QString &description, QString *error, ItemId select)
{
    if (Json(edited) == Json(m_project))
        return true; // nothing changed: no step, not modified
    if (!check(edited, error))
        return false;
    m_undo.push(new ProjectEditCommand(this, m_project, edited, description, select));
    return true;
}

void ProjectDocument::setProjectDirect(const Project &project, ItemId changedItem)
{
    m_project = project;
    emit changed();
    if (changedItem != kNoItem)
        emit itemChanged(changedItem);
}

} // namespace gw::ui
