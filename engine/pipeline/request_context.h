#pragma once
// The state of one request as it passes the pipeline; owned by a shared_ptr so asynchronous
// stages can resume it later on the connection's thread.
#include "../gateway/gateway_config.h"
#include "../net/http_exchange.h"
#include "../observability/access_log_entry.h"
#include "gateway_response.h"

#include <map>
#include <memory>
#include <string>

namespace gw {

class Pipeline;

struct RequestContext : std::enable_shared_from_this<RequestContext> {
    HttpExchangePtr exchange;
    std::shared_ptr<const GatewayConfig> config;
    std::shared_ptr<const CompiledApi> api;
    const Stage *stage = nullptr;
    QByteArray stagePrefix;          // "/dev" for a named stage, "" for $default
    QByteArray pathWithoutStage;     // raw (encoded) path after the stage prefix
    std::vector<std::string> segments; // decoded, stage removed
    const Route *route = nullptr;
    const Integration *integration = nullptr;
    std::map<std::string, std::string> pathParameters;
    QByteArray requestId;
    QByteArray traceId;

    HttpResponse response;
    bool replied = false;
    AccessLogEntry log;              // filled in as the request goes
    qint64 integrationStartNs = 0;
    qint64 integrationEndNs = 0;

    // Pipeline bookkeeping (only the pipeline touches these). The pipeline is api->pipeline, kept
    // alive by `config` for as long as this request lives; null once the request finished.
    const Pipeline *pipeline = nullptr;
    size_t nextStage = 0;

    const HttpRequest &request() const { return exchange->request(); }
    void reply(HttpResponse r, const QByteArray &reason);
    void replyGateway(GatewayResponseType type, const QByteArray &reason, const QString &integrationError = {});
    // For Pending stages: continue with the next stage (call on the connection's thread).
    void resume();
};

using RequestContextPtr = std::shared_ptr<RequestContext>;

} // namespace gw
