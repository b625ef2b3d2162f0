#include "project_loader.h"

#include "project_schema.h"
#include "route_key.h"

#include <QFile>
#include <QFileInfo>

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

struct Checker {
    const Project &project;
    std::optional<ProjectError> error;

    void fail(std::string at, std::string message)
    {
        if (error)
            return;
        ProjectError e;
        e.pointer = std::move(at);
        e.message = std::move(message);
        error = std::move(e);
    }

    void checkFunctionReference(const std::optional<std::string> &reference, const std::string &at)
    {
        if (!reference || reference->empty()) {
            fail(at, "a Lambda integration needs a function");
            return;
        }
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
            checkApi(api, at);
        }
    }

    void checkApi(const Api &api, const std::string &at)
    {
        std::set<std::string> integrationIds;
        for (size_t i = 0; i < api.integrations.size(); ++i) {
            const Integration &integration = api.integrations[i];
            const std::string iat = at + "/integrations/" + std::to_string(i);
            if (!integrationIds.insert(integration.id).second)
                fail(iat + "/id", "duplicate integration id '" + integration.id + "'");
            if (integration.type == "AWS_PROXY" || integration.type == "AWS")
                checkFunctionReference(integration.function, iat + "/function");
            if ((integration.type == "HTTP_PROXY" || integration.type == "HTTP") &&
                (!integration.uri || integration.uri->empty()))
                fail(iat + "/uri", "an HTTP integration needs a uri");
        }
        std::set<std::string> authorizerIds;
        for (size_t i = 0; i < api.authorizers.size(); ++i)
            if (!authorizerIds.insert(api.authorizers[i].id).second)
                fail(at + "/authorizers/" + std::to_string(i) + "/id", "duplicate authorizer id");

        std::set<std::string> routeKeys;
        for (size_t r = 0; r < api.routes.size(); ++r) {
            const Route &route = api.routes[r];
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
        std::set<std::string> paths;
        for (size_t r = 0; r < api.resources.size(); ++r) {
            const RestResource &resource = api.resources[r];
            const std::string rat = at + "/resources/" + std::to_string(r);
            std::string why;
            if (!parseRoutePath(resource.path, &why))
                fail(rat + "/path", why);
            if (!paths.insert(resource.path).second)
                fail(rat + "/path", "duplicate resource path '" + resource.path + "'");
            for (size_t m = 0; m < resource.methods.size(); ++m) {
                const RestMethod &method = resource.methods[m];
                if (method.integration &&
                    (method.integration->type == "AWS_PROXY" || method.integration->type == "AWS"))
                    checkFunctionReference(method.integration->function,
                                           rat + "/methods/" + std::to_string(m) + "/integration/function");
            }
        }
        std::set<std::string> stageNames;
        for (size_t s = 0; s < api.stages.size(); ++s)
            if (!stageNames.insert(api.stages[s].name).second)
                fail(at + "/stages/" + std::to_string(s) + "/name", "duplicate stage '" + api.stages[s].name + "'");
    }
};

} // namespace

std::optional<ProjectError> checkProject(const Project &project)
{
    if (auto schemaError = validateAgainstProjectSchema(Json(project)))
        return schemaError;
    Checker checker{project, std::nullopt};
    checker.run();
    return checker.error;
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
    if (auto schemaError = validateAgainstProjectSchema(document)) {
        schemaError->file = fileName;
        return *schemaError;
    }
    LoadedProject loaded;
    try {
        loaded.project = document.get<Project>();
    } catch (const Json::exception &e) {
        return ProjectError{fileName, 0, 0, "", e.what()};
    }
    for (Api &api : loaded.project.apis)
        if (api.apiId.empty())
            api.apiId = generateApiId(); // like the service, every API gets one
    Checker checker{loaded.project, std::nullopt};
    checker.run();
    if (checker.error) {
        checker.error->file = fileName;
        return *checker.error;
    }
    loaded.filePath = fileName;
    loaded.baseDir = baseDir;
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
