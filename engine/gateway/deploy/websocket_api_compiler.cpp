#include "websocket_api_compiler.h"

#include "compiled_api_base.h"
#include "http_api_compiler.h"

#include "../../integrations/lambda_integration.h"
#include "../../pipeline/integration_requests.h"
#include "../../pipeline/stages/integration_stage.h"
#include "../../pipeline/stages/lambda_proxy_response_stage.h"
#include "../../pipeline/stages/static_reply_stage.h"
#include "../../pipeline/stages/websocket_reply_stage.h"
#include "../../pipeline/stages/websocket_route_stage.h"
#include "../../model/route_selection_expression.h"

#include <nlohmann/json.hpp>


namespace gw {

namespace {

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
    if (integration.type == "HTTP_PROXY") // messages are POSTed (the frame is the body)
        return httpProxyChain(integration, services, integration.method == "ANY" ? QByteArray("POST") : QByteArray::fromStdString(integration.method));
    return integrationFailure(Outcome::UnsupportedIntegration,
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
    compileRoutes(
        api, *compiled, [&](const Integration &integration) { return chainFor(integration, services); },
        [](const std::string &routeKey) { return routeKey; });
    QHash<QByteArray, int> indexes;
    for (size_t i = 0; i < compiled->routes.size(); ++i)
        indexes.insert(compiled->routes[i].routeKey, int(i));
    compiled->prelude = {kReply, std::make_shared<const WebSocketRouteStage>(expression, std::move(indexes))};
    return compiled;
}

} // namespace gw
