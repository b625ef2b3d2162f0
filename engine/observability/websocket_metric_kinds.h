#pragma once
// Which of the WebSocket API metrics one logged event counts in, as websocket-api-logging.html
// defines them: ConnectCount ($connect integration calls), MessageCount (messages clients sent;
// replies and pushes are not logged events), ClientError (a 4xx API Gateway returned before any
// integration ran), IntegrationError (the integration answered 4xx/5xx) and ExecutionError (calling
// the integration failed: a function error, a timeout, an unreachable backend, a malformed answer).
// HTTP and REST requests count in none of them.
#include "access_log_entry.h"

namespace gw {

struct WebSocketMetricKinds {
    bool webSocket = false; // the entry is a WebSocket event at all
    bool connect = false;
    bool message = false;
    bool clientError = false;
    bool integrationError = false;
    bool executionError = false;
};

WebSocketMetricKinds webSocketMetricKinds(const AccessLogEntry &entry);

} // namespace gw
