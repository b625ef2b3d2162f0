#pragma once
// What happened inside one request, measured by the pipeline: a span per stage (start, duration,
// how it ended, the lines it logged) on the request's own time axis (0 = its first byte).
#include <QMetaType>
#include <QString>

#include <vector>

namespace gw {

struct TraceSpan {
    enum class Kind : quint8 { Gateway, Integration, Response };
    const char *name = "";   // the stage's name (static text)
    Kind kind = Kind::Gateway;
    qint64 startNs = 0;      // from the request's first byte
    qint64 durationNs = -1;  // -1 while open
    const char *result = ""; // "continue", "reply", "resumed", "deadline", ...
    QByteArray log;          // the execution-log lines this stage wrote, UTF-8, '\n'-terminated
    QString output;          // what a function printed while this stage waited for it
};

struct ExecutionTrace {
    std::vector<TraceSpan> spans;
    qint64 totalNs = 0;         // the response latency, measured
    qint64 integrationNs = -1;  // the integration span's duration, when the integration answered
    bool clientGone = false;    // the client left before the answer
};

} // namespace gw
