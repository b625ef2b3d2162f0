#include "project_error.h"

namespace gw {

QString ProjectError::toString() const
{
    QString where = file.isEmpty() ? QStringLiteral("<project>") : file;
    if (line > 0)
        where += QStringLiteral(":%1:%2").arg(line).arg(column);
    else if (!pointer.empty())
        where += QStringLiteral(": at %1").arg(QString::fromStdString(pointer));
    return where + QStringLiteral(": ") + QString::fromStdString(message);
}

} // namespace gw
