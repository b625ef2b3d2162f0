#include "runtime_bootstraps.h"

#include "../common/atomic_file.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QStandardPaths>

namespace gw {

extern const char *const kPythonBootstrapText;
extern const char *const kNodeBootstrapText;

QString runtimeBootstrapPath(const QString &runtime)
{
    static QMutex mutex;
    QMutexLocker lock(&mutex);
    const bool python = runtime == QLatin1String("python3");
    const QByteArray text = python ? QByteArray(kPythonBootstrapText) : QByteArray(kNodeBootstrapText);
    // Content-addressed, so several Gatewright versions side by side never overwrite each other's.
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex().left(12));
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (base.isEmpty())
        base = QDir::tempPath();
    const QString dir = base + QStringLiteral("/gatewright/runtimes/") + hash;
    const QString path = dir + (python ? QStringLiteral("/bootstrap.py") : QStringLiteral("/bootstrap.js"));
    if (QFile::exists(path))
        return path;
    if (!QDir().mkpath(dir))
        return {};
    if (!writeFileAtomically(path, text).isEmpty())
        return {};
    return path;
}

} // namespace gw
