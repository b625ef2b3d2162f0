#pragma once
// Renders an access-log entry with a stage's $context format, like the service's access logging.
#include "access_log_entry.h"

#include <QString>

namespace gw {

// The JSON format the API Gateway console proposes for HTTP APIs, plus the latency and
// integration fields users add first.
QString defaultAccessLogFormat();
// Replaces $context.name variables (longest name first); unknown ones are left as written.
QByteArray formatAccessLog(const AccessLogEntry &entry, const QString &format);
// The value of one $context variable, or nullopt when it is not one we know.
std::optional<QByteArray> contextVariable(const AccessLogEntry &entry, QStringView name);
// "14/Apr/2025:22:13:56 +0000"
QByteArray clfTime(qint64 epochMs);

} // namespace gw
