#pragma once
// Dates in the texts the service writes, with English names whatever the process locale is
// (strftime's %a and %b follow LC_TIME, and Qt applications set it from the environment).
#include <QByteArray>

namespace gw {

// "Tue, 01 Dec 2026 19:47:30 GMT" (RFC 9110 IMF-fixdate), for Date headers.
QByteArray imfFixdate(qint64 epochMs);
// "01/Dec/2026:19:47:30 +0000", for $context.requestTime and requestContext.time.
QByteArray clfTime(qint64 epochMs);

} // namespace gw
