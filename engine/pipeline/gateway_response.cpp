#include "gateway_response.h"

namespace gw {

GatewayResponseInfo gatewayResponseInfo(GatewayResponseType type)
{
    switch (type) {
    case GatewayResponseType::NotFound: return {404, "Not Found", "MISSING_AUTHENTICATION_TOKEN"};
    case GatewayResponseType::IntegrationFailure: return {500, "Internal Server Error", "INTEGRATION_FAILURE"};
    case GatewayResponseType::IntegrationTimeout: return {503, "Service Unavailable", "INTEGRATION_TIMEOUT"};
    case GatewayResponseType::RequestTooLarge: return {413, "Request Entity Too Large", "REQUEST_TOO_LARGE"};
    case GatewayResponseType::HeadersTooLarge: return {431, "Request Header Fields Too Large", "REQUEST_TOO_LARGE"};
    case GatewayResponseType::BadRequest: return {400, "Bad Request", "BAD_REQUEST_BODY"};
    case GatewayResponseType::Throttled: return {429, "Too Many Requests", "THROTTLED"};
    case GatewayResponseType::Unauthorized: return {401, "Unauthorized", "UNAUTHORIZED"};
    case GatewayResponseType::Forbidden: return {403, "Forbidden", "ACCESS_DENIED"};
    }
    return {500, "Internal Server Error", "DEFAULT_5XX"};
}

HttpResponse makeGatewayResponse(GatewayResponseType type)
{
    const GatewayResponseInfo info = gatewayResponseInfo(type);
    HttpResponse response;
    response.status = info.status;
    response.setHeader("Content-Type", "application/json");
    response.body = "{\"message\":\"" + info.message + "\"}";
    return response;
}

HttpResponse makeGatewayResponseForStatus(int status)
{
    switch (status) {
    case 413: return makeGatewayResponse(GatewayResponseType::RequestTooLarge);
    case 431: return makeGatewayResponse(GatewayResponseType::HeadersTooLarge);
    default: return makeGatewayResponse(GatewayResponseType::BadRequest);
    }
}

} // namespace gw
