#include "rest_api_compiler.h"

#include "compiled_api_base.h"

#include "../../model/aws_integration_uri.h"
#include "../../model/rest_deployments.h"
#include "../../integrations/aws_service_integration.h"
#include "../../integrations/backend_uri_template.h"
#include "../../integrations/http_integration.h"
#include "../../integrations/lambda_integration.h"
#include "../../pipeline/rest_parameter_mapping.h"
#include "../../pipeline/stages/http_proxy_response_stage.h"
#include "../../model/json_locator.h"
#include "../../pipeline/integration_requests.h"
#include "../../pipeline/stages/http_api_route_stage.h"
#include "../../pipeline/stages/integration_stage.h"
#include "../../pipeline/stages/lambda_proxy_response_stage.h"
#include "../../pipeline/stages/rest_stage_selection_stage.h"
#include "../../pipeline/stages/local_reply_stage.h"
#include "../../pipeline/stages/mock_integration_stage.h"
#include "../../pipeline/stages/rest_integration_request_stage.h"
#include "../../pipeline/stages/rest_integration_response_stage.h"
#include "../../pipeline/stages/rest_method_request_stage.h"
#include "../../pipeline/stages/rest_method_response_stage.h"
#include "../../pipeline/stages/rest_request_validation_stage.h"
#include "../../pipeline/stages/rest_response_headers_stage.h"

#include <QCryptographicHash>

namespace gw {

namespace {

StageChain refused(const QString &why)
{
    return {std::make_shared<const LocalReplyStage>("integration", GatewayResponseType::ApiConfigurationError,
                                                    Outcome::IntegrationConfigError, why)};
}

// A resource id as the service shows them (10 lowercase letters and digits), stable per path.
std::string resourceIdOf(const std::string &apiId, const std::string &path)
{
    const QByteArray hash = QCryptographicHash::hash(QByteArray::fromStdString(apiId + path), QCryptographicHash::Sha1);
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string id;
    for (int i = 0; i < 10; ++i)
        id += alphabet[static_cast<unsigned char>(hash[i]) % 36];
    return id;
}

// What compiling a method's integration may find wrong (a mapping template that does not parse,
// a selection pattern or mapping that cannot work, a Lambda integration that is not POST): the
// chain and `validate` both ask this, so they find the same. *where is the JSON pointer below
// the integration.
struct IntegrationParts {
    TemplateSet requestTemplates;
    std::vector<CompiledIntegrationResponse> responses;
    std::shared_ptr<RestRequestMapping> mapping = std::make_shared<RestRequestMapping>();
    std::shared_ptr<const BackendUriTemplate> backend; // HTTP and HTTP_PROXY
};

// The function a Lambda integration calls: its `function`, else the one its URI names.
std::optional<std::string> lambdaFunctionOf(const RestIntegration &integration)
{
    if (integration.function && !integration.function->empty())
        return integration.function;
    if (integration.uri)
        return lambdaFunctionOfUri(*integration.uri);
    return std::nullopt;
}

bool isLambda(const RestIntegration &integration)
{
    return integration.type == "AWS_PROXY" || (integration.type == "AWS" && lambdaFunctionOf(integration));
}

bool compileParts(const RestIntegration &integration, IntegrationParts *parts, std::string *error, std::string *where)
{
    if (isLambda(integration) && integration.httpMethod != "POST") {
        // Lambda's Invoke is a POST: any other integration method fails every call (recorded:
        // rest-recorded lambda-proxy-response/rest-v1/integration-http-method-get, a 500).
        *error = "a Lambda integration's httpMethod must be POST (it is " + integration.httpMethod + ")";
        *where = "/httpMethod";
        return false;
    }
    std::string key;
    if (!parts->mapping->compile(integration.requestParameters, error, &key)) {
        *where = "/requestParameters/" + escapePointer(key);
        return false;
    }
    for (const QByteArray &header : parts->mapping->headerTargets())
        if (isRestrictedMappedHeader(integration.type, header)) {
            // The service takes the setting and fails every call with 500; said here before that.
            *error = "a mapping onto the header " + header.toStdString() + " fails every call of a " + integration.type +
                     " integration (the service answers 500)";
            *where = "/requestParameters";
            return false;
        }
    if (integration.type == "HTTP" || integration.type == "HTTP_PROXY") {
        parts->backend = std::make_shared<const BackendUriTemplate>(integration.uri.value_or(std::string()));
        if (!parts->backend->isValid()) {
            *error = "integration URI: " + parts->backend->error().toStdString();
            *where = "/uri";
            return false;
        }
    }
    if (integration.type == "AWS_PROXY" || integration.type == "HTTP_PROXY")
        return true; // no templates, no integration responses
    std::string contentType;
    if (!parts->requestTemplates.parse(integration.requestTemplates, error, &contentType)) {
        *error = "request " + *error;
        *where = "/requestTemplates/" + escapePointer(contentType);
        return false;
    }
    std::string below;
    if (!RestIntegrationResponseStage::compile(integration.integrationResponses, &parts->responses, error, &below)) {
        *where = "/integrationResponses" + below;
        return false;
    }
    return true;
}

// The API's models, compiled once for all its methods.
struct ApiModels {
    std::shared_ptr<ModelSchemas> schemas = std::make_shared<ModelSchemas>();
    std::string error; // the first model that does not compile
    size_t failed = 0;
};

ApiModels compileModels(const RestApiSpec &rest)
{
    ApiModels models;
    if (!models.schemas->compile(rest.models, &models.error, &models.failed) && models.error.empty())
        models.error = "a model does not compile";
    return models;
}

// The method's request validation (null: its validator checks nothing, or it has none); false
// with *error and *where (below the method) for a validator or model it names that is not there.
bool validationFor(const RestMethod &method, const RestApiSpec &rest, const ApiModels &models, StagePtr *stage,
                   std::string *error, std::string *where)
{
    if (!method.requestValidator || method.requestValidator->empty())
        return true;
    const RequestValidator *validator = nullptr;
    for (const RequestValidator &v : rest.requestValidators)
        if (v.id == *method.requestValidator)
            validator = &v;
    if (!validator) {
        *error = "no request validator with id '" + *method.requestValidator + "' in this API";
        *where = "/requestValidator";
        return false;
    }
    std::vector<RestRequestValidationStage::BodyModel> bodyModels;
    if (validator->validateRequestBody)
        for (const auto &[contentType, modelName] : method.requestModels) {
            if (!models.error.empty()) {
                *error = models.error;
                *where = "/requestModels/" + escapePointer(contentType);
                return false;
            }
            const CompiledModel *model = models.schemas->find(modelName);
            if (!model) {
                *error = "request model for " + contentType + ": no model named '" + modelName + "' in this API";
                *where = "/requestModels/" + escapePointer(contentType);
                return false;
            }
            bodyModels.push_back({QByteArray::fromStdString(contentType).toLower().toStdString(), model});
        }
    std::vector<RestRequestValidationStage::RequiredParameter> required;
    if (validator->validateRequestParameters)
        required = RestRequestValidationStage::requiredParameters(method.requestParameters);
    if (!required.empty() || !bodyModels.empty())
        *stage = std::make_shared<const RestRequestValidationStage>(std::move(required), std::move(bodyModels), models.schemas);
    return true;
}

// What a method's chain needs of the API and the project beyond the method itself.
struct ChainInputs {
    const Project &project;
    const RestApiSpec &rest;
    const DeployServices &services;
};

StageChain integrationChain(const RestMethod &method, const std::string &name, const ChainInputs &in);

StageChain methodChain(const RestMethod &method, const std::string &name, const ApiModels &models, const ChainInputs &in)
{
    StagePtr validation;
    std::string error, where;
    if (!validationFor(method, in.rest, models, &validation, &error, &where))
        return refused(QString::fromStdString(name + ": " + error));
    static const StagePtr kMethodRequest = std::make_shared<const RestMethodRequestStage>();
    static const StagePtr kMethodResponse = std::make_shared<const RestMethodResponseStage>();
    StageChain chain = integrationChain(method, name, in);
    if (validation)
        chain.insert(chain.begin(), validation);
    chain.insert(chain.begin(), kMethodRequest);
    // First in the chain, so its response phase runs after every other part of the method's.
    chain.insert(chain.begin(), kMethodResponse);
    return chain;
}

// An AWS-service integration's endpoint and signing, from the project's awsServiceEndpoints and
// awsCredentials; false with *why when the project sets no endpoint for the service.
bool awsServiceCall(const RestIntegration &integration, const Project &project, std::shared_ptr<const BackendUriTemplate> *endpoint,
                    AwsServiceIntegration::Signing *signing, QString *why)
{
    const std::optional<AwsIntegrationUri> uri = parseAwsIntegrationUri(integration.uri.value_or(std::string()));
    if (!uri) {
        *why = QStringLiteral("'%1' is not an AWS integration URI").arg(QString::fromStdString(integration.uri.value_or(std::string())));
        return false;
    }
    // "BUCKET.s3" (virtual-hosted S3) goes path-style: /BUCKET/PATH.
    std::string service = uri->service;
    std::string pathPrefix;
    if (const size_t dot = service.rfind('.'); dot != std::string::npos) {
        pathPrefix = service.substr(0, dot) + "/";
        service = service.substr(dot + 1);
    }
    const auto found = project.awsServiceEndpoints.find(service);
    if (found == project.awsServiceEndpoints.end()) {
        *why = QStringLiteral("no endpoint is set for the AWS service %1 (%2:%3%4): set awsServiceEndpoints.%1 in the project "
                              "to a compatible service's URL (LocalStack, moto, DynamoDB Local, s3rver) to send it there")
                   .arg(QString::fromStdString(service), QString::fromStdString(uri->region),
                        QString::fromStdString(uri->action ? "action/" : "path/"), QString::fromStdString(uri->target));
        return false;
    }
    std::string base = found->second;
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    std::string url = base + "/";
    signing->region = uri->region.empty() ? project.region : uri->region;
    signing->service = service;
    if (!uri->action) {
        url += pathPrefix + uri->target;
    } else {
        // action/NAME[&k=v...]: the name is the action, the rest its parameters.
        const size_t amp = uri->target.find('&');
        const std::string action = uri->target.substr(0, amp);
        if (const std::optional<AwsJsonProtocol> json = awsJsonProtocolOf(service)) {
            signing->amzTarget = json->targetPrefix + '.' + QByteArray::fromStdString(action);
            signing->jsonContentType = json->contentType;
        } else {
            url += "?Action=" + action + (amp == std::string::npos ? std::string() : uri->target.substr(amp));
        }
    }
    auto parsed = std::make_shared<const BackendUriTemplate>(url);
    if (!parsed->isValid()) {
        *why = QStringLiteral("the endpoint %1 for %2 is not a URL: %3")
                   .arg(QString::fromStdString(found->second), QString::fromStdString(service), parsed->error());
        return false;
    }
    *endpoint = std::move(parsed);
    if (project.awsCredentials) {
        signing->credentials = {QByteArray::fromStdString(project.awsCredentials->accessKeyId),
                                QByteArray::fromStdString(project.awsCredentials->secretAccessKey),
                                QByteArray::fromStdString(project.awsCredentials->sessionToken.value_or(std::string()))};
    } else if (!qEnvironmentVariableIsEmpty("AWS_ACCESS_KEY_ID")) {
        signing->credentials = {qgetenv("AWS_ACCESS_KEY_ID"), qgetenv("AWS_SECRET_ACCESS_KEY"), qgetenv("AWS_SESSION_TOKEN")};
    } else {
        signing->credentials = {QByteArrayLiteral("test"), QByteArrayLiteral("test"), {}}; // what local AWS emulators accept
    }
    return true;
}

StageChain integrationChain(const RestMethod &method, const std::string &name, const ChainInputs &in)
{
    const DeployServices &services = in.services;
    if (!method.integration)
        return refused(QStringLiteral("%1 has no integration").arg(QString::fromStdString(name)));
    const RestIntegration &integration = *method.integration;
    IntegrationParts parts;
    std::string error, where;
    if (!compileParts(integration, &parts, &error, &where))
        return refused(QString::fromStdString(name + ": " + error));
    auto integrationRequest = [&] {
        return std::make_shared<const RestIntegrationRequestStage>(
            std::move(parts.requestTemplates), RestIntegrationRequestStage::passthroughNamed(integration.passthroughBehavior),
            in.rest.binaryMediaTypes, contentHandlingNamed(integration.contentHandling));
    };
    auto integrationResponse = [&] {
        return std::make_shared<const RestIntegrationResponseStage>(std::move(parts.responses), in.rest.binaryMediaTypes,
                                                                    integration.type == "AWS");
    };
    if (isLambda(integration)) {
        const QString function = QString::fromStdString(functionNameFromReference(lambdaFunctionOf(integration).value_or(std::string())));
        auto lambda = std::make_shared<const LambdaIntegration>(services.runtime, function);
        // The pipeline keeps the deadline (29 s by default on REST): the function may run on.
        if (integration.type == "AWS_PROXY")
            return {std::make_shared<const IntegrationStage>(
                        lambda, [](const RequestContext &ctx) { return restLambdaRequest(ctx); }, integration.timeoutInMillis, true, true),
                    std::make_shared<const LambdaProxyResponseStage>(LambdaProxyResponseStage::PayloadFormat::Rest)};
        // AWS (Lambda custom): the request template makes the event, the integration responses map the result.
        return {integrationRequest(),
                std::make_shared<const IntegrationStage>(
                    lambda, [](const RequestContext &ctx) { return restCustomLambdaRequest(ctx); }, integration.timeoutInMillis, true, true),
                integrationResponse()};
    }
    if (integration.type == "HTTP" || integration.type == "HTTP_PROXY") {
        // The upstream client enforces the timeout itself: it also drops the connection.
        // TlsConfig.insecureSkipVerification (REST only): untrusted issuers pass, expiry and name still count.
        HttpIntegration::Tls tls;
        tls.skipIssuerVerification = integration.tlsConfig && integration.tlsConfig->insecureSkipVerification;
        auto http = std::make_shared<const HttpIntegration>(parts.backend, tls, services.clock);
        const bool proxy = integration.type == "HTTP_PROXY";
        const QByteArray method = QByteArray::fromStdString(integration.httpMethod);
        auto mapper = [backend = parts.backend, mapping = parts.mapping, method, proxy](const RequestContext &ctx) {
            return restHttpRequest(ctx, *backend, method, *mapping, proxy);
        };
        auto call = std::make_shared<const IntegrationStage>(http, std::move(mapper), integration.timeoutInMillis, false, true);
        if (proxy)
            return {call, std::make_shared<const HttpProxyResponseStage>(integration.timeoutInMillis, HttpProxyResponseStage::Flavour::RestApi)};
        return {integrationRequest(), call, integrationResponse()};
    }
    if (integration.type == "AWS") {
        // An AWS service (not Lambda): sent where the project says, or answered 500 with the reason.
        std::shared_ptr<const BackendUriTemplate> endpoint;
        AwsServiceIntegration::Signing signing;
        QString why;
        if (!awsServiceCall(integration, in.project, &endpoint, &signing, &why))
            return {integrationRequest(),
                    std::make_shared<const LocalReplyStage>("integration", GatewayResponseType::ApiConfigurationError,
                                                            Outcome::UnsupportedIntegration,
                                                            QString::fromStdString(name + ": ") + why)};
        auto aws = std::make_shared<const AwsServiceIntegration>(endpoint, std::move(signing), services.clock);
        const QByteArray method = QByteArray::fromStdString(integration.httpMethod);
        auto mapper = [endpoint, mapping = parts.mapping, method](const RequestContext &ctx) {
            return restHttpRequest(ctx, *endpoint, method, *mapping, false);
        };
        return {integrationRequest(),
                std::make_shared<const IntegrationStage>(aws, std::move(mapper), integration.timeoutInMillis, false, true),
                integrationResponse()};
    }
    if (integration.type != "MOCK")
        return refused(QString::fromStdString(name + ": unknown integration type " + integration.type));
    return {integrationRequest(), std::make_shared<const MockIntegrationStage>(), integrationResponse()};
}

} // namespace

namespace {

// "${stageVariables.NAME}" in an integration's URI or function: the service puts the stage's
// value there per stage (stage-variables.html); a name the stage does not set becomes empty.
const std::string kStageVariableOpen = "${stageVariables.";

bool mentionsStageVariables(const RestApiSpec &spec)
{
    for (const RestResource &resource : spec.resources)
        for (const RestMethod &method : resource.methods)
            if (method.integration && ((method.integration->uri && method.integration->uri->find(kStageVariableOpen) != std::string::npos) ||
                                       (method.integration->function && method.integration->function->find(kStageVariableOpen) != std::string::npos)))
                return true;
    return false;
}

std::string withStageVariables(const std::string &text, const StringMap &variables)
{
    std::string out;
    size_t at = 0;
    while (true) {
        const size_t open = text.find(kStageVariableOpen, at);
        const size_t close = open == std::string::npos ? open : text.find('}', open);
        if (close == std::string::npos)
            return out + text.substr(at);
        out += text.substr(at, open - at);
        const std::string name = text.substr(open + kStageVariableOpen.size(), close - open - kStageVariableOpen.size());
        if (auto found = variables.find(name); found != variables.end())
            out += found->second;
        at = close + 1;
    }
}

void putStageVariables(RestApiSpec &spec, const StringMap &variables)
{
    for (RestResource &resource : spec.resources)
        for (RestMethod &method : resource.methods)
            if (method.integration) {
                if (method.integration->uri)
                    method.integration->uri = withStageVariables(*method.integration->uri, variables);
                if (method.integration->function)
                    method.integration->function = withStageVariables(*method.integration->function, variables);
            }
}

const Deployment *deploymentNamed(const RestApiSpec &rest, const std::optional<std::string> &id)
{
    if (id)
        for (const Deployment &deployment : rest.deployments)
            if (deployment.id == *id)
                return &deployment;
    return nullptr;
}

// Compiles what stages serve, once per deployment (and per stage-variable set when integration
// URIs or function names read stage variables).
class DeploymentCompiler {
public:
    DeploymentCompiler(const Api &api, const CompiledProject &project, const DeployServices &services, CompiledApi &compiled)
        : m_api(api), m_rest(*api.rest()), m_project(project), m_services(services), m_compiled(compiled)
    {
    }

    // The deployment `id` names (its snapshot), or the design as it is when it names none with one.
    const CompiledDeployment *deploymentFor(const std::optional<std::string> &id, const std::string &fallbackId,
                                            const StringMap &stageVariables)
    {
        const Deployment *named = deploymentNamed(m_rest, id);
        const bool snapshot = named && named->snapshot.is_object();
        // Read once per deployment, copied only for what is compiled (the history stays out).
        std::string key = (snapshot ? "snapshot:" : "design:") + id.value_or(fallbackId);
        const RestApiSpec &source = snapshot ? snapshotOf(key, *named) : m_rest;
        const bool perStage = mentionsStageVariables(source);
        if (perStage)
            for (const auto &[name, value] : stageVariables)
                key += '\n' + name + '=' + value;
        if (auto found = m_byKey.find(key); found != m_byKey.end())
            return found->second;
        auto spec = std::make_unique<RestApiSpec>(deployedPartsOf(source));
        if (perStage)
            putStageVariables(*spec, stageVariables);
        auto deployment = std::make_unique<CompiledDeployment>();
        deployment->id = id.value_or(fallbackId);
        deployment->fromSnapshot = snapshot;
        deployment->spec = std::move(spec);
        deployment->responses = GatewayResponses::forApiType(ApiType::Rest);
        deployment->responses.applyOverrides(deployment->spec->gatewayResponses);
        const RestApiSpec &rest = *deployment->spec;
        const ApiModels models = compileModels(rest);
        std::vector<std::string> routeKeys;
        for (const RestResource &resource : rest.resources)
            for (const RestMethod &method : resource.methods) {
                CompiledRoute r;
                r.routeKey = QByteArray::fromStdString(method.httpMethod + " " + resource.path);
                r.resourcePath = resource.path;
                r.resourceId = resourceIdOf(m_api.apiId, resource.path);
                r.chain = methodChain(method, method.httpMethod + " " + resource.path, models, {m_project.project, rest, m_services});
                routeKeys.push_back(r.routeKey.toStdString());
                deployment->routes.push_back(std::move(r));
            }
        deployment->routeTable = RouteTable(routeKeys);
        const CompiledDeployment *made = deployment.get();
        m_compiled.deployments.push_back(std::move(deployment));
        m_byKey.emplace(std::move(key), made);
        return made;
    }

private:
    const RestApiSpec &snapshotOf(const std::string &key, const Deployment &deployment)
    {
        auto found = m_snapshots.find(key);
        if (found == m_snapshots.end())
            found = m_snapshots.emplace(key, restSpecOfSnapshot(deployment.snapshot)).first;
        return found->second;
    }

    const Api &m_api;
    const RestApiSpec &m_rest;
    const CompiledProject &m_project;
    const DeployServices &m_services;
    CompiledApi &m_compiled;
    std::map<std::string, const CompiledDeployment *> m_byKey;
    std::map<std::string, RestApiSpec> m_snapshots; // read snapshots, by deployment
};

} // namespace

std::shared_ptr<CompiledApi> compileRestApi(const Api &api, const CompiledProject &project, const DeployServices &services)
{
    static const StagePtr kResponseHeaders = std::make_shared<const RestResponseHeadersStage>();
    static const StagePtr kStageSelection = std::make_shared<const RestStageSelectionStage>();
    // Routing is the HTTP API's stage: what matches nothing gets MISSING_AUTHENTICATION_TOKEN
    // (403 on a REST API).
    static const StagePtr kRoute = std::make_shared<const HttpApiRouteStage>();

    std::shared_ptr<CompiledApi> compiled = compiledApiBase(api, project);
    // REST APIs have no $default stage: every stage is in the path, whatever its name.
    compiled->defaultStage = nullptr;
    compiled->prelude = {kResponseHeaders, kStageSelection, kRoute};
    const RestApiSpec *rest = api.rest();
    if (!rest)
        return compiled;
    // Before a stage is known (no such stage), the design's gateway responses answer.
    compiled->responses.applyOverrides(rest->gatewayResponses);
    DeploymentCompiler deployments(api, project, services, *compiled);
    // A stage that names no deployment serves the design under one id per API.
    const std::string designId = resourceIdOf(api.apiId, "deployment").substr(0, 6);
    const std::optional<std::uint64_t> seed = CanarySplit::seedFromEnvironment();
    for (CompiledStage &stage : compiled->stages) {
        stage.pathPrefix = '/' + stage.name;
        stage.deploymentId = QByteArray::fromStdString(stage.model->deployment.value_or(designId));
        stage.deployment = deployments.deploymentFor(stage.model->deployment, designId, stage.stageVariables);
        if (const std::optional<CanarySettings> &settings = stage.model->canarySettings) {
            // The canary: the stage with its overrides (and the variables it adds) on another deployment.
            auto canary = std::make_shared<CompiledStage>(stage);
            for (const auto &[name, value] : settings->stageVariableOverrides)
                canary->stageVariables[name] = value;
            canary->isCanary = true;
            canary->deploymentId = QByteArray::fromStdString(settings->deploymentId);
            canary->deployment = deployments.deploymentFor(settings->deploymentId, designId, canary->stageVariables);
            stage.canary = std::move(canary);
            stage.canarySplit = std::make_shared<const CanarySplit>(settings->percentTraffic, seed);
        }
    }
    return compiled;
}

ProjectProblems restSpecProblems(const RestApiSpec &spec, const std::string &apiAt)
{
    ProjectProblems problems;
    const RestApiSpec *rest = &spec; // the design or a snapshot
    const ApiModels models = compileModels(*rest);
    if (!models.error.empty()) {
        ProjectError problem;
        problem.pointer = apiAt + "/models/" + std::to_string(models.failed) + "/schema";
        problem.message = models.error;
        problems.push_back(std::move(problem));
    }
    for (size_t r = 0; r < rest->resources.size(); ++r)
        for (size_t m = 0; m < rest->resources[r].methods.size(); ++m) {
            const RestMethod &method = rest->resources[r].methods[m];
            const std::string methodAt = apiAt + "/resources/" + std::to_string(r) + "/methods/" + std::to_string(m);
            const auto report = [&](const std::string &where, const std::string &error) {
                ProjectError problem;
                problem.pointer = methodAt + where;
                problem.message = method.httpMethod + " " + rest->resources[r].path + ": " + error;
                problems.push_back(std::move(problem));
            };
            StagePtr validation;
            std::string error, where;
            // A model that does not compile is reported once, on the model.
            if (!validationFor(method, *rest, models, &validation, &error, &where) && error != models.error)
                report(where, error);
            IntegrationParts parts;
            if (method.integration && !compileParts(*method.integration, &parts, &error, &where))
                report("/integration" + where, error);
        }
    return problems;
}

ProjectProblems restApiProblems(const Api &api, const std::string &apiAt)
{
    const RestApiSpec *rest = api.rest();
    if (!rest)
        return {};
    ProjectProblems problems = restSpecProblems(*rest, apiAt);
    // What a stage serves from a snapshot is checked as deployed (a file edited by hand); the
    // history no stage serves is not (it grows with every deploy, and the Problems list runs on
    // every edit).
    const auto served = [&](const std::string &id) {
        return std::any_of(api.stages.begin(), api.stages.end(), [&](const Stage &s) {
            return s.deployment == id || (s.canarySettings && s.canarySettings->deploymentId == id);
        });
    };
    for (size_t d = 0; d < rest->deployments.size(); ++d)
        if (rest->deployments[d].snapshot.is_object() && served(rest->deployments[d].id))
            for (ProjectError &problem :
                 restSpecProblems(restSpecOfSnapshot(rest->deployments[d].snapshot), apiAt + "/deployments/" + std::to_string(d) + "/snapshot")) {
                problem.message = "deployment " + rest->deployments[d].id + ": " + problem.message;
                problems.push_back(std::move(problem));
            }
    return problems;
}

} // namespace gw
