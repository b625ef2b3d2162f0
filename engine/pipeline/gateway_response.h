#pragma once
// Responses the gateway itself produces, with the service's status codes and bodies.
// HTTP API bodies and codes follow recordings of the real service
// (../shared/conformance/events/aws-lambda-dotnet-recorded: *HandlesZeroStatusCode*).
#include "../net/http_message.h"

namespace gw {

enum class GatewayResponseType {
    NotFound,               // no stage/route: 404 {"message":"Not Found"}
    IntegrationFailure,     // Lambda error, malformed proxy response, backend unreachable: 500
    IntegrationTimeout,     // integration timeout (30 s max): 503 {"message":"Service Unavailable"}
    RequestTooLarge,        // > 10 MB payload: 413
    HeadersTooLarge,        // > 10240 bytes of request line and headers: 431
    BadRequest,             // malformed HTTP: 400
    Throttled,              // 429 {"message":"Too Many Requests"}
    Unauthorized,           // 401 {"message":"Unauthorized"}
    Forbidden,              // 403 {"message":"Forbidden"}
};

struct GatewayResponseInfo {
    int status;
    QByteArray message;       // the body's "message"
    QByteArray responseType;  // $context.error.responseType
};

GatewayResponseInfo gatewayResponseInfo(GatewayResponseType type);
HttpResponse makeGatewayResponse(GatewayResponseType type);
HttpResponse makeGatewayResponseForStatus(int status); // protocol-level refusals (400/413/431)

} // namespace gw
