#include "project_writer.h"

#include "../common/atomic_file.h"
#include "format_preserving_json.h"

namespace gw {

QByteArray serializeProject(const Project &project)
{
    const std::string text = writePreservingFormat({}, Json(), Json(project));
    return QByteArray(text.data(), qsizetype(text.size()));
}

QByteArray serializeProject(const Project &project, const QByteArray &original, const Json &read)
{
    const std::string text = writePreservingFormat(std::string_view(original.constData(), size_t(original.size())), read,
                                                   Json(project));
    return QByteArray(text.data(), qsizetype(text.size()));
}

QString saveProjectFile(const Project &project, const QString &path)
{
    return writeFileAtomically(path, serializeProject(project));
}

QString saveProjectFile(const QByteArray &text, const QString &path)
{
    return writeFileAtomically(path, text);
}

} // namespace gw
