#pragma once
// A request's execution log in the text TestInvokeMethod returns: "Execution log for request ID",
// then each line as "Wed Dec 02 20:40:01 UTC 2026 : LINE" (Java's Date.toString in UTC), then an
// empty line (recorded: ../shared/conformance/rest-recorded test-invoke-method/*).
#include "access_log_entry.h"

#include <QByteArray>
#include <QString>

namespace gw {

QString executionLogText(const AccessLogEntry &entry);

// The same lines as a stage's CloudWatch execution log holds them, for `serve --execution-log`:
// each message is "(REQUEST-ID) LINE" (the service's execution-log format), after the request's
// time in ISO 8601 UTC as `aws logs tail` shows an event's. Nothing for a request without notes.
void appendExecutionLogLines(QByteArray &out, const AccessLogEntry &entry);

} // namespace gw
