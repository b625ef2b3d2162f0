#include "integration_requests.h"

#include "../common/request_ids.h"
#include "../integrations/backend_uri_template.h"
#include "../integrations/events/http_api_event.h"
#include "../integrations/events/integration_request_headers.h"
#include "../integrations/events/rest_api_event.h"
#include "../integrations/http_proxy_headers.h"
#include "mapping_templates.h"
#include "request_context.h"

namespace gw {

namespace {
std::string_view view(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), size_t(bytes.size()));
}
} // namespace

IntegrationRequest httpApiLambdaRequest(const RequestContext &ctx, HttpApiPayloadFormat format)
{
    const std::vector<HttpHeader> headers = integrationRequestHeaders(ctx.request, ctx.log.sourceIp, ctx.traceId);
    const CompiledRoute &route = *ctx.route;
    const StringMap *stageVariables = ctx.stage && ctx.stage->model ? &ctx.stage->model->stageVariables : nullptr;
    const HttpApiEventInput input{ctx.request, ctx.log, view(route.routeKey), route.resourcePath,
                                  ctx.pathParameters, stageVariables, headers};
    IntegrationRequest request;
    request.payload = format == HttpApiPayloadFormat::V1 ? httpApiEventV1(input) : httpApiEventV2(input);
    request.invocationId = newUuidV4();
    request.traceId = ctx.traceId + ";Parent=" + request.invocationId.left(16).replace('-', "") + ";Sampled=0";
    return request;
}

IntegrationRequest restLambdaRequest(const RequestContext &ctx)
{
    static const std::vector<std::string> kNoBinaryTypes;
    const std::vector<HttpHeader> headers = integrationRequestHeaders(ctx.request, ctx.log.sourceIp, ctx.traceId);
    const CompiledRoute &route = *ctx.route;
    const StringMap *stageVariables = ctx.stage && ctx.stage->model ? &ctx.stage->model->stageVariables : nullptr;
    const RestApiSpec *rest = ctx.api->model ? ctx.api->model->rest() : nullptr;
    const RestApiEventInput input{ctx.request,
                                  ctx.log,
                                  route.resourcePath,
                                  route.resourceId,
                                  ctx.stage ? view(ctx.stage->deploymentId) : std::string_view(),
                                  ctx.pathWithoutStage,
                                  stageVariables,
                                  headers,
                                  rest ? rest->binaryMediaTypes : kNoBinaryTypes};
    IntegrationRequest request;
    request.payload = restApiEvent(input);
    request.invocationId = newUuidV4();
    request.traceId = ctx.traceId + ";Parent=" + request.invocationId.left(16).replace('-', "") + ";Sampled=0";
    return request;
}

IntegrationRequest restCustomLambdaRequest(const RequestContext &ctx)
{
    IntegrationRequest request;
    request.payload = ctx.mapping ? ctx.mapping->integrationRequestBody : QByteArray();
    if (request.payload.trimmed().isEmpty())
        request.payload = QByteArrayLiteral("{}");
    request.invocationId = newUuidV4();
    request.traceId = ctx.traceId + ";Parent=" + request.invocationId.left(16).replace('-', "") + ";Sampled=0";
    return request;
}

IntegrationRequest httpProxyRequest(const RequestContext &ctx, const BackendUriTemplate &backend, const QByteArray &method)
{
    IntegrationRequest request;
    request.method = method == "ANY" ? ctx.request.method : method;
    request.target = backend.targetFor(ctx.pathParameters, ctx.route->model ? ctx.route->model->routeKey : std::string(),
                                       ctx.pathWithoutStage, ctx.request.rawQuery());
    request.headers = httpProxyRequestHeaders(integrationRequestHeaders(ctx.request, ctx.log.sourceIp, ctx.traceId),
                                              ctx.log.sourceIp, ctx.request.header("host"));
    request.body = ctx.request.body;
    return request;
}

} // namespace gw
