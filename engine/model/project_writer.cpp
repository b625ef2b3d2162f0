#include "project_writer.h"

#include "../common/atomic_file.h"

namespace gw {

QByteArray serializeProject(const Project &project)
{
    const std::string text = Json(project).dump(2) + "\n";
    return QByteArray(text.data(), qsizetype(text.size()));
}

QString saveProjectFile(const Project &project, const QString &path)
{
    return writeFileAtomically(path, serializeProject(project));
}

} // namespace gw
