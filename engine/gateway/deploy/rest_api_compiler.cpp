#include "rest_api_compiler.h"

#include "compiled_api_base.h"

#include "../../model/aws_integration_uri.h"
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
    StageChain chain = integrationChain(method, name, in);
    if (validation)
        chain.insert(chain.begin(), validation);
    chain.insert(chain.begin(), kMethodRequest);
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
        auto http = std::make_shared<const HttpIntegration>(parts.backend, HttpIntegration::Tls{}, services.clock);
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
    // The deployment a stage names, else one id per API (deployments come with their own item).
    const std::string apiDeployment = resourceIdOf(api.apiId, "deployment").substr(0, 6);
    for (CompiledStage &stage : compiled->stages) {
        stage.pathPrefix = '/' + stage.name;
        stage.deploymentId = QByteArray::fromStdString(stage.model->deployment.value_or(apiDeployment));
    }
    compiled->prelude = {kResponseHeaders, kStageSelection, kRoute};

    std::vector<std::string> routeKeys;
    if (const RestApiSpec *rest = api.rest()) {
        const ApiModels models = compileModels(*rest);
        for (const RestResource &resource : rest->resources)
            for (const RestMethod &method : resource.methods) {
                CompiledRoute r;
                r.routeKey = QByteArray::fromStdString(method.httpMethod + " " + resource.path);
                r.resourcePath = resource.path;
                r.resourceId = resourceIdOf(api.apiId, resource.path);
                r.chain = methodChain(method, method.httpMethod + " " + resource.path, models, {project.project, *rest, services});
                routeKeys.push_back(r.routeKey.toStdString());
                compiled->routes.push_back(std::move(r));
            }
    }
    compiled->routeTable = RouteTable(routeKeys);
    return compiled;
}

ProjectProblems restApiProblems(const Api &api, const std::string &apiAt)
{
    ProjectProblems problems;
    const RestApiSpec *rest = api.rest();
    if (!rest)
        return problems;
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

} // namespace gw
