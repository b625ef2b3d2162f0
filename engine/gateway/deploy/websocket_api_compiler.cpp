#include "websocket_api_compiler.h"

#include "compiled_api_base.h"
#include "http_api_compiler.h"

#include "../../integrations/lambda_integration.h"
#include "../../pipeline/integration_requests.h"
#include "../../integrations/backend_uri_template.h"
#include "../../integrations/http_integration.h"
#include "../../pipeline/mapping_templates.h"
#include "../../pipeline/request_context.h"
#include "../../pipeline/stages/http_proxy_response_stage.h"
#include "../../pipeline/stages/integration_stage.h"
#include "../../pipeline/stages/mock_integration_stage.h"
#include "../../pipeline/stages/websocket_integration_request_stage.h"
#include "../../pipeline/stages/lambda_proxy_response_stage.h"
#include "../../pipeline/stages/static_reply_stage.h"
#include "../../pipeline/stages/websocket_integration_response_stage.h"
#include "../../pipeline/stages/websocket_reply_stage.h"
#include "../../pipeline/stages/websocket_route_stage.h"
#include "../../model/json_locator.h"
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

// Templates without VTL (no '$' or '#'): a MOCK's answer is known at deploy time.
bool templatesAreStatic(const Integration &integration)
{
    return std::all_of(integration.requestTemplates.begin(), integration.requestTemplates.end(),
                       [](const auto &entry) { return entry.second.find_first_of("$#") == std::string::npos; });
}

// The integration request of a non-proxy integration: its requestTemplates, picked by its
// templateSelectionExpression; null (and *failure) when they do not parse.
StagePtr integrationRequestFor(const Integration &integration, StageChain *failure)
{
    std::vector<WebSocketIntegrationRequestStage::KeyedTemplate> templates;
    std::string error;
    if (!WebSocketIntegrationRequestStage::compile(integration.requestTemplates, &templates, &error)) {
        *failure = integrationFailure(Outcome::IntegrationConfigError, QString::fromStdString(integration.id + ": " + error));
        return nullptr;
    }
    std::shared_ptr<const RouteSelectionExpression> selection;
    if (integration.templateSelectionExpression) {
        selection = std::make_shared<const RouteSelectionExpression>(*integration.templateSelectionExpression);
        if (!selection->isValid()) {
            *failure = integrationFailure(Outcome::IntegrationConfigError,
                                          QString::fromStdString(integration.id + ": templateSelectionExpression: " + selection->error()));
            return nullptr;
        }
    }
    return std::make_shared<const WebSocketIntegrationRequestStage>(std::move(selection), std::move(templates));
}

StageChain integrationChainFor(const Integration &integration, const DeployServices &services);

// A non-proxy integration's chain with its integration responses in front (their response phase
// runs once the backend answered); proxy integrations have none (the backend's output is the
// payload, as apigateway-websocket-api-integration-responses.html says).
StageChain chainFor(const Integration &integration, const DeployServices &services)
{
    StageChain chain = integrationChainFor(integration, services);
    if (integration.integrationResponses.empty() || (integration.type != "MOCK" && integration.type != "HTTP"))
        return chain;
    std::string error;
    auto responses = WebSocketIntegrationResponseStage::compile(integration.integrationResponses, &error);
    if (!responses)
        return integrationFailure(Outcome::IntegrationConfigError, QString::fromStdString(integration.id + ": " + error));
    chain.insert(chain.begin(), std::move(responses));
    return chain;
}

StageChain integrationChainFor(const Integration &integration, const DeployServices &services)
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
        if (templatesAreStatic(integration)) {
            HttpResponse response;
            response.status = mockStatus(integration);
            return {std::make_shared<const StaticReplyStage>(std::move(response))};
        }
        // A template decides the status per request ($connect can accept or refuse by what
        // the handshake carries): the rendered "statusCode", as REST MOCKs read it.
        StageChain failure;
        StagePtr request = integrationRequestFor(integration, &failure);
        if (!request)
            return failure;
        return {request, std::make_shared<const MockIntegrationStage>(), std::make_shared<const HttpProxyResponseStage>(timeoutMs)};
    }
    if (integration.type == "HTTP") {
        // HTTP (custom): the template's output is what goes to the backend, with the service's
        // own headers; the backend's body is what a two-way route sends back.
        StageChain failure;
        StagePtr request = integrationRequestFor(integration, &failure);
        if (!request)
            return failure;
        auto backend = std::make_shared<const BackendUriTemplate>(integration.uri.value_or(std::string()));
        if (!backend->isValid())
            return integrationFailure(Outcome::IntegrationConfigError, backend->error());
        auto http = std::make_shared<const HttpIntegration>(backend, HttpIntegration::Tls{}, services.clock);
        const QByteArray method = integration.method == "ANY" ? QByteArray("POST") : QByteArray::fromStdString(integration.method);
        IntegrationRequestMapper mapper = [backend, method](const RequestContext &ctx) {
            IntegrationRequest out = httpProxyRequest(ctx, *backend, method);
            std::erase_if(out.headers, [](const HttpHeader &h) {
                const QByteArray name = h.name.toLower();
                return name != "host" && name != "x-amzn-trace-id";
            });
            out.headers.push_back({"Content-Type", "application/json"});
            out.body = ctx.mapping ? ctx.mapping->integrationRequestBody : ctx.request.body;
            return out;
        };
        auto call = std::make_shared<const IntegrationStage>(http, std::move(mapper), timeoutMs, false);
        return {request, call, std::make_shared<const HttpProxyResponseStage>(timeoutMs)};
    }
    if (integration.type == "HTTP_PROXY") // messages are POSTed (the frame is the body)
        return httpProxyChain(integration, services, integration.method == "ANY" ? QByteArray("POST") : QByteArray::fromStdString(integration.method));
    return integrationFailure(Outcome::UnsupportedIntegration,
                      QStringLiteral("Integration type %1 is not supported on WebSocket APIs in this version")
                          .arg(QString::fromStdString(integration.type)));
}

} // namespace

ProjectProblems webSocketApiProblems(const Api &api, const std::string &apiAt)
{
    ProjectProblems problems;
    const WebSocketApiSpec *ws = api.webSocket();
    if (!ws)
        return problems;
    const auto problem = [&](std::string pointer, std::string message) {
        ProjectError e;
        e.pointer = std::move(pointer);
        e.message = std::move(message);
        problems.push_back(std::move(e));
    };
    for (size_t i = 0; i < ws->integrations.size(); ++i) {
        const Integration &integration = ws->integrations[i];
        const std::string at = apiAt + "/integrations/" + std::to_string(i);
        for (const auto &[key, text] : integration.requestTemplates)
            if (const auto parsed = vtl::Template::parse(text); const auto *e = std::get_if<vtl::VtlError>(&parsed))
                problem(at + "/requestTemplates/" + escapePointer(key), "request template " + key + ": " + e->toString());
        for (size_t r = 0; r < integration.integrationResponses.size(); ++r) {
            std::string error;
            if (!WebSocketIntegrationResponseStage::compile({integration.integrationResponses[r]}, &error))
                problem(at + "/integrationResponses/" + std::to_string(r), error);
        }
        if (!integration.integrationResponses.empty() && integration.type != "MOCK" && integration.type != "HTTP")
            problem(at + "/integrationResponses",
                    "integration responses map non-proxy integrations (MOCK, HTTP); a " + integration.type +
                        " integration's answer is the payload as it is");
    }
    return problems;
}

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
