#include "project_document.h"

#include "model/project_loader.h"
#include "model/project_writer.h"

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
    m_undo.clear();
    emit fileChanged(m_filePath);
    emit changed();
    return true;
}

bool ProjectDocument::save(QString *error)
{
    return saveAs(m_filePath, error);
}

bool ProjectDocument::saveAs(const QString &path, QString *error)
{
    const QString failure = saveProjectFile(m_project, path);
    if (!failure.isEmpty()) {
        *error = failure;
        return false;
    }
    if (path != m_filePath) {
        m_filePath = QFileInfo(path).absoluteFilePath();
        emit fileChanged(m_filePath);
    }
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
