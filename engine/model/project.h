#pragma once
// The editable design document: plain value types mirroring docs/project-format.md. Every item
// has an ItemId that stays the same while the document is edited (copies keep it), so the
// designer and its undo stack address items by id, not by position.
#include "console_workspace.h"
#include "item_id.h"
#include "json_optional.h"

#include <map>
#include <string>
#include <variant>
#include <vector>

namespace gw {

using StringMap = std::map<std::string, std::string>;
using Json = nlohmann::json;

struct Function {
    ItemId itemId = newItemId();
    std::string name;
    std::string runtime = "python3"; // python3 | nodejs | command
    std::string handler = "app.handler";
    std::vector<std::string> command;
    std::string codeDir = ".";
    int timeout = 3;
    int memorySize = 128;
    StringMap environment;
    std::optional<int> reservedConcurrency;
};

struct Route {
    ItemId itemId = newItemId();
    std::string routeKey;
    std::optional<std::string> integration;
    std::string authorizationType = "NONE";
    std::optional<std::string> authorizer;
    std::vector<std::string> authorizationScopes;
    bool apiKeyRequired = false;
    std::optional<std::string> routeResponseSelectionExpression;
};

// TLS towards an https:// integration endpoint (AWS TlsConfig: serverNameToVerify is the HTTP API
// field, insecureSkipVerification the REST API one; an HTTP API keeps the latter but ignores it).
struct TlsConfig {
    std::optional<std::string> serverNameToVerify; // SNI and the name the certificate must carry
    bool insecureSkipVerification = false;         // accept untrusted issuers; expiry and name still checked
};

// A WebSocket integration response (non-proxy integrations on two-way routes): chosen by its key,
// "$default" or "/regex/" on the backend's status code, then one of its templates maps the body.
struct WebSocketIntegrationResponse {
    std::string integrationResponseKey = "$default";
    StringMap responseTemplates;
    std::optional<std::string> templateSelectionExpression;
};

struct Integration {
    ItemId itemId = newItemId();
    std::string id;
    std::string type = "AWS_PROXY"; // AWS_PROXY | HTTP_PROXY | MOCK | AWS | HTTP
    std::optional<std::string> function;
    std::optional<std::string> uri;
    std::string method = "ANY";
    std::string payloadFormatVersion = "2.0";
    int timeoutInMillis = 30000;
    StringMap requestParameters;
    std::map<std::string, StringMap> responseParameters; // HTTP APIs: per status code
    StringMap requestTemplates;
    std::optional<std::string> templateSelectionExpression;
    std::optional<TlsConfig> tlsConfig;
    std::vector<WebSocketIntegrationResponse> integrationResponses; // WebSocket MOCK and HTTP
};

struct IntegrationResponse {
    std::string statusCode = "200";
    std::string selectionPattern;
    StringMap responseParameters;
    StringMap responseTemplates;
    std::optional<std::string> contentHandling;
};

struct RestIntegration {
    std::string type = "AWS_PROXY";
    std::optional<std::string> function;
    std::optional<std::string> uri;
    std::string httpMethod = "POST";
    StringMap requestParameters;
    StringMap requestTemplates;
    std::string passthroughBehavior = "WHEN_NO_MATCH";
    std::optional<std::string> contentHandling;
    int timeoutInMillis = 29000;
    std::vector<IntegrationResponse> integrationResponses;
    // AWS-service integrations: the IAM role the service assumes to call the target (kept and
    // exported; locally the call is signed with the project's awsCredentials).
    std::optional<std::string> credentials;
    // HTTP and HTTP_PROXY to https://: the REST TlsConfig (insecureSkipVerification only).
    std::optional<TlsConfig> tlsConfig;
};

struct MethodResponse {
    std::string statusCode = "200";
    std::map<std::string, bool> responseParameters;
    StringMap responseModels;
};

struct RestMethod {
    ItemId itemId = newItemId();
    std::string httpMethod = "GET";
    std::string authorizationType = "NONE";
    std::optional<std::string> authorizer;
    bool apiKeyRequired = false;
    std::optional<std::string> requestValidator;
    std::map<std::string, bool> requestParameters;
    StringMap requestModels;
    std::optional<RestIntegration> integration;
    std::vector<MethodResponse> methodResponses;
};

struct RestResource {
    ItemId itemId = newItemId();
    std::string path = "/";
    std::vector<RestMethod> methods;
};

struct Model {
    ItemId itemId = newItemId();
    std::string name;
    std::string contentType = "application/json";
    Json schema = Json::object();
};

struct RequestValidator {
    ItemId itemId = newItemId();
    std::string id;
    std::string name;
    bool validateRequestBody = false;
    bool validateRequestParameters = false;
};

// A REST deployment: what the API was when it was deployed (the service's deployments are
// snapshots), so a stage that serves it keeps serving it while the design changes.
struct Deployment {
    ItemId itemId = newItemId();
    std::string id;
    std::string description;
    std::optional<std::string> createdDate; // ISO 8601, UTC
    // The deployed parts of the API as the file writes them (resources, models,
    // requestValidators, gatewayResponses, binaryMediaTypes); null: the design as it is.
    Json snapshot;
};

// A REST stage's canary: percentTraffic of its requests go to another deployment, with stage
// variables of their own ($context.isCanaryRequest says which).
struct CanarySettings {
    std::string deploymentId;
    double percentTraffic = 0;
    StringMap stageVariableOverrides;
    bool useStageCache = false;
};

struct Throttling {
    std::optional<int> burstLimit;
    std::optional<double> rateLimit;
};

struct Stage {
    ItemId itemId = newItemId();
    std::string name = "$default";
    bool autoDeploy = true;
    std::optional<std::string> deployment;
    StringMap stageVariables;
    std::optional<std::string> accessLogFormat;
    std::optional<Throttling> throttling;
    std::optional<CanarySettings> canarySettings; // REST
};

struct JwtConfiguration {
    std::string issuer;
    std::vector<std::string> audience;
};

struct Authorizer {
    ItemId itemId = newItemId();
    std::string id;
    std::string name;
    std::string type = "JWT"; // JWT | REQUEST | TOKEN | COGNITO_USER_POOLS
    std::vector<std::string> identitySource;
    std::optional<JwtConfiguration> jwtConfiguration;
    std::optional<std::string> function;
    std::string authorizerPayloadFormatVersion = "2.0";
    bool enableSimpleResponses = false;
    int resultTtlInSeconds = 300;
};

struct Cors {
    std::vector<std::string> allowOrigins;
    std::vector<std::string> allowMethods;
    std::vector<std::string> allowHeaders;
    std::vector<std::string> exposeHeaders;
    std::optional<int> maxAge;
    bool allowCredentials = false;
};

enum class ApiType { Http, Rest, WebSocket };

// "HTTP", "REST", "WEBSOCKET": the file's name of a type.
const char *apiTypeName(ApiType type);

// What HTTP APIs have beyond the common fields.
struct HttpApiSpec {
    std::vector<Route> routes;
    std::vector<Integration> integrations;
    std::optional<Cors> cors;
};

// What WebSocket APIs have beyond the common fields.
struct WebSocketApiSpec {
    std::vector<Route> routes;
    std::vector<Integration> integrations;
    std::optional<std::string> routeSelectionExpression;
};

// What REST APIs have beyond the common fields.
struct RestApiSpec {
    std::vector<RestResource> resources;
    std::vector<Model> models;
    std::vector<RequestValidator> requestValidators;
    std::vector<Deployment> deployments;
    Json gatewayResponses = Json::object();
    std::vector<std::string> binaryMediaTypes;
    std::string apiKeySource = "HEADER";
};

struct Api {
    ItemId itemId = newItemId();
    std::string id;
    std::string name;
    std::string apiId;
    int port = 0;
    std::string description;
    std::vector<Stage> stages;
    std::vector<Authorizer> authorizers;
    std::variant<HttpApiSpec, RestApiSpec, WebSocketApiSpec> spec; // the type is the alternative held
    // Fields the file gave that belong to another API type: ignored (the checker says so), kept
    // so that saving writes back what the user wrote.
    Json otherTypesFields = Json::object();

    ApiType apiType() const { return ApiType(spec.index()); }
    std::string typeName() const { return apiTypeName(apiType()); }
    void setType(ApiType type); // keeps the common fields, starts the type's own ones empty

    HttpApiSpec *http() { return std::get_if<HttpApiSpec>(&spec); }
    const HttpApiSpec *http() const { return std::get_if<HttpApiSpec>(&spec); }
    RestApiSpec *rest() { return std::get_if<RestApiSpec>(&spec); }
    const RestApiSpec *rest() const { return std::get_if<RestApiSpec>(&spec); }
    WebSocketApiSpec *webSocket() { return std::get_if<WebSocketApiSpec>(&spec); }
    const WebSocketApiSpec *webSocket() const { return std::get_if<WebSocketApiSpec>(&spec); }

    // HTTP and WebSocket APIs: their routes and integrations (empty for REST APIs).
    const std::vector<Route> &routes() const;
    std::vector<Route> *mutableRoutes();
    const std::vector<Integration> &integrations() const;
    std::vector<Integration> *mutableIntegrations();
    const Integration *findIntegration(const std::string &integrationId) const;
};

struct ApiStageRef {
    std::string api;
    std::string stage;
};

struct Quota {
    int limit = 0;
    std::string period = "DAY";
    int offset = 0;
};

struct UsagePlan {
    ItemId itemId = newItemId();
    std::string id;
    std::string name;
    std::vector<ApiStageRef> apiStages;
    std::optional<Throttling> throttle;
    std::optional<Quota> quota;
};

struct ApiKey {
    ItemId itemId = newItemId();
    std::string id;
    std::string name;
    std::string value;
    bool enabled = true;
    std::vector<std::string> usagePlans;
};

// The key AWS-service integrations are signed with (SigV4). A local service (LocalStack, moto,
// s3rver, DynamoDB Local) accepts what it is configured with; none given: the environment's
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else "test"/"test".
struct AwsCredentials {
    std::string accessKeyId;
    std::string secretAccessKey;
    std::optional<std::string> sessionToken;
};

struct Project {
    static constexpr int kFormatVersion = 1;
    std::string format = "gatewright-project";
    int version = kFormatVersion;
    std::string name = "Untitled";
    std::string region = "us-east-1";
    std::string accountId = "123456789012";
    std::vector<Function> functions;
    std::vector<Api> apis;
    std::vector<UsagePlan> usagePlans;
    std::vector<ApiKey> apiKeys;
    // Where AWS-service integrations are sent, by the service the integration URI names
    // ("s3", "dynamodb", "sqs", ...): a base URL such as "http://127.0.0.1:4566".
    StringMap awsServiceEndpoints;
    std::optional<AwsCredentials> awsCredentials;
    ConsoleWorkspace console; // the test console's environments and saved requests

    const Function *findFunction(const std::string &nameOrArn) const;
    const Api *findApi(const std::string &apiIdOrId) const;
};

// Resolves "NAME" or "arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]" to NAME.
std::string functionNameFromReference(const std::string &nameOrArn);
// A fresh 10-character API id like the service's ([a-z0-9]{10}).
std::string generateApiId();

void to_json(Json &j, const Project &p);
void from_json(const Json &j, Project &p);
#define GW_DECLARE_JSON(Type)                                                                                       \
    void to_json(Json &j, const Type &value);                                                                        \
    void from_json(const Json &j, Type &value);
GW_DECLARE_JSON(Function)
GW_DECLARE_JSON(Route)
GW_DECLARE_JSON(TlsConfig)
GW_DECLARE_JSON(WebSocketIntegrationResponse)
GW_DECLARE_JSON(Integration)
GW_DECLARE_JSON(IntegrationResponse)
GW_DECLARE_JSON(RestIntegration)
GW_DECLARE_JSON(MethodResponse)
GW_DECLARE_JSON(RestMethod)
GW_DECLARE_JSON(RestResource)
GW_DECLARE_JSON(Model)
GW_DECLARE_JSON(RequestValidator)
GW_DECLARE_JSON(Deployment)
GW_DECLARE_JSON(CanarySettings)
GW_DECLARE_JSON(Throttling)
GW_DECLARE_JSON(Stage)
GW_DECLARE_JSON(JwtConfiguration)
GW_DECLARE_JSON(Authorizer)
GW_DECLARE_JSON(Cors)
GW_DECLARE_JSON(ApiStageRef)
GW_DECLARE_JSON(Quota)
GW_DECLARE_JSON(UsagePlan)
GW_DECLARE_JSON(ApiKey)
GW_DECLARE_JSON(AwsCredentials)
#undef GW_DECLARE_JSON
void to_json(Json &j, const Api &api);
void from_json(const Json &j, Api &api);
// Fields an API's entry has that belong to other API types (and are ignored), by name.
std::vector<std::string> otherTypesFieldNames(const Api &api);

} // namespace gw
