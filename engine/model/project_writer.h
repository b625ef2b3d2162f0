#pragma once
// Saves a project atomically (temporary file + rename), so a failed save loses nothing.
#include "project.h"

#include <QString>

namespace gw {

// A new file's text: two-space indents.
QByteArray serializeProject(const Project &project);
// The project written into the text it was loaded from (`original`, which read as `read`):
// what did not change keeps its bytes, so a file in git gets small diffs.
QByteArray serializeProject(const Project &project, const QByteArray &original, const Json &read);
// Returns an empty string on success, else why the save failed.
QString saveProjectFile(const Project &project, const QString &path);
QString saveProjectFile(const QByteArray &text, const QString &path);

} // namespace gw
