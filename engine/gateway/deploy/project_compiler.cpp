#include "project_compiler.h"

#include "function_specs.h"
#include "http_api_compiler.h"
#include "rest_api_compiler.h"
#include "websocket_api_compiler.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDeploy, "gw.deploy", QtInfoMsg)

namespace gw {

std::shared_ptr<CompiledProject> compileProject(const Project &project, const QString &baseDir,
                                                const DeployServices &services)
{
    auto compiled = std::make_shared<CompiledProject>();
    compiled->project = project; // every pointer below points into this copy
    compiled->baseDir = baseDir;
    compiled->clock = services.clock;
    compiled->accessLog = services.accessLog;
    for (const Function &function : compiled->project.functions)
        compiled->functions.append(resolveFunction(function, compiled->project, baseDir));
    for (const Api &api : compiled->project.apis) {
        switch (api.apiType()) {
        case ApiType::Http:
            compiled->apis.push_back(compileHttpApi(api, *compiled, services));
            break;
        case ApiType::Rest:
            compiled->apis.push_back(compileRestApi(api, *compiled, services));
            break;
        case ApiType::WebSocket:
            compiled->apis.push_back(compileWebSocketApi(api, *compiled, services));
            break;
        }
    }
    return compiled;
}

ProjectProblems deploymentProblems(const Project &project)
{
    ProjectProblems problems;
    for (size_t i = 0; i < project.apis.size(); ++i) {
        for (ProjectError &problem : restApiProblems(project.apis[i], "/apis/" + std::to_string(i)))
            problems.push_back(std::move(problem));
        for (ProjectError &problem : webSocketApiProblems(project.apis[i], "/apis/" + std::to_string(i)))
            problems.push_back(std::move(problem));
    }
    return problems;
}

} // namespace gw
