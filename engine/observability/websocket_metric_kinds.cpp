#include "websocket_metric_kinds.h"

namespace gw {

WebSocketMetricKinds webSocketMetricKinds(const AccessLogEntry &entry)
{
    WebSocketMetricKinds kinds;
    if (entry.eventType.isEmpty())
        return kinds;
    kinds.webSocket = true;
    kinds.connect = entry.eventType == "CONNECT";
    kinds.message = entry.eventType == "MESSAGE";
    const bool integrationAnswered = entry.integrationLatencyMs >= 0;
    kinds.executionError = isServerFault(entry.outcome);
    // The integration's own status: the backend's or the function's answer, else the invoke's.
    const int integrationStatus = entry.integrationResponseStatus ? entry.integrationResponseStatus : entry.integrationStatus;
    kinds.integrationError = integrationAnswered && !kinds.executionError && integrationStatus >= 400 && integrationStatus < 600;
    kinds.clientError = !integrationAnswered && !kinds.executionError && entry.status >= 400 && entry.status < 500;
    return kinds;
}

} // namespace gw
