#include "http_api_handler.h"

#include "access_log_sink.h"
#include "request_ids.h"

#include <QDateTime>

namespace gw {

HttpApiHandler::HttpApiHandler(std::string apiKey, const ConfigHolder *config, AccessLogSink *sink)
    : m_apiKey(std::move(apiKey)), m_config(config), m_sink(sink)
{
}

void HttpApiHandler::handle(const HttpExchangePtr &exchange)
{
    auto ctx = std::make_shared<RequestContext>();
    ctx->exchange = exchange;
    ctx->config = m_config->load();
    ctx->api = ctx->config ? ctx->config->findApi(m_apiKey) : nullptr;
    const HttpRequest &request = exchange->request();
    ctx->requestId = newHttpApiRequestId();
    ctx->traceId = newTraceId(request.receivedAtMs);

    AccessLogEntry &log = ctx->log;
    log.requestId = ctx->requestId;
    log.httpMethod = request.method;
    log.path = request.path();
    log.protocol = request.protocol();
    log.sourceIp = request.peerIp.isEmpty() ? sourceIpText(request.peerAddress) : request.peerIp;
    log.userAgent = request.header("user-agent");
    log.domainName = request.header("host");
    log.requestTimeEpochMs = request.receivedAtMs;
    log.dataProcessed = request.body.size();
    if (!ctx->api) {
        // The API was removed while this connection stayed open.
        ctx->replyGateway(GatewayResponseType::NotFound, "not_found");
        HttpResponse response = ctx->response;
        exchange->respond(std::move(response));
        return;
    }
    log.apiId = ctx->api->apiIdText;
    if (log.domainName.isEmpty()) // an HTTP/1.0 client may send no Host: the API's own name stands in
        log.domainName = log.apiId + ".execute-api." + QByteArray::fromStdString(ctx->api->region) + ".amazonaws.com";
    log.domainPrefix = domainPrefixOf(log.domainName, log.apiId);
    log.apiName = ctx->api->apiNameText;
    log.accountId = ctx->api->accountIdText;
    ctx->api->pipeline->start(ctx);
}

void HttpApiHandler::protocolError(const HttpRequest &partial, int status)
{
    AccessLogEntry log;
    log.requestId = newHttpApiRequestId();
    log.status = status;
    log.reason = status == 413 ? "payload_too_large" : status == 431 ? "headers_too_large" : "bad_request";
    log.requestTimeEpochMs = QDateTime::currentMSecsSinceEpoch();
    log.httpMethod = partial.method.isEmpty() ? QByteArray("-") : partial.method;
    if (auto config = m_config->load())
        if (auto api = config->findApi(m_apiKey)) {
            log.apiId = QByteArray::fromStdString(api->api.apiId);
            log.apiName = QString::fromStdString(api->api.name);
        }
    m_sink->push(std::move(log));
}

} // namespace gw
