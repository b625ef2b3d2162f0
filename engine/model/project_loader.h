#pragma once
// Reads a project from bytes or a file: JSON syntax, then the schema, then references.
#include "project.h"
#include "project_error.h"

#include <QByteArray>
#include <QString>
#include <optional>
#include <variant>

namespace gw {

struct LoadedProject {
    Project project;
    ProjectProblems warnings; // what loads but is not served as written (each with its place)
    QString filePath;   // absolute, "" when loaded from memory
    QString baseDir;    // codeDir paths are relative to this
    QByteArray text;    // the bytes read: saving writes edits into them (format_preserving_json.h)
};

using LoadResult = std::variant<LoadedProject, ProjectError>;

LoadResult loadProjectFile(const QString &path);
LoadResult parseProject(const QByteArray &bytes, const QString &fileName = {}, const QString &baseDir = {});

// Schema and reference checks of an in-memory project (the designer runs this after edits): the
// first error, the others in its `more`; nullopt when there is none (warnings do not count).
std::optional<ProjectError> checkProject(const Project &project);
// Every problem of an in-memory project, errors and warnings, with JSON pointers.
ProjectProblems projectProblems(const Project &project);

} // namespace gw
