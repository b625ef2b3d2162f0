#pragma once
// Saves a project atomically (temporary file + rename), so a failed save loses nothing.
#include "project.h"

#include <QString>

namespace gw {

QByteArray serializeProject(const Project &project);
// Returns an empty string on success, else why the save failed.
QString saveProjectFile(const Project &project, const QString &path);

} // namespace gw
