#include "http_api_compiler.h"

#include "compiled_api_base.h"

#include "../../integrations/backend_uri_template.h"
#include "../../integrations/http_integration.h"
#include "../../integrations/lambda_integration.h"
#include "../../pipeline/integration_requests.h"
#include "../../pipeline/parameter_mapping.h"
#include "../../pipeline/stages/http_api_cors_stage.h"
#include "../../pipeline/stages/http_api_response_headers_stage.h"
#include "../../pipeline/stages/http_api_route_stage.h"
#include "../../pipeline/stages/http_api_stage_selection_stage.h"
#include "../../pipeline/stages/http_proxy_response_stage.h"
#include "../../pipeline/stages/integration_stage.h"
#include "../../pipeline/stages/lambda_proxy_response_stage.h"
#include "../../pipeline/stages/response_parameters_stage.h"


namespace gw {

namespace {

std::vector<std::string> routeKeysOf(const Api &api)
{
    std::vector<std::string> keys;
    for (const Route &route : api.routes())
        keys.push_back(route.routeKey);
    return keys;
}

std::string resourcePathOf(const std::string &routeKey)
{
    const size_t space = routeKey.find(' ');
    return space == std::string::npos ? routeKey : routeKey.substr(space + 1);
}

} // namespace

StageChain httpProxyChain(const Integration &integration, const DeployServices &services, const QByteArray &method)
{
    const int timeoutMs = integration.timeoutInMillis;
    auto backend = std::make_shared<const BackendUriTemplate>(integration.uri.value_or(std::string()));
    if (!backend->isValid())
        return integrationFailure(Outcome::IntegrationConfigError, backend->error());
    // HTTP APIs take serverNameToVerify only: insecureSkipVerification is a REST API setting (AWS
    // TlsConfig), so an HTTP API never accepts an untrusted issuer; validate says so.
    HttpIntegration::Tls tls;
    if (integration.tlsConfig)
        tls.serverName = QByteArray::fromStdString(integration.tlsConfig->serverNameToVerify.value_or(std::string()));
    auto http = std::make_shared<const HttpIntegration>(backend, tls, services.clock);
    IntegrationRequestMapper mapper = [backend, method](const RequestContext &ctx) {
        return httpProxyRequest(ctx, *backend, method);
    };
    if (!integration.requestParameters.empty()) {
        auto mapping = std::make_shared<const RequestParameterMapping>(integration.requestParameters, nullptr);
        mapper = [backend, method, mapping](const RequestContext &ctx) {
            IntegrationRequest request = httpProxyRequest(ctx, *backend, method);
            mapping->apply(ctx, request);
            return request;
        };
    }
    // The upstream client enforces the timeout itself: it also drops the connection.
    auto call = std::make_shared<const IntegrationStage>(http, std::move(mapper), timeoutMs, false);
    return {call, std::make_shared<const HttpProxyResponseStage>(timeoutMs)};
}

namespace {

// The chain after routing for routes that use this integration, before response mapping.
StageChain integrationChainFor(const Integration &integration, const DeployServices &services)
{
    const int timeoutMs = integration.timeoutInMillis;
    if (integration.type == "AWS_PROXY") {
        const QString function = QString::fromStdString(functionNameFromReference(integration.function.value_or(std::string())));
        const bool v1 = integration.payloadFormatVersion == "1.0";
        const HttpApiPayloadFormat format = v1 ? HttpApiPayloadFormat::V1 : HttpApiPayloadFormat::V2;
        auto lambda = std::make_shared<const LambdaIntegration>(services.runtime, function);
        // The pipeline keeps the deadline: a function may run on past the integration's timeout.
        auto call = std::make_shared<const IntegrationStage>(
            lambda, [format](const RequestContext &ctx) { return httpApiLambdaRequest(ctx, format); }, timeoutMs, true);
        auto mapping = std::make_shared<const LambdaProxyResponseStage>(v1 ? LambdaProxyResponseStage::PayloadFormat::V1
                                                                           : LambdaProxyResponseStage::PayloadFormat::V2);
        return {call, mapping};
    }
    if (integration.type == "HTTP_PROXY")
        return httpProxyChain(integration, services, QByteArray::fromStdString(integration.method));
    return integrationFailure(Outcome::UnsupportedIntegration,
                      QStringLiteral("Integration type %1 is not supported on HTTP APIs")
                          .arg(QString::fromStdString(integration.type)));
}

StageChain chainFor(const Integration &integration, const DeployServices &services)
{
    StageChain chain = integrationChainFor(integration, services);
    if (!integration.responseParameters.empty()) {
        auto mapping = std::make_shared<const ResponseParameterMapping>(integration.responseParameters, nullptr);
        chain.insert(chain.begin(), std::make_shared<const ResponseParametersStage>(std::move(mapping)));
    }
    return chain;
}

} // namespace

std::shared_ptr<CompiledApi> compileHttpApi(const Api &api, const CompiledProject &project, const DeployServices &services)
{
    // Stages without configuration are shared by every HTTP API.
    static const StagePtr kResponseHeaders = std::make_shared<const HttpApiResponseHeadersStage>();
    static const StagePtr kStageSelection = std::make_shared<const HttpApiStageSelectionStage>();
    static const StagePtr kRoute = std::make_shared<const HttpApiRouteStage>();

    std::shared_ptr<CompiledApi> compiled = compiledApiBase(api, project);
    compiled->prelude = {kResponseHeaders, kStageSelection, kRoute};
    if (const HttpApiSpec *http = api.http(); http && http->cors) {
        // After stage selection (a request without a stage has no CORS either), before routing
        // (a 404 carries the headers too).
        static const StagePtr kPreflight = std::make_shared<const HttpApiCorsPreflightStage>();
        compiled->prelude = {kResponseHeaders, kStageSelection,
                             std::make_shared<const HttpApiCorsStage>(std::make_shared<const CorsPolicy>(*http->cors)), kRoute};
        compiled->corsPreflightRoute.chain = {kPreflight};
    }
    compiled->routeTable = RouteTable(routeKeysOf(api));

    compileRoutes(
        api, *compiled, [&](const Integration &integration) { return chainFor(integration, services); },
        [](const std::string &routeKey) { return routeKey == "$default" ? routeKey : resourcePathOf(routeKey); });
    return compiled;
}

} // namespace gw
