#include "sample_project.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFile>
#include <QStandardPaths>

#include "free_port.h"
#include "model/project_loader.h"
#include "model/project_writer.h"

// The qrc lives in a static library: its resources must be registered by hand.
static void registerSampleResources()
{
    Q_INIT_RESOURCE(gatewright);
}

namespace gw::ui {

namespace {
// Every API of the installed copy with port 0 ("any") gets a port of its own, saved in the file.
QString pinPorts(const QString &projectFile)
{
    LoadResult result = loadProjectFile(projectFile);
    auto *loaded = std::get_if<LoadedProject>(&result);
    if (!loaded)
        return std::get<ProjectError>(result).toString();
    Project pinned = loaded->project;
    for (Api &api : pinned.apis)
        if (api.port == 0)
            api.port = freeLoopbackPort();
    return saveProjectFile(serializeProject(pinned, loaded->text, Json(loaded->project)), projectFile);
}
} // namespace

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
    if (const QString failure = pinPorts(projectFile); !failure.isEmpty()) {
        *error = failure;
        return {};
    }
    return projectFile;
}

} // namespace gw::ui
