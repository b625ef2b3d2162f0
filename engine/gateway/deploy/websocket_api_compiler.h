#pragma once
// Compiles a WebSocket API: its stages, the route selection, each route's chain (AWS_PROXY,
// MOCK, HTTP_PROXY) and what goes back on the connection.
#include "../../config/compiled_project.h"
#include "deploy_services.h"

namespace gw {

std::shared_ptr<CompiledApi> compileWebSocketApi(const Api &api, const CompiledProject &project, const DeployServices &services);

} // namespace gw
