#pragma once
// Lambda proxy events of WebSocket APIs: CONNECT, MESSAGE and DISCONNECT, field for field like
// the service's (../shared/conformance/events: aws-lambda-dotnet/websocket-api-connect-request.json,
// captured; aws-lambda-go/apigw-websocket-request-send-message.json and
// apigw-websocket-request-disconnect.json, captured). Pure functions of their input.
#include "../../common/http_message.h"
#include "../../observability/context_variables.h"

#include <string_view>

namespace gw {

struct WebSocketEventInput {
    WebSocketEventInput(const ContextVariables &c, std::string_view key) : context(c), routeKey(key) {}
    const ContextVariables &context; // ids, eventType, connectionId, connectedAt, stage, identity, time
    std::string_view routeKey;       // "$connect", "$default", "sendmessage"
    // CONNECT: the handshake's headers as the integration sees them, and its query string.
    const std::vector<HttpHeader> *headers = nullptr;
    QByteArrayView rawQuery;
    // MESSAGE: the frame's text.
    QByteArrayView body;
    // DISCONNECT: the close code and reason.
    int disconnectStatusCode = 1005;
    QByteArrayView disconnectReason;
};

QByteArray webSocketEvent(const WebSocketEventInput &input);

} // namespace gw
