#pragma once
// A request's execution log in the text TestInvokeMethod returns: "Execution log for request ID",
// then each line as "Wed Dec 02 20:40:01 UTC 2026 : LINE" (Java's Date.toString in UTC), then an
// empty line (recorded: ../shared/conformance/rest-recorded test-invoke-method/*).
#include "access_log_entry.h"

#include <QString>

namespace gw {

QString executionLogText(const AccessLogEntry &entry);

} // namespace gw
