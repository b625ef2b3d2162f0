#pragma once
// Replaces a file's content atomically: the old content stays until the new one is complete.
#include <QByteArray>
#include <QString>

namespace gw {

// Writes bytes to a temporary file beside path and renames it over path. Returns an empty
// string on success, else why nothing was replaced.
QString writeFileAtomically(const QString &path, const QByteArray &bytes);

} // namespace gw
