#pragma once
// What HTTP APIs send to their integrations: the request mappers of the integration stage.
#include "../api/integration_backend.h"

namespace gw {

class RequestContext;
class BackendUriTemplate;
class RestRequestMapping;

enum class HttpApiPayloadFormat { V1, V2 };

// AWS_PROXY: the Lambda event in payload format 1.0 or 2.0, with a fresh invocation id.
IntegrationRequest httpApiLambdaRequest(const RequestContext &ctx, HttpApiPayloadFormat format);
// WebSocket AWS_PROXY: the CONNECT, MESSAGE or DISCONNECT event.
IntegrationRequest webSocketLambdaRequest(const RequestContext &ctx);
// REST AWS_PROXY: the REST API's Lambda proxy event (payload 1.0 as REST sends it).
IntegrationRequest restLambdaRequest(const RequestContext &ctx);
// REST AWS (Lambda custom): the integration request body the request template made (or passed
// through) is the event; an empty one is sent as {} (TestInvokeMethod recording: no body, the
// function receives {}).
IntegrationRequest restCustomLambdaRequest(const RequestContext &ctx);
// REST HTTP and HTTP_PROXY: the backend URI with its {NAME}s filled from the
// integration.request.path mappings (else the method's path parameter of that name); its query
// string, then (HTTP_PROXY) the client's, then the mapped ones (recorded:
// http-integration/http_proxy/request-parameter-mapping); the client's headers (HTTP_PROXY) or the
// service's own (HTTP), mapped ones replacing them; the client's body (HTTP_PROXY) or the mapped one.
IntegrationRequest restHttpRequest(const RequestContext &ctx, const BackendUriTemplate &backend, const QByteArray &method,
                                   const RestRequestMapping &mapping, bool proxy);
// HTTP_PROXY: the client's request, aimed at the backend URI (method "ANY" keeps the client's).
IntegrationRequest httpProxyRequest(const RequestContext &ctx, const BackendUriTemplate &backend, const QByteArray &method);

} // namespace gw
