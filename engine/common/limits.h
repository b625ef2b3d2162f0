#pragma once
// The service quotas the gateway enforces, each with where it is documented.
#include <QtGlobal>

namespace gw::limits {

// "Payload size: 10 MB" (API Gateway quotas, HTTP APIs and REST APIs).
constexpr qsizetype kMaxRequestBodyBytes = 10 * 1024 * 1024;
// "Total combined size of request line and header values: 10240 bytes" (HTTP API quotas).
constexpr qsizetype kMaxRequestHeaderBytes = 10240;
// "Maximum integration timeout: 30 seconds" (HTTP API quotas); REST APIs: 29 s by default.
constexpr int kMaxHttpApiIntegrationTimeoutMs = 30000;
constexpr int kDefaultRestIntegrationTimeoutMs = 29000;
// "Invocation payload (request and response): 6 MB synchronous" (Lambda quotas).
constexpr qsizetype kMaxLambdaPayloadBytes = 6 * 1024 * 1024;
// What Invoke accepts exactly: "6291456 bytes" (its RequestEntityTooLargeException message).
constexpr qsizetype kMaxLambdaRequestBytes = kMaxLambdaPayloadBytes;
// Idle keep-alive connections (the service closes them after a while; 60 s here) and clients
// that never finish their headers.
constexpr int kIdleConnectionMs = 60000;
constexpr int kPartialRequestMs = 30000;

// WebSocket APIs (API Gateway quotas for WebSocket APIs): "Idle Connection Timeout: 10 minutes",
// "Connection duration for WebSocket API: 2 hours", "Message payload size: 128 KB", "WebSocket
// frame size: 32 KB" (a message over it in one frame is refused; larger messages come in frames).
constexpr int kWebSocketIdleMs = 10 * 60 * 1000;
constexpr qint64 kWebSocketLifetimeMs = 2LL * 60 * 60 * 1000;
constexpr qsizetype kWebSocketMaxMessageBytes = 128 * 1024;
constexpr qsizetype kWebSocketMaxFrameBytes = 32 * 1024;

} // namespace gw::limits
