#include "project_writer.h"

#include <QSaveFile>

namespace gw {

QByteArray serializeProject(const Project &project)
{
    const std::string text = Json(project).dump(2) + "\n";
    return QByteArray(text.data(), qsizetype(text.size()));
}

QString saveProjectFile(const Project &project, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    const QByteArray bytes = serializeProject(project);
    if (file.write(bytes) != bytes.size())
        return file.errorString();
    if (!file.commit())
        return file.errorString();
    return {};
}

} // namespace gw
