#include "integration_requests.h"

#include "../common/request_ids.h"
#include "../integrations/backend_uri_template.h"
#include "../integrations/events/http_api_event.h"
#include "../integrations/events/integration_request_headers.h"
#include "../integrations/events/rest_api_event.h"
#include "../integrations/events/websocket_event.h"
#include "../integrations/http_proxy_headers.h"
#include "mapping_templates.h"
#include "rest_parameter_mapping.h"
#include "request_context.h"

#include <QUrl>

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
    const StringMap *stageVariables = ctx.stage ? &ctx.stage->stageVariables : nullptr;
    const HttpApiEventInput input{ctx.request, ctx.log, view(route.routeKey), route.resourcePath,
                                  ctx.pathParameters, stageVariables, headers};
    IntegrationRequest request;
    request.payload = format == HttpApiPayloadFormat::V1 ? httpApiEventV1(input) : httpApiEventV2(input);
    request.invocationId = newUuidV4();
    request.traceId = ctx.traceId + ";Parent=" + request.invocationId.left(16).replace('-', "") + ";Sampled=0";
    return request;
}

IntegrationRequest webSocketLambdaRequest(const RequestContext &ctx)
{
    WebSocketEventInput input(ctx.log, view(ctx.log.routeKey));
    std::vector<HttpHeader> headers;
    QByteArray rawQuery;
    if (ctx.log.eventType == "CONNECT") {
        headers = integrationRequestHeaders(ctx.request, ctx.log.sourceIp, ctx.traceId);
        input.headers = &headers;
        rawQuery = ctx.request.rawQuery();
        input.rawQuery = rawQuery;
    } else if (ctx.log.eventType == "MESSAGE") {
        input.body = ctx.request.body;
    } else {
        input.disconnectStatusCode = ctx.log.disconnectStatusCode;
        input.disconnectReason = ctx.log.disconnectReason;
    }
    IntegrationRequest request;
    request.payload = webSocketEvent(input);
    request.invocationId = newUuidV4();
    request.traceId = ctx.traceId + ";Parent=" + request.invocationId.left(16).replace('-', "") + ";Sampled=0";
    return request;
}

IntegrationRequest restLambdaRequest(const RequestContext &ctx)
{
    static const std::vector<std::string> kNoBinaryTypes;
    const std::vector<HttpHeader> headers = integrationRequestHeaders(ctx.request, ctx.log.sourceIp, ctx.traceId);
    const CompiledRoute &route = *ctx.route;
    const StringMap *stageVariables = ctx.stage ? &ctx.stage->stageVariables : nullptr;
    const RestApiSpec *rest = ctx.stage && ctx.stage->deployment ? ctx.stage->deployment->spec.get()
                              : ctx.api->model                  ? ctx.api->model->rest()
                                                                : nullptr;
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

namespace {
// "a={x}&b=1" with x = "p q" -> "a=p%20q&b=1". The URI's query is kept encoded, so a variable
// may read %7Bx%7D; one without a value is left as written.
QByteArray fillQueryTemplate(const QByteArray &query, const std::map<std::string, std::string> &values)
{
    if (!query.contains('{') && !query.contains("%7B") && !query.contains("%7b"))
        return query;
    const auto opensAt = [&](qsizetype i) -> int {
        if (query[i] == '{')
            return 1;
        return i + 2 < query.size() && query[i] == '%' && query[i + 1] == '7' && (query[i + 2] == 'B' || query[i + 2] == 'b') ? 3 : 0;
    };
    QByteArray out;
    qsizetype i = 0;
    while (i < query.size()) {
        const int open = opensAt(i);
        if (!open) {
            out += query[i++];
            continue;
        }
        qsizetype close = i + open;
        int closeLength = 0;
        for (; close < query.size(); ++close) {
            if (query[close] == '}') {
                closeLength = 1;
                break;
            }
            if (close + 2 < query.size() && query[close] == '%' && query[close + 1] == '7' && (query[close + 2] == 'D' || query[close + 2] == 'd')) {
                closeLength = 3;
                break;
            }
        }
        const auto found = closeLength ? values.find(query.mid(i + open, close - i - open).toStdString()) : values.end();
        if (found == values.end()) {
            out += query[i++];
            continue;
        }
        out += QUrl::toPercentEncoding(QByteArray::fromStdString(found->second));
        i = close + closeLength;
    }
    return out;
}

void appendQuery(QByteArray &query, const QByteArray &part)
{
    if (part.isEmpty())
        return;
    if (!query.isEmpty())
        query += '&';
    query += part;
}

void setHeader(std::vector<HttpHeader> &headers, const QByteArray &name, const QByteArray &value)
{
    std::erase_if(headers, [&](const HttpHeader &h) { return h.name.compare(name, Qt::CaseInsensitive) == 0; });
    headers.push_back({name, value});
}
} // namespace

IntegrationRequest restHttpRequest(const RequestContext &ctx, const BackendUriTemplate &backend, const QByteArray &method,
                                   const RestRequestMapping &mapping, bool proxy)
{
    IntegrationRequest request;
    request.method = method == "ANY" ? ctx.request.method : method;
    const RestRequestMapping::Mapped mapped = mapping.evaluate(ctx);
    std::map<std::string, std::string> values = ctx.pathParameters;
    for (const auto &[name, value] : mapped.path)
        values[name] = value;
    request.target = backend.path(values, ctx.route->routeKey.toStdString());
    QByteArray query = fillQueryTemplate(backend.query(), values);
    if (proxy)
        appendQuery(query, ctx.request.rawQuery());
    for (const auto &[name, value] : mapped.query)
        appendQuery(query, QUrl::toPercentEncoding(QByteArray::fromStdString(name)) + '=' +
                               QUrl::toPercentEncoding(QByteArray::fromStdString(value)));
    if (!query.isEmpty())
        request.target += '?' + query;

    const QByteArray apiId = ctx.api->model ? QByteArray::fromStdString(ctx.api->model->apiId) : QByteArray();
    if (proxy) {
        request.headers = integrationRequestHeaders(ctx.request, ctx.log.sourceIp, ctx.traceId);
        std::erase_if(request.headers, [](const HttpHeader &h) {
            return h.name.compare("host", Qt::CaseInsensitive) == 0 || h.name.compare("content-length", Qt::CaseInsensitive) == 0;
        });
        request.body = ctx.request.body;
    } else {
        // A custom integration sends what its mapping makes, not the client's headers.
        const QByteArray contentType = ctx.request.header("content-type");
        request.headers = {{QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")},
                           {QByteArrayLiteral("Content-Type"), contentType.isEmpty() ? QByteArrayLiteral("application/json") : contentType},
                           {QByteArrayLiteral("User-Agent"), "AmazonAPIGateway_" + apiId},
                           {QByteArrayLiteral("X-Amzn-Trace-Id"), ctx.traceId}};
        request.body = ctx.mapping ? ctx.mapping->integrationRequestBody : ctx.request.body;
        if (ctx.mapping && !ctx.mapping->requestTemplateContentType.isEmpty())
            setHeader(request.headers, QByteArrayLiteral("Content-Type"), ctx.mapping->requestTemplateContentType);
    }
    request.headers.push_back({QByteArrayLiteral("x-amzn-apigateway-api-id"), apiId});
    for (const auto &[name, value] : mapped.headers)
        setHeader(request.headers, name, value);
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
