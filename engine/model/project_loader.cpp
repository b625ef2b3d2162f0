#include "project_loader.h"

#include "../common/limits.h"

#include "route_selection_expression.h"
#include "../observability/documented_context_variables.h"
#include "service_quotas.h"

#include "aws_integration_uri.h"

#include "json_locator.h"
#include "mapping_keys.h"
#include "project_schema.h"
#include "route_key.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>

namespace gw {

namespace {

ProjectError syntaxError(const QString &file, const QByteArray &bytes, size_t byteOffset, const std::string &what)
{
    // nlohmann reports a 1-based byte count; turn it into line and column for editors.
    ProjectError error;
    error.file = file;
    int line = 1, column = 1;
    const size_t end = std::min<size_t>(byteOffset > 0 ? byteOffset - 1 : 0, size_t(bytes.size()));
    for (size_t i = 0; i < end; ++i) {
        if (bytes[qsizetype(i)] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    error.line = line;
    error.column = column;
    // nlohmann's text is "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..."
    std::string message = what;
    const size_t colon = message.find(": ");
    if (message.rfind("[json.exception", 0) == 0 && colon != std::string::npos)
        message = message.substr(colon + 2);
    error.message = "invalid JSON: " + message;
    return error;
}

std::string pointer(std::initializer_list<std::string> parts)
{
    std::string result;
    for (const auto &part : parts)
        result += '/' + part;
    return result;
}

// Checks what the schema cannot: references, duplicates, route syntax. Collects every problem.
struct Checker {
    const Project &project;
    ProjectProblems problems;

    void fail(std::string at, std::string message, ProjectError::Severity severity = ProjectError::Severity::Error)
    {
        ProjectError e;
        e.pointer = std::move(at);
        e.message = std::move(message);
        e.severity = severity;
        problems.push_back(std::move(e));
    }
    void warn(std::string at, std::string message) { fail(std::move(at), std::move(message), ProjectError::Severity::Warning); }

    void checkFunctionReference(const std::optional<std::string> &reference, const std::string &at)
    {
        if (!reference || reference->empty()) {
            fail(at, "a Lambda integration needs a function");
            return;
        }
        // Each stage puts its own name in "${stageVariables.fn}": found, or not, per stage when served.
        if (reference->find("${stageVariables.") != std::string::npos)
            return;
        if (!project.findFunction(*reference))
            fail(at, "no function named '" + functionNameFromReference(*reference) + "' in this project");
    }

    void run()
    {
        std::set<std::string> functionNames;
        for (size_t f = 0; f < project.functions.size(); ++f) {
            const auto &function = project.functions[f];
            const std::string at = pointer({"functions", std::to_string(f)});
            if (!functionNames.insert(function.name).second)
                fail(at + "/name", "duplicate function name '" + function.name + "'");
            if (function.runtime == "command" && function.command.empty())
                fail(at + "/command", "runtime \"command\" needs the command to start");
        }
        std::set<std::string> apiIds;
        std::set<int> ports;
        for (size_t a = 0; a < project.apis.size(); ++a) {
            const Api &api = project.apis[a];
            const std::string at = pointer({"apis", std::to_string(a)});
            if (!apiIds.insert(api.id).second)
                fail(at + "/id", "duplicate API id '" + api.id + "'");
            if (api.port != 0 && !ports.insert(api.port).second)
                fail(at + "/port", "port " + std::to_string(api.port) + " is used by another API");
            for (const std::string &field : otherTypesFieldNames(api))
                warn(at + "/" + field, "'" + field + "' is not a field of " + api.typeName() + " APIs: it is ignored");
            checkApi(api, at);
        }
    }

    void checkIntegrations(const std::vector<Integration> &integrations, const std::string &at)
    {
        std::set<std::string> integrationIds;
        for (size_t i = 0; i < integrations.size(); ++i) {
            const Integration &integration = integrations[i];
            const std::string iat = at + "/integrations/" + std::to_string(i);
            if (!integrationIds.insert(integration.id).second)
                fail(iat + "/id", "duplicate integration id '" + integration.id + "'");
            if (integration.type == "AWS_PROXY" || integration.type == "AWS")
                checkFunctionReference(integration.function, iat + "/function");
            if ((integration.type == "HTTP_PROXY" || integration.type == "HTTP") &&
                (!integration.uri || integration.uri->empty()))
                fail(iat + "/uri", "an HTTP integration needs a uri");
            checkParameterMapping(integration, iat);
            if (integration.tlsConfig && integration.tlsConfig->insecureSkipVerification)
                warn(iat + "/tlsConfig/insecureSkipVerification",
                     "insecureSkipVerification is a REST API setting (AWS TlsConfig): an HTTP API verifies every backend "
                     "certificate; trust a local CA by naming its PEM file in SSL_CERT_FILE");
        }
    }

    // HTTP APIs' parameter mapping: keys the service accepts, and a warning where the gateway
    // does not apply a mapping yet.
    void checkParameterMapping(const Integration &integration, const std::string &iat)
    {
        std::string why;
        for (const auto &[key, value] : integration.requestParameters)
            if (!parseMappingKey(key, false, &why))
                fail(iat + "/requestParameters/" + escapePointer(key), why);
        for (const auto &[status, parameters] : integration.responseParameters)
            for (const auto &[key, value] : parameters)
                if (!parseMappingKey(key, true, &why))
                    fail(iat + "/responseParameters/" + status + "/" + escapePointer(key), why);
        if (!integration.requestParameters.empty() && integration.type != "HTTP_PROXY")
            warn(iat + "/requestParameters", "request parameter mapping is applied to HTTP_PROXY integrations only in "
                                            "this version: the " + integration.type + " integration gets the request unchanged");
    }

    // Settings the file holds that this version does not enforce: said, so that nobody takes a
    // route for protected or throttled when it is not.
    void checkUnenforced(const Api &api, const std::string &at)
    {
        const std::vector<Route> &routes = api.routes();
        for (size_t r = 0; r < routes.size(); ++r) {
            const Route &route = routes[r];
            const std::string rat = at + "/routes/" + std::to_string(r);
            if (route.authorizationType != "NONE" || route.authorizer)
                warn(rat + (route.authorizer ? "/authorizer" : "/authorizationType"),
                     "authorizers are not enforced yet: route '" + route.routeKey + "' answers requests without checking them");
            if (route.apiKeyRequired)
                warn(rat + "/apiKeyRequired", "API keys are not enforced yet: route '" + route.routeKey + "' answers without one");
        }
        for (size_t s = 0; s < api.stages.size(); ++s)
            if (api.stages[s].throttling)
                warn(at + "/stages/" + std::to_string(s) + "/throttling",
                     "throttling is not enforced yet: stage '" + api.stages[s].name + "' never answers 429");
        for (size_t s = 0; s < api.stages.size(); ++s)
            if (api.stages[s].accessLogFormat)
                checkAccessLogFormat(api.apiType(), *api.stages[s].accessLogFormat,
                                     at + "/stages/" + std::to_string(s) + "/accessLogFormat");
        if (const HttpApiSpec *http = api.http(); http && http->cors) {
            const Cors &cors = *http->cors;
            for (size_t o = 0; o < cors.allowOrigins.size(); ++o) {
                const std::string &origin = cors.allowOrigins[o];
                if (origin.find('*') != std::string::npos && origin != "*" && origin != "https://*" && origin != "http://*")
                    warn(at + "/cors/allowOrigins/" + std::to_string(o),
                         "'" + origin + "' is no origin: a wildcard is only \"*\", \"https://*\" or \"http://*\" (http-api-cors)");
                if (origin == "*" && cors.allowCredentials) // the service refuses this configuration (BadRequestException)
                    fail(at + "/cors/allowOrigins/" + std::to_string(o),
                         "allowCredentials is not supported with allowOrigins \"*\": list the origins that send credentials");
            }
        }
    }

    void checkRoutes(const Api &api, const std::set<std::string> &authorizerIds, const std::string &at)
    {
        std::set<std::string> routeKeys;
        const std::vector<Route> &routes = api.routes();
        for (size_t r = 0; r < routes.size(); ++r) {
            const Route &route = routes[r];
            const std::string rat = at + "/routes/" + std::to_string(r);
            if (!routeKeys.insert(route.routeKey).second)
                fail(rat + "/routeKey", "duplicate route key '" + route.routeKey + "'");
            if (api.apiType() == ApiType::Http) {
                const RouteKeyParse parsed = parseRouteKey(route.routeKey);
                if (!parsed.key)
                    fail(rat + "/routeKey", parsed.error);
            }
            if (route.integration && !api.findIntegration(*route.integration))
                fail(rat + "/integration", "no integration with id '" + *route.integration + "' in this API");
            if (route.authorizer && !authorizerIds.count(*route.authorizer))
                fail(rat + "/authorizer", "no authorizer with id '" + *route.authorizer + "' in this API");
        }
    }

    // A REST Lambda integration names its function in `function` or in its URI
    // (arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/ARN/invocations); an AWS one
    // that is not Lambda names an AWS service action or path.
    void checkRestIntegration(const RestIntegration &integration, const std::string &iat)
    {
        // Since June 2024 the service allows up to 300 s on Regional and private REST APIs, by a
        // quota increase that may lower the account's throttle quota (whats-new 2024/06
        // amazon-api-gateway-integration-timeout-limit-29-seconds); edge-optimized ones keep 29 s.
        if (integration.timeoutInMillis > limits::kDefaultRestIntegrationTimeoutMs)
            warn(iat + "/timeoutInMillis", "an integration timeout above 29000 ms needs a quota increase on the service and works "
                                           "only for Regional and private REST APIs (edge-optimized ones stop at 29000); "
                                           "served here as set");
        if (integration.type != "AWS_PROXY" && integration.type != "AWS") {
            if ((integration.type == "HTTP_PROXY" || integration.type == "HTTP") && (!integration.uri || integration.uri->empty()))
                fail(iat + "/uri", "an HTTP integration needs a uri");
            return;
        }
        if (integration.function && !integration.function->empty()) {
            checkFunctionReference(integration.function, iat + "/function");
            return;
        }
        const std::string uri = integration.uri.value_or(std::string());
        if (std::optional<std::string> function = lambdaFunctionOfUri(uri)) {
            checkFunctionReference(function, iat + "/uri");
            return;
        }
        if (integration.type == "AWS" && parseAwsIntegrationUri(uri))
            return;
        if (uri.empty())
            fail(iat + "/function", integration.type == "AWS_PROXY"
                                        ? "a Lambda integration needs a function"
                                        : "an AWS integration needs a function, or a uri arn:aws:apigateway:REGION:SERVICE:action/... or path/...");
        else
            fail(iat + "/uri", "'" + uri + "' is not an integration URI arn:aws:apigateway:REGION:SERVICE:action/ACTION or path/PATH" +
                                   (integration.type == "AWS_PROXY" ? " naming a Lambda function (lambda:path/2015-03-31/functions/ARN/invocations)" : ""));
    }

    void checkResources(const RestApiSpec &rest, const std::string &at)
    {
        std::set<std::string> paths;
        for (size_t r = 0; r < rest.resources.size(); ++r) {
            const RestResource &resource = rest.resources[r];
            const std::string rat = at + "/resources/" + std::to_string(r);
            std::string why;
            if (!parseRoutePath(resource.path, &why))
                fail(rat + "/path", why);
            if (!paths.insert(resource.path).second)
                fail(rat + "/path", "duplicate resource path '" + resource.path + "'");
            for (size_t m = 0; m < resource.methods.size(); ++m) {
                const RestMethod &method = resource.methods[m];
                if (method.integration)
                    checkRestIntegration(*method.integration, rat + "/methods/" + std::to_string(m) + "/integration");
            }
        }
    }

    void checkApi(const Api &api, const std::string &at)
    {
        checkIntegrations(api.integrations(), at);
        std::set<std::string> authorizerIds;
        for (size_t i = 0; i < api.authorizers.size(); ++i)
            if (!authorizerIds.insert(api.authorizers[i].id).second)
                fail(at + "/authorizers/" + std::to_string(i) + "/id", "duplicate authorizer id");
        checkRoutes(api, authorizerIds, at);
        checkUnenforced(api, at);
        if (const RestApiSpec *rest = api.rest())
            checkResources(*rest, at);
        if (const WebSocketApiSpec *ws = api.webSocket())
            checkWebSocketApi(api, *ws, at);
        std::set<std::string> stageNames;
        for (size_t s = 0; s < api.stages.size(); ++s)
            if (!stageNames.insert(api.stages[s].name).second)
                fail(at + "/stages/" + std::to_string(s) + "/name", "duplicate stage '" + api.stages[s].name + "'");
        if (const RestApiSpec *rest = api.rest())
            checkDeploymentReferences(api, *rest, at);
        for (ProjectError &quota : serviceQuotaProblems(api, at))
            problems.push_back(std::move(quota));
    }

    // A stage's access-log format: a $context name the service does not document for the API's type
    // is a typo it would print as "-"; said once per name. Each page's table is the reference:
    // http-api-logging-variables, api-gateway-variables-for-access-logging (REST), websocket-api-logging.
    void checkAccessLogFormat(ApiType type, const std::string &format, const std::string &at)
    {
        bool (*documented)(QStringView) = isDocumentedHttpApiLogVariable;
        const char *page = "http-api-logging-variables";
        const char *typeName = "HTTP";
        if (type == ApiType::Rest) {
            documented = isDocumentedRestApiLogVariable;
            page = "api-gateway-variables-for-access-logging";
            typeName = "REST";
        } else if (type == ApiType::WebSocket) {
            documented = isDocumentedWebSocketApiLogVariable;
            page = "websocket-api-logging";
            typeName = "WebSocket";
        }
        std::set<std::string> reported;
        bool namesRequestId = false;
        const std::string prefix = "$context.";
        for (size_t at0 = format.find(prefix); at0 != std::string::npos; at0 = format.find(prefix, at0 + 1)) {
            size_t end = at0 + prefix.size();
            while (end < format.size() && (std::isalnum(static_cast<unsigned char>(format[end])) || format[end] == '_' ||
                                           (format[end] == '.' && end + 1 < format.size() &&
                                            std::isalnum(static_cast<unsigned char>(format[end + 1])))))
                ++end;
            const std::string name = format.substr(at0 + prefix.size(), end - at0 - prefix.size());
            namesRequestId = namesRequestId || name == "requestId" || name == "extendedRequestId";
            if (name.empty() || documented(QString::fromStdString(name)) || !reported.insert(name).second)
                continue;
            warn(at, "$context." + name + " is not a documented access-log variable for " + typeName +
                         " APIs: the log prints \"-\" for it (" + page + ")");
        }
        // set-up-access-logging: "The access log format must include at least $context.requestId or
        // $context.extendedRequestId"; the service refuses the stage otherwise (the CDK checks the same
        // for HTTP and WebSocket APIs).
        if (!namesRequestId)
            warn(at, "the service refuses an access-log format without $context.requestId or $context.extendedRequestId "
                     "(set-up-access-logging)");
    }

    // WebSocket APIs: a selection expression the gateway can evaluate, stages in the path (the
    // service has no $default stage for them), integrations it serves.
    void checkWebSocketApi(const Api &api, const WebSocketApiSpec &ws, const std::string &at)
    {
        const bool hasMessageRoutes = std::any_of(api.routes().begin(), api.routes().end(), [](const Route &r) {
            return r.routeKey != "$connect" && r.routeKey != "$disconnect" && r.routeKey != "$default";
        });
        if (ws.routeSelectionExpression) {
            const RouteSelectionExpression expression(*ws.routeSelectionExpression);
            if (!expression.isValid())
                fail(at + "/routeSelectionExpression", expression.error());
        } else if (hasMessageRoutes) {
            fail(at + "/routeSelectionExpression",
                 "a WebSocket API with custom routes needs a routeSelectionExpression, e.g. \"$request.body.action\"");
        }
        for (size_t s = 0; s < api.stages.size(); ++s)
            if (api.stages[s].name == "$default")
                fail(at + "/stages/" + std::to_string(s) + "/name",
                     "a WebSocket API's stage is part of its URL (ws://host/STAGE): name it, e.g. \"dev\"");
        for (size_t i = 0; i < ws.integrations.size(); ++i) {
            const Integration &integration = ws.integrations[i];
            const std::string where = at + "/integrations/" + std::to_string(i);
            const std::string &type = integration.type;
            if (type != "AWS_PROXY" && type != "MOCK" && type != "HTTP_PROXY" && type != "HTTP")
                warn(where + "/type", type + " integrations are not served on WebSocket APIs yet (AWS_PROXY, MOCK, HTTP and "
                                             "HTTP_PROXY are): routes that use it answer with an error frame");
            // The same expression language as routes ("${request.body.jsonPath}" and static values).
            if (integration.templateSelectionExpression) {
                const RouteSelectionExpression expression(*integration.templateSelectionExpression);
                if (!expression.isValid())
                    fail(where + "/templateSelectionExpression", expression.error());
            }
        }
    }

    // A stage (or its canary) naming a deployment the API does not have serves the design: said.
    void checkDeploymentReferences(const Api &api, const RestApiSpec &rest, const std::string &at)
    {
        const auto known = [&](const std::string &id) {
            return std::any_of(rest.deployments.begin(), rest.deployments.end(), [&](const Deployment &d) { return d.id == id; });
        };
        for (size_t s = 0; s < api.stages.size(); ++s) {
            const Stage &stage = api.stages[s];
            const std::string sat = at + "/stages/" + std::to_string(s);
            if (stage.deployment && !known(*stage.deployment))
                warn(sat + "/deployment", "stage '" + stage.name + "' names deployment '" + *stage.deployment +
                                              "', which this API does not have: it serves the design as it is");
            if (stage.canarySettings && !known(stage.canarySettings->deploymentId))
                warn(sat + "/canarySettings/deploymentId", "the canary of stage '" + stage.name + "' names deployment '" +
                                                               stage.canarySettings->deploymentId +
                                                               "', which this API does not have: it serves the design as it is");
        }
    }
};

// The problems as one error (errors first, in document order), each placed in the file's text.
std::optional<ProjectError> bundle(ProjectProblems problems, const QString &fileName, const QByteArray &text)
{
    if (problems.empty())
        return std::nullopt;
    for (ProjectError &problem : problems) {
        problem.file = fileName;
        if (problem.line == 0 && !text.isEmpty())
            if (auto where = locateJsonPointer(text, problem.pointer)) {
                problem.line = where->first;
                problem.column = where->second;
            }
    }
    std::stable_sort(problems.begin(), problems.end(),
                     [](const ProjectError &a, const ProjectError &b) { return !a.isWarning() && b.isWarning(); });
    ProjectError first = std::move(problems.front());
    first.more.assign(std::make_move_iterator(problems.begin() + 1), std::make_move_iterator(problems.end()));
    return first;
}

ProjectProblems errorsOnly(const ProjectProblems &problems)
{
    ProjectProblems errors;
    std::copy_if(problems.begin(), problems.end(), std::back_inserter(errors), [](const ProjectError &p) { return !p.isWarning(); });
    return errors;
}

} // namespace

ProjectProblems projectProblems(const Project &project)
{
    ProjectProblems problems = projectSchemaProblems(Json(project));
    if (!problems.empty())
        return problems;
    Checker checker{project, {}};
    checker.run();
    return checker.problems;
}

std::optional<ProjectError> checkProject(const Project &project)
{
    return bundle(errorsOnly(projectProblems(project)), QString(), QByteArray());
}

LoadResult parseProject(const QByteArray &bytes, const QString &fileName, const QString &baseDir)
{
    Json document;
    try {
        document = Json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const Json::parse_error &e) {
        return syntaxError(fileName, bytes, e.byte, e.what());
    }
    if (document.is_object() && document.contains("version") && document["version"].is_number_integer() &&
        document["version"].get<int>() > Project::kFormatVersion) {
        ProjectError error{fileName, 0, 0, "/version",
                           "format version " + std::to_string(document["version"].get<int>()) +
                               " is newer than this Gatewright understands (" +
                               std::to_string(Project::kFormatVersion) + ")"};
        return error;
    }
    if (auto schemaErrors = bundle(projectSchemaProblems(document), fileName, bytes))
        return *schemaErrors;
    LoadedProject loaded;
    try {
        loaded.project = document.get<Project>();
    } catch (const Json::exception &e) {
        return ProjectError{fileName, 0, 0, "", e.what()};
    }
    for (Api &api : loaded.project.apis)
        if (api.apiId.empty())
            api.apiId = generateApiId(); // like the service, every API gets one
    Checker checker{loaded.project, {}};
    checker.run();
    if (auto errors = bundle(errorsOnly(checker.problems), fileName, bytes)) {
        // Warnings ride along after the errors.
        for (ProjectError &problem : checker.problems)
            if (problem.isWarning()) {
                problem.file = fileName;
                if (auto where = locateJsonPointer(bytes, problem.pointer)) {
                    problem.line = where->first;
                    problem.column = where->second;
                }
                errors->more.push_back(std::move(problem));
            }
        return *errors;
    }
    if (auto warnings = bundle(checker.problems, fileName, bytes)) {
        loaded.warnings.push_back(*warnings);
        loaded.warnings.front().more.clear();
        for (ProjectError &more : warnings->more)
            loaded.warnings.push_back(std::move(more));
    }
    loaded.filePath = fileName;
    loaded.baseDir = baseDir;
    loaded.text = bytes;
    return loaded;
}

LoadResult loadProjectFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ProjectError{path, 0, 0, "", "cannot open: " + file.errorString().toStdString()};
    const QByteArray bytes = file.readAll();
    const QFileInfo info(path);
    return parseProject(bytes, info.absoluteFilePath(), info.absolutePath());
}

} // namespace gw
