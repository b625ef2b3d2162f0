#include "websocket_api_compiler.h"

#include "compiled_api_base.h"

#include "../../integrations/backend_uri_template.h"
#include "../../integrations/http_integration.h"
#include "../../integrations/lambda_integration.h"
#include "../../pipeline/integration_requests.h"
#include "../../pipeline/stages/http_proxy_response_stage.h"
#include "../../pipeline/stages/integration_stage.h"
#include "../../pipeline/stages/lambda_proxy_response_stage.h"
#include "../../pipeline/stages/local_reply_stage.h"
#include "../../pipeline/stages/static_reply_stage.h"
#include "../../pipeline/stages/websocket_reply_stage.h"
#include "../../pipeline/stages/websocket_route_stage.h"
#include "../../model/route_selection_expression.h"

#include <nlohmann/json.hpp>

#include <map>

namespace gw {

namespace {

StageChain localReply(GatewayResponseType type, Outcome outcome, const QString &why)
{
    return {std::make_shared<const LocalReplyStage>("integration", type, outcome, why)};
}

// A MOCK's status: its request template's static "statusCode" (the first template's), else 200.
int mockStatus(const Integration &integration)
{
    for (const auto &[contentType, text] : integration.requestTemplates) {
        const auto doc = nlohmann::json::parse(text, nullptr, false);
        if (doc.is_object())
            if (auto code = doc.find("statusCode"); code != doc.end()) {
                if (code->is_number_integer())
                    return code->get<int>();
                if (code->is_string())
                    return QByteArray::fromStdString(code->get<std::string>()).toInt();
            }
        break;
    }
    return 200;
}

StageChain chainFor(const Integration &integration, const DeployServices &services)
{
    const int timeoutMs = integration.timeoutInMillis;
    if (integration.type == "AWS_PROXY") {
        const QString function = QString::fromStdString(functionNameFromReference(integration.function.value_or(std::string())));
        auto lambda = std::make_shared<const LambdaIntegration>(services.runtime, function);
        auto call = std::make_shared<const IntegrationStage>(
            lambda, [](const RequestContext &ctx) { return webSocketLambdaRequest(ctx); }, timeoutMs, true);
        return {call, std::make_shared<const LambdaProxyResponseStage>(LambdaProxyResponseStage::PayloadFormat::WebSocket)};
    }
    if (integration.type == "MOCK") {
        HttpResponse response;
        response.status = mockStatus(integration);
        return {std::make_shared<const StaticReplyStage>(std::move(response))};
    }
    if (integration.type == "HTTP_PROXY") {
        auto backend = std::make_shared<const BackendUriTemplate>(integration.uri.value_or(std::string()));
        if (!backend->isValid())
            return localReply(GatewayResponseType::IntegrationFailure, Outcome::IntegrationConfigError, backend->error());
        HttpIntegration::Tls tls;
        if (integration.tlsConfig)
            tls.serverName = QByteArray::fromStdString(integration.tlsConfig->serverNameToVerify.value_or(std::string()));
        auto http = std::make_shared<const HttpIntegration>(backend, tls, services.clock);
        const QByteArray method = integration.method == "ANY" ? QByteArray("POST") : QByteArray::fromStdString(integration.method);
        IntegrationRequestMapper mapper = [backend, method](const RequestContext &ctx) {
            return httpProxyRequest(ctx, *backend, method);
        };
        auto call = std::make_shared<const IntegrationStage>(http, std::move(mapper), timeoutMs, false);
        return {call, std::make_shared<const HttpProxyResponseStage>(timeoutMs)};
    }
    return localReply(GatewayResponseType::IntegrationFailure, Outcome::UnsupportedIntegration,
                      QStringLiteral("Integration type %1 is not supported on WebSocket APIs in this version")
                          .arg(QString::fromStdString(integration.type)));
}

} // namespace

std::shared_ptr<CompiledApi> compileWebSocketApi(const Api &api, const CompiledProject &project, const DeployServices &services)
{
    static const StagePtr kReply = std::make_shared<const WebSocketReplyStage>();
    std::shared_ptr<CompiledApi> compiled = compiledApiBase(api, project);

    std::shared_ptr<const RouteSelectionExpression> expression;
    if (const WebSocketApiSpec *ws = api.webSocket(); ws && ws->routeSelectionExpression)
        expression = std::make_shared<const RouteSelectionExpression>(*ws->routeSelectionExpression);
    QHash<QByteArray, int> indexes;
    std::map<std::string, StageChain> chains;
    for (const Route &route : api.routes()) {
        CompiledRoute r;
        r.model = &route;
        r.routeKey = QByteArray::fromStdString(route.routeKey);
        r.resourcePath = route.routeKey;
        if (route.integration)
            r.integration = api.findIntegration(*route.integration);
        if (!r.integration) {
            r.chain = localReply(GatewayResponseType::IntegrationFailure, Outcome::NoIntegration,
                                 QStringLiteral("No integration is attached to route %1").arg(QString::fromStdString(route.routeKey)));
        } else {
            auto found = chains.find(r.integration->id);
            if (found == chains.end())
                found = chains.emplace(r.integration->id, chainFor(*r.integration, services)).first;
            r.chain = found->second;
        }
        indexes.insert(r.routeKey, int(compiled->routes.size()));
        compiled->routes.push_back(std::move(r));
    }
    compiled->prelude = {kReply, std::make_shared<const WebSocketRouteStage>(expression, std::move(indexes))};
    return compiled;
}

} // namespace gw
