#pragma once
// Builds a compiled API by hand (any prelude and route chains) and starts requests through the
// real pipeline with a fake downstream, a manual clock and a collecting access log.
#include "common/clocks.h"
#include "config/compiled_project.h"
#include "fake_downstream.h"
#include "gateway/http_api_frontend.h"
#include "observability/access_log_sink.h"
#include "pipeline/pipeline.h"

#include <QObject>

namespace gw::test {

class PipelineFixture {
public:
    PipelineFixture()
        : clock(std::make_shared<ManualClock>()), accessLog(std::make_shared<AccessLogSink>()),
          m_project(std::make_shared<CompiledProject>()), m_api(std::make_shared<CompiledApi>())
    {
        m_project->clock = clock;
        m_project->accessLog = accessLog;
        m_api->type = ApiType::Http;
        m_api->key = "api";
        m_api->apiId = "fixture001";
        m_api->name = QStringLiteral("fixture");
        m_api->accountId = "123456789012";
        m_api->region = "us-east-1";
        m_api->responses = GatewayResponses::forApiType(ApiType::Http);
        CompiledStage stage;
        stage.name = "$default";
        m_api->stages.push_back(stage);
        m_api->defaultStage = &m_api->stages.front();
        m_project->apis.push_back(m_api);
    }

    CompiledApi &api() { return *m_api; }
    // A route whose chain runs after the prelude; the prelude's last stage must select it
    // (or use selectFirstRoute()).
    CompiledRoute &addRoute(StageChain chain, QByteArray key = "GET /thing")
    {
        CompiledRoute route;
        route.routeKey = std::move(key);
        route.chain = std::move(chain);
        m_api->routes.push_back(std::move(route));
        return m_api->routes.back();
    }

    // Starts a request; the downstream's home is `home` (the test's thread).
    RequestContextPtr start(QObject *home, HttpRequest request = {}, bool routeFirst = true)
    {
        if (request.method.isEmpty()) {
            request.method = "GET";
            request.target = "/thing";
        }
        request.receivedAtMs = clock->wallMs();
        request.receivedAtNs = clock->monotonicNs();
        downstream = std::make_shared<FakeDownstream>(home);
        auto ctx = std::make_shared<RequestContext>(m_project, m_api.get(), std::move(request), downstream);
        HttpApiFrontend::setInitialContextVariables(ctx->log, *m_api, ctx->request);
        ctx->log.requestId = "fixtureReqId0001";
        ctx->stage = m_api->defaultStage; // the fixture's prelude selects none
        if (routeFirst && !m_api->routes.empty())
            ctx->route = &m_api->routes.front();
        Pipeline::start(ctx);
        return ctx;
    }

    QVector<AccessLogEntry> logs() { return m_logs += accessLog->drain(), m_logs; }

    std::shared_ptr<ManualClock> clock;
    std::shared_ptr<AccessLogSink> accessLog;
    std::shared_ptr<FakeDownstream> downstream;

private:
    std::shared_ptr<CompiledProject> m_project;
    std::shared_ptr<CompiledApi> m_api;
    QVector<AccessLogEntry> m_logs;
};

} // namespace gw::test
