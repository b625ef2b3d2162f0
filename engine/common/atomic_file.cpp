#include "atomic_file.h"

#include <QSaveFile>

namespace gw {

QString writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    // Unbuffered: Qt 6.4's QSaveFile::commit() ignores a failed flush of its own buffer and
    // renames the truncated file over the old one (seen with a full disk and with a file-size
    // limit). Written directly, a short write is seen here and the temporary file is dropped.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return file.errorString();
    if (file.write(bytes) != bytes.size()) {
        const QString why = file.error() == QFileDevice::NoError ? QStringLiteral("the file could not be written in full")
                                                                 : file.errorString();
        file.cancelWriting();
        return why;
    }
    if (!file.commit())
        return file.errorString();
    return {};
}

} // namespace gw
