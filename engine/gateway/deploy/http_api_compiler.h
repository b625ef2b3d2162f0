#pragma once
// Compiles an HTTP API: its stages, its routes' chains (integration, response mapping) and the
// HTTP API gateway responses. Routes that cannot be served get a chain that says why.
#include "../../config/compiled_project.h"
#include "deploy_services.h"

namespace gw {

std::shared_ptr<CompiledApi> compileHttpApi(const Api &api, const CompiledProject &project, const DeployServices &services);

} // namespace gw
