#include "project_error.h"

namespace gw {

QString ProjectError::toString() const
{
    QString where = file.isEmpty() ? QStringLiteral("<project>") : file;
    if (line > 0)
        where += QStringLiteral(":%1:%2").arg(line).arg(column);
    if (!pointer.empty())
        where += QStringLiteral(": at %1").arg(QString::fromStdString(pointer));
    return where + (isWarning() ? QStringLiteral(": warning: ") : QStringLiteral(": ")) + QString::fromStdString(message);
}

QStringList ProjectError::allProblems() const
{
    QStringList lines{toString()};
    for (const ProjectError &other : more)
        lines << other.toString();
    return lines;
}

} // namespace gw
