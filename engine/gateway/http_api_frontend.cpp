#include "http_api_frontend.h"

#include "../common/request_ids.h"
#include "../config/config_slots.h"
#include "../pipeline/pipeline.h"

namespace gw {

RequestContextPtr HttpApiFrontend::begin(CompiledProjectPtr config, const CompiledApi &api, HttpRequest request,
                                         std::shared_ptr<Downstream> downstream)
{
    auto ctx = std::make_shared<RequestContext>(std::move(config), &api, std::move(request), std::move(downstream));
    ctx->traceId = newTraceId(ctx->request.receivedAtMs);
    setInitialContextVariables(ctx->log, api, ctx->request);
    ctx->log.requestId = newHttpApiRequestId();
    Pipeline::start(ctx);
    return ctx;
}

void HttpApiFrontend::setInitialContextVariables(ContextVariables &log, const CompiledApi &api, const HttpRequest &r)
{
    // Every $context value the request has from the start, set once.
    log.apiId = api.apiId;
    log.accountId = api.accountId;
    log.httpMethod = r.method;
    log.path = r.path();
    log.protocol = r.protocol();
    log.sourceIp = r.peerIp.isEmpty() ? sourceIpText(r.peerAddress) : r.peerIp;
    log.userAgent = r.header("user-agent");
    log.domainName = r.header("host");
    if (log.domainName.isEmpty()) // an HTTP/1.0 client may send no Host: the API's own name stands in
        log.domainName = api.apiId + ".execute-api." + api.region + ".amazonaws.com";
    log.domainPrefix = domainPrefixOf(log.domainName, api.apiId);
    log.requestTimeEpochMs = r.receivedAtMs;
    log.dataProcessed = r.body.size();
}

void HttpApiFrontend::handle(const HttpExchangePtr &exchange)
{
    const CompiledProjectPtr &config = config_slots::current();
    const CompiledApi *api = config ? config->apiForListener(m_listenerId) : nullptr;
    if (!api) {
        // The API was removed (or moved) while this connection stayed open.
        HttpResponse response = GatewayResponses::forApiType(ApiType::Http)
                                    .render(GatewayResponseType::MissingAuthenticationToken, ContextVariables{});
        exchange->respond(std::move(response));
        return;
    }
    begin(config, *api, std::move(exchange->request()), exchange);
}

void HttpApiFrontend::protocolError(int status, const QByteArray &peerIp, HttpResponse &response)
{
    // Refused before routing, but still a request of this API: it has a request id (in the
    // answer too) and an access-log line with the client's address, as on the service.
    const QByteArray requestId = newHttpApiRequestId();
    response.setHeader(QByteArrayLiteral("Apigw-Requestid"), requestId);
    const CompiledProjectPtr &config = config_slots::current();
    const CompiledApi *api = config ? config->apiForListener(m_listenerId) : nullptr;
    if (!api || !config->accessLog)
        return;
    AccessLogEntry log;
    log.requestId = requestId;
    log.status = status;
    log.outcome = status == 413   ? Outcome::PayloadTooLarge
                  : status == 431 ? Outcome::HeadersTooLarge
                                  : Outcome::BadRequest;
    log.requestTimeEpochMs = config->clock->wallMs();
    log.httpMethod = "-";
    log.sourceIp = peerIp;
    log.apiId = api->apiId;
    log.accountId = api->accountId;
    log.responseLength = response.body.size();
    const GatewayResponseType type = GatewayResponses::forProtocolStatus(status);
    log.errorMessage = QString::fromUtf8(api->responses.spec(type).message);
    log.errorResponseType = gatewayResponseTypeName(type);
    config->accessLog->push(std::move(log));
}

} // namespace gw
