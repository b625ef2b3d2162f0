#pragma once
// What HTTP APIs send to their integrations: the request mappers of the integration stage.
#include "../api/integration_backend.h"

namespace gw {

class RequestContext;
class BackendUriTemplate;

enum class HttpApiPayloadFormat { V1, V2 };

// AWS_PROXY: the Lambda event in payload format 1.0 or 2.0, with a fresh invocation id.
IntegrationRequest httpApiLambdaRequest(const RequestContext &ctx, HttpApiPayloadFormat format);
// REST AWS_PROXY: the REST API's Lambda proxy event (payload 1.0 as REST sends it).
IntegrationRequest restLambdaRequest(const RequestContext &ctx);
// REST AWS (Lambda custom): the integration request body the request template made (or passed
// through) is the event; an empty one is sent as {} (TestInvokeMethod recording: no body, the
// function receives {}).
IntegrationRequest restCustomLambdaRequest(const RequestContext &ctx);
// HTTP_PROXY: the client's request, aimed at the backend URI (method "ANY" keeps the client's).
IntegrationRequest httpProxyRequest(const RequestContext &ctx, const BackendUriTemplate &backend, const QByteArray &method);

} // namespace gw
