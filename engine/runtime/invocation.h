#pragma once
// What a Lambda invocation takes and what it ends with (plain values, passed across threads).
#include <QByteArray>
#include <QString>
#include <functional>

namespace gw {

struct InvocationRequest {
    QByteArray payload;        // the event JSON
    QByteArray requestId;      // Lambda request id (UUID)
    QByteArray traceId;        // X-Amzn-Trace-Id
};

struct InvocationResult {
    enum class Status {
        Success,         // POST /response
        FunctionError,   // POST /error (the handler threw)
        Timeout,         // ran past the function's timeout; the process was killed
        RuntimeExited,   // the process died mid-invocation
        InitError,       // the runtime reported /init/error, or died before asking for work
        ServiceError,    // could not run at all (no such function, cannot start the program)
    };
    Status status = Status::Success;
    QByteArray payload;        // response body, or the error document {"errorMessage",...}
    QByteArray errorType;      // e.g. "Runtime.ImportModuleError", "Sandbox.Timedout"
    QString errorMessage;
    QString logs;              // stdout/stderr lines written during the invocation
    bool coldStart = false;
    double durationMs = 0;
    double initDurationMs = 0;
};

using InvocationCallback = std::function<void(InvocationResult)>;

const char *invocationStatusName(InvocationResult::Status status);

} // namespace gw
