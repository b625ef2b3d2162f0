#include "sample_project.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFile>
#include <QStandardPaths>

// The qrc lives in a static library: its resources must be registered by hand.
static void registerSampleResources()
{
    Q_INIT_RESOURCE(gatewright);
}

namespace gw::ui {

QString installSampleProject(QString *error, const QString &targetRoot)
{
    const QString root = targetRoot.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/samples")
                             : targetRoot;
    const QString projectFile = root + QStringLiteral("/orders/orders.gatewright.json");
    if (QFile::exists(projectFile))
        return projectFile; // keep the user's edits
    registerSampleResources();
    QDirIterator it(QStringLiteral(":/samples"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = root + source.mid(QStringLiteral(":/samples").size());
        if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
            *error = QStringLiteral("cannot create %1").arg(QFileInfo(target).absolutePath());
            return {};
        }
        QFile::remove(target);
        if (!QFile::copy(source, target)) {
            *error = QStringLiteral("cannot write %1").arg(target);
            return {};
        }
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    return projectFile;
}

} // namespace gw::ui
