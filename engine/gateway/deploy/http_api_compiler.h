#pragma once
// Compiles an HTTP API: its stages, its routes' chains (integration, response mapping) and the
// HTTP API gateway responses. Routes that cannot be served get a chain that says why.
#include "../../config/compiled_project.h"
#include "deploy_services.h"

namespace gw {

// HTTP_PROXY as HTTP APIs send it (also WebSocket APIs'): the client's request aimed at the
// integration's URI with `method` ("ANY" keeps the client's), its request parameter mapping, the
// HTTP API TLS rules, and the backend's answer as the response.
StageChain httpProxyChain(const Integration &integration, const DeployServices &services, const QByteArray &method);

std::shared_ptr<CompiledApi> compileHttpApi(const Api &api, const CompiledProject &project, const DeployServices &services);

} // namespace gw
