#include "project.h"

#include <QRandomGenerator>

namespace gw {

#define GW_JSON(Type, ...) NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Type, __VA_ARGS__)
GW_JSON(Function, name, runtime, handler, command, codeDir, timeout, memorySize, environment, reservedConcurrency)
GW_JSON(Route, routeKey, integration, authorizationType, authorizer, authorizationScopes, apiKeyRequired,
        routeResponseSelectionExpression)
GW_JSON(TlsConfig, serverNameToVerify, insecureSkipVerification)
GW_JSON(Integration, id, type, function, uri, method, payloadFormatVersion, timeoutInMillis, requestParameters,
        requestTemplates, templateSelectionExpression, tlsConfig)
GW_JSON(IntegrationResponse, statusCode, selectionPattern, responseParameters, responseTemplates, contentHandling)
GW_JSON(RestIntegration, type, function, uri, httpMethod, requestParameters, requestTemplates, passthroughBehavior,
        contentHandling, timeoutInMillis, integrationResponses)
GW_JSON(MethodResponse, statusCode, responseParameters, responseModels)
GW_JSON(RestMethod, httpMethod, authorizationType, authorizer, apiKeyRequired, requestValidator, requestParameters,
        requestModels, integration, methodResponses)
GW_JSON(RestResource, path, methods)
GW_JSON(Model, name, contentType, schema)
GW_JSON(RequestValidator, id, name, validateRequestBody, validateRequestParameters)
GW_JSON(Deployment, id, description)
GW_JSON(Throttling, burstLimit, rateLimit)
GW_JSON(Stage, name, autoDeploy, deployment, stageVariables, accessLogFormat, throttling)
GW_JSON(JwtConfiguration, issuer, audience)
GW_JSON(Authorizer, id, name, type, identitySource, jwtConfiguration, function, authorizerPayloadFormatVersion,
        enableSimpleResponses, resultTtlInSeconds)
GW_JSON(Cors, allowOrigins, allowMethods, allowHeaders, exposeHeaders, maxAge, allowCredentials)
GW_JSON(Api, id, name, type, apiId, port, description, routes, integrations, routeSelectionExpression, cors, resources,
        models, requestValidators, deployments, gatewayResponses, binaryMediaTypes, apiKeySource, stages, authorizers)
GW_JSON(ApiStageRef, api, stage)
GW_JSON(Quota, limit, period, offset)
GW_JSON(UsagePlan, id, name, apiStages, throttle, quota)
GW_JSON(ApiKey, id, name, value, enabled, usagePlans)
#undef GW_JSON

namespace {
// Saved files stay readable: nulls and empty containers are the defaults, so they are left
// out. User-authored JSON (model schemas, gateway responses) is kept exactly.
void compact(Json &j)
{
    if (!j.is_object())
        return;
    for (auto it = j.begin(); it != j.end();) {
        if (it.key() == "schema" || it.key() == "gatewayResponses") {
            if (it.value().is_object() && it.value().empty() && it.key() == "gatewayResponses")
                it = j.erase(it);
            else
                ++it;
            continue;
        }
        if (it->is_array())
            for (auto &element : *it)
                compact(element);
        else
            compact(*it);
        const bool empty = it->is_null() || ((it->is_array() || it->is_object()) && it->empty());
        if (empty && it.key() != "routes" && it.key() != "apis")
            it = j.erase(it);
        else
            ++it;
    }
}
} // namespace

void to_json(Json &j, const Project &p)
{
    j = Json{{"format", p.format}, {"version", p.version}, {"name", p.name},     {"region", p.region},
             {"accountId", p.accountId}, {"functions", p.functions}, {"apis", p.apis}, {"usagePlans", p.usagePlans},
             {"apiKeys", p.apiKeys}};
    compact(j);
    for (auto &api : j["apis"]) {
        const std::string type = api.value("type", "HTTP");
        if (type == "REST")
            api.erase("routes");
    }
}

void from_json(const Json &j, Project &p)
{
    Project defaults;
    p.format = j.value("format", defaults.format);
    p.version = j.value("version", defaults.version);
    p.name = j.value("name", defaults.name);
    p.region = j.value("region", defaults.region);
    p.accountId = j.value("accountId", defaults.accountId);
    p.functions = j.value("functions", std::vector<Function>{});
    p.apis = j.value("apis", std::vector<Api>{});
    p.usagePlans = j.value("usagePlans", std::vector<UsagePlan>{});
    p.apiKeys = j.value("apiKeys", std::vector<ApiKey>{});
}

ApiType Api::apiType() const
{
    if (type == "REST")
        return ApiType::Rest;
    if (type == "WEBSOCKET")
        return ApiType::WebSocket;
    return ApiType::Http;
}

const Integration *Api::findIntegration(const std::string &integrationId) const
{
    for (const auto &integration : integrations)
        if (integration.id == integrationId)
            return &integration;
    return nullptr;
}

std::string functionNameFromReference(const std::string &nameOrArn)
{
    static const std::string prefix = "arn:aws:lambda:";
    if (nameOrArn.rfind(prefix, 0) != 0)
        return nameOrArn;
    // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        const size_t colon = nameOrArn.find(':', start);
        parts.push_back(nameOrArn.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    if (parts.size() >= 7 && parts[5] == "function")
        return parts[6];
    return nameOrArn;
}

const Function *Project::findFunction(const std::string &nameOrArn) const
{
    const std::string name = functionNameFromReference(nameOrArn);
    for (const auto &function : functions)
        if (function.name == name)
            return &function;
    return nullptr;
}

const Api *Project::findApi(const std::string &apiIdOrId) const
{
    for (const auto &api : apis)
        if (api.id == apiIdOrId || api.apiId == apiIdOrId)
            return &api;
    return nullptr;
}

std::string generateApiId()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string id(10, 'a');
    for (char &c : id)
        c = alphabet[QRandomGenerator::global()->bounded(36)];
    return id;
}

} // namespace gw
