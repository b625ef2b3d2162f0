#pragma once
// Compiles a REST API: its stages (always in the path, /{stage}/...), a route per resource
// method, and each method's chain in the service's order: integration request (mapping
// template), backend, integration response (selection, template, header mapping). Mapping
// templates are parsed here, once per deployment; a method whose configuration cannot work gets
// a chain that answers 500 and says why.
#include "../../config/compiled_project.h"
#include "../../model/project_error.h"
#include "deploy_services.h"

namespace gw {

std::shared_ptr<CompiledApi> compileRestApi(const Api &api, const CompiledProject &project, const DeployServices &services);

// What compiling this REST API would refuse (the methods that would answer 500 and why), each
// with its JSON pointer below apiAt ("/apis/0"): for `validate` and the designer's Problems.
// The design and every deployment snapshot the API holds.
ProjectProblems restApiProblems(const Api &api, const std::string &apiAt);
// One spec (the design, before `gatewright deploy` snapshots it).
ProjectProblems restSpecProblems(const RestApiSpec &spec, const std::string &apiAt);

} // namespace gw
