#pragma once
// Compiles a WebSocket API: its stages, the route selection, each route's chain (AWS_PROXY,
// MOCK, HTTP_PROXY) and what goes back on the connection.
#include "../../config/compiled_project.h"
#include "../../model/project_error.h"
#include "deploy_services.h"

namespace gw {

// What would make a WebSocket API's integrations fail: templates that do not parse (with line and
// column) and integration responses that cannot work, each with its JSON pointer below apiAt.
ProjectProblems webSocketApiProblems(const Api &api, const std::string &apiAt);

std::shared_ptr<CompiledApi> compileWebSocketApi(const Api &api, const CompiledProject &project, const DeployServices &services);

} // namespace gw
