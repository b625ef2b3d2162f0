#include "project.h"

#include <QRandomGenerator>

#include <atomic>
#include <set>

namespace gw {

// nlohmann's NON_INTRUSIVE_WITH_DEFAULT, but not inline: the functions are declared in project.h
// and used wherever an item is read or written as JSON (the designer's JSON views).
#define GW_JSON(Type, ...)                                                                                          \
    void to_json(nlohmann::json &nlohmann_json_j, const Type &nlohmann_json_t)                                       \
    {                                                                                                                \
        NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_TO, __VA_ARGS__))                                    \
    }                                                                                                                \
    void from_json(const nlohmann::json &nlohmann_json_j, Type &nlohmann_json_t)                                     \
    {                                                                                                                \
        const Type nlohmann_json_default_obj{};                                                                     \
        NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_FROM_WITH_DEFAULT, __VA_ARGS__))                     \
    }
GW_JSON(Function, name, runtime, handler, command, codeDir, timeout, memorySize, environment, reservedConcurrency)
GW_JSON(Route, routeKey, integration, authorizationType, authorizer, authorizationScopes, apiKeyRequired,
        routeResponseSelectionExpression)
GW_JSON(TlsConfig, serverNameToVerify, insecureSkipVerification)
GW_JSON(WebSocketIntegrationResponse, integrationResponseKey, responseTemplates, templateSelectionExpression)
GW_JSON(Integration, id, type, function, uri, method, payloadFormatVersion, timeoutInMillis, requestParameters,
        responseParameters, requestTemplates, templateSelectionExpression, tlsConfig, integrationResponses)
GW_JSON(IntegrationResponse, statusCode, selectionPattern, responseParameters, responseTemplates, contentHandling)
GW_JSON(RestIntegration, type, function, uri, httpMethod, requestParameters, requestTemplates, passthroughBehavior,
        contentHandling, timeoutInMillis, integrationResponses, credentials, tlsConfig)
GW_JSON(MethodResponse, statusCode, responseParameters, responseModels)
GW_JSON(RestMethod, httpMethod, authorizationType, authorizer, apiKeyRequired, requestValidator, requestParameters,
        requestModels, integration, methodResponses)
GW_JSON(RestResource, path, methods)
GW_JSON(Model, name, contentType, schema)
GW_JSON(RequestValidator, id, name, validateRequestBody, validateRequestParameters)
GW_JSON(Deployment, id, description, createdDate, snapshot)
GW_JSON(CanarySettings, deploymentId, percentTraffic, stageVariableOverrides, useStageCache)
GW_JSON(AwsCredentials, accessKeyId, secretAccessKey, sessionToken)
GW_JSON(Throttling, burstLimit, rateLimit)
GW_JSON(Stage, name, autoDeploy, deployment, stageVariables, accessLogFormat, throttling, canarySettings)
GW_JSON(JwtConfiguration, issuer, audience)
GW_JSON(Authorizer, id, name, type, identitySource, jwtConfiguration, function, authorizerPayloadFormatVersion,
        enableSimpleResponses, resultTtlInSeconds)
GW_JSON(Cors, allowOrigins, allowMethods, allowHeaders, exposeHeaders, maxAge, allowCredentials)
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

namespace {

// The file's keys of each part of an API.
const std::set<std::string> kCommonKeys = {"id", "name", "type", "apiId", "port", "description", "stages", "authorizers"};
const std::set<std::string> kHttpKeys = {"routes", "integrations", "cors"};
const std::set<std::string> kWebSocketKeys = {"routes", "integrations", "routeSelectionExpression"};
const std::set<std::string> kRestKeys = {"resources", "models", "requestValidators", "deployments", "gatewayResponses",
                                         "binaryMediaTypes", "apiKeySource"};

const std::set<std::string> &ownKeys(ApiType type)
{
    switch (type) {
    case ApiType::Http: return kHttpKeys;
    case ApiType::WebSocket: return kWebSocketKeys;
    case ApiType::Rest: return kRestKeys;
    }
    return kHttpKeys;
}

template <typename T> void read(const Json &j, const char *key, T &into)
{
    if (auto it = j.find(key); it != j.end() && !it->is_null())
        into = it->get<T>();
}

} // namespace

void to_json(Json &j, const Api &api)
{
    j = Json{{"id", api.id}, {"name", api.name}, {"type", api.typeName()}, {"apiId", api.apiId},
             {"port", api.port}, {"description", api.description}, {"stages", api.stages}, {"authorizers", api.authorizers}};
    if (const HttpApiSpec *http = api.http()) {
        j["routes"] = http->routes;
        j["integrations"] = http->integrations;
        j["cors"] = http->cors;
    } else if (const WebSocketApiSpec *ws = api.webSocket()) {
        j["routes"] = ws->routes;
        j["integrations"] = ws->integrations;
        j["routeSelectionExpression"] = ws->routeSelectionExpression;
    } else if (const RestApiSpec *rest = api.rest()) {
        j["resources"] = rest->resources;
        j["models"] = rest->models;
        j["requestValidators"] = rest->requestValidators;
        j["deployments"] = rest->deployments;
        j["gatewayResponses"] = rest->gatewayResponses;
        j["binaryMediaTypes"] = rest->binaryMediaTypes;
        j["apiKeySource"] = rest->apiKeySource;
    }
    for (auto it = api.otherTypesFields.begin(); it != api.otherTypesFields.end(); ++it)
        if (!j.contains(it.key()))
            j[it.key()] = *it;
}

void from_json(const Json &j, Api &api)
{
    read(j, "id", api.id);
    read(j, "name", api.name);
    read(j, "apiId", api.apiId);
    read(j, "port", api.port);
    read(j, "description", api.description);
    read(j, "stages", api.stages);
    read(j, "authorizers", api.authorizers);
    const std::string type = j.value("type", std::string("HTTP"));
    api.setType(type == "REST" ? ApiType::Rest : type == "WEBSOCKET" ? ApiType::WebSocket : ApiType::Http);
    if (HttpApiSpec *http = api.http()) {
        read(j, "routes", http->routes);
        read(j, "integrations", http->integrations);
        read(j, "cors", http->cors);
    } else if (WebSocketApiSpec *ws = api.webSocket()) {
        read(j, "routes", ws->routes);
        read(j, "integrations", ws->integrations);
        read(j, "routeSelectionExpression", ws->routeSelectionExpression);
    } else if (RestApiSpec *rest = api.rest()) {
        read(j, "resources", rest->resources);
        read(j, "models", rest->models);
        read(j, "requestValidators", rest->requestValidators);
        read(j, "deployments", rest->deployments);
        read(j, "gatewayResponses", rest->gatewayResponses);
        read(j, "binaryMediaTypes", rest->binaryMediaTypes);
        read(j, "apiKeySource", rest->apiKeySource);
    }
    const std::set<std::string> &own = ownKeys(api.apiType());
    api.otherTypesFields = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!kCommonKeys.count(it.key()) && !own.count(it.key()))
            api.otherTypesFields[it.key()] = *it;
}

std::vector<std::string> otherTypesFieldNames(const Api &api)
{
    std::vector<std::string> names;
    for (auto it = api.otherTypesFields.begin(); it != api.otherTypesFields.end(); ++it) {
        const Json &value = *it;
        const bool empty = value.is_null() || ((value.is_array() || value.is_object()) && value.empty());
        if (!empty)
            names.push_back(it.key());
    }
    return names;
}

void to_json(Json &j, const Project &p)
{
    j = Json{{"format", p.format}, {"version", p.version}, {"name", p.name},     {"region", p.region},
             {"accountId", p.accountId}, {"functions", p.functions}, {"apis", p.apis}, {"usagePlans", p.usagePlans},
             {"apiKeys", p.apiKeys}, {"awsServiceEndpoints", p.awsServiceEndpoints}};
    if (p.awsCredentials)
        j["awsCredentials"] = *p.awsCredentials;
    compact(j);
    if (!p.console.empty()) // written as it is: its own defaults are already left out, and "" is a value there
        j["console"] = p.console;
    for (auto &api : j["apis"]) // routes are kept even when empty, except where they are not a REST API's
        if (api.value("type", "HTTP") == "REST" && api.contains("routes") && api["routes"].empty())
            api.erase("routes");
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
    p.awsServiceEndpoints = j.value("awsServiceEndpoints", StringMap{});
    if (j.contains("awsCredentials") && j["awsCredentials"].is_object())
        p.awsCredentials = j["awsCredentials"].get<AwsCredentials>();
    else
        p.awsCredentials.reset();
    p.console = j.value("console", ConsoleWorkspace{});
}

const char *apiTypeName(ApiType type)
{
    switch (type) {
    case ApiType::Http: return "HTTP";
    case ApiType::Rest: return "REST";
    case ApiType::WebSocket: return "WEBSOCKET";
    }
    return "HTTP";
}

void Api::setType(ApiType type)
{
    if (type == apiType())
        return;
    switch (type) {
    case ApiType::Http: spec = HttpApiSpec{}; break;
    case ApiType::Rest: spec = RestApiSpec{}; break;
    case ApiType::WebSocket: spec = WebSocketApiSpec{}; break;
    }
}

const std::vector<Route> &Api::routes() const
{
    static const std::vector<Route> kNone;
    if (const HttpApiSpec *h = http())
        return h->routes;
    if (const WebSocketApiSpec *w = webSocket())
        return w->routes;
    return kNone;
}

std::vector<Route> *Api::mutableRoutes()
{
    if (HttpApiSpec *h = http())
        return &h->routes;
    if (WebSocketApiSpec *w = webSocket())
        return &w->routes;
    return nullptr;
}

const std::vector<Integration> &Api::integrations() const
{
    static const std::vector<Integration> kNone;
    if (const HttpApiSpec *h = http())
        return h->integrations;
    if (const WebSocketApiSpec *w = webSocket())
        return w->integrations;
    return kNone;
}

std::vector<Integration> *Api::mutableIntegrations()
{
    if (HttpApiSpec *h = http())
        return &h->integrations;
    if (WebSocketApiSpec *w = webSocket())
        return &w->integrations;
    return nullptr;
}

const Integration *Api::findIntegration(const std::string &integrationId) const
{
    for (const auto &integration : integrations())
        if (integration.id == integrationId)
            return &integration;
    return nullptr;
}

ItemId newItemId()
{
    static std::atomic<ItemId> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
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
