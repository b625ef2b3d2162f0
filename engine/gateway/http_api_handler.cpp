#include "http_api_handler.h"

#include "access_log_sink.h"
#include "request_ids.h"

#include <QDateTime>

namespace gw {

HttpApiHandler::HttpApiHandler(std::string apiKey, const ConfigHolder *config, FunctionRuntime *runtime,
                               AccessLogSink *sink)
    : m_apiKey(std::move(apiKey)), m_config(config), m_sink(sink)
{
    m_pipeline = Pipeline::forHttpApi(runtime, [sink](const RequestContextPtr &ctx) { sink->push(ctx->log); });
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
    const QHostAddress peer = request.peerAddress;
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    log.sourceIp = (isV4 ? QHostAddress(v4) : peer).toString().toLatin1();
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
    log.apiId = QByteArray::fromStdString(ctx->api->api.apiId);
    log.apiName = QString::fromStdString(ctx->api->api.name);
    log.accountId = QString::fromStdString(ctx->api->accountId);
    m_pipeline->start(ctx);
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
