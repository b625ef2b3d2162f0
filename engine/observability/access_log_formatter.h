#pragma once
// Renders an access-log entry with a stage's $context format, like the service's access logging.
#include "../common/http_dates.h"
#include "context_variables.h"

#include <QString>
#include <optional>
#include <vector>

namespace gw {

// The JSON format the API Gateway console proposes for HTTP APIs, plus the latency and
// integration fields users add first.
QString defaultAccessLogFormat();
// A format parsed once: literal text and the $context variables between it. Rendering many
// entries with one AccessLogFormat avoids re-reading the format for every line.
class AccessLogFormat {
public:
    explicit AccessLogFormat(const QString &format);
    void appendTo(QByteArray &out, const ContextVariables &entry) const;

private:
    struct Part {
        QByteArray literal; // text before the variable
        int variable;       // kNoVariable: none (trailing text); kUnset: a name without a local value
    };
    static constexpr int kNoVariable = -1;
    static constexpr int kUnset = -2;
    std::vector<Part> m_parts;
};

// Replaces $context.name variables; a name without a local value (or unknown) prints "-", as on
// the service.
QByteArray formatAccessLog(const ContextVariables &entry, const QString &format);
// The value of one $context variable, or nullopt when it is not one we know.
std::optional<QByteArray> contextVariable(const ContextVariables &entry, QStringView name);

} // namespace gw
