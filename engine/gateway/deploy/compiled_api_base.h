#pragma once
// What every API type's compiler fills the same way: the API's identity, its account and region,
// its stages (with their path prefixes: none for $default) and its gateway response table.
#include "../../config/compiled_project.h"

namespace gw {

std::shared_ptr<CompiledApi> compiledApiBase(const Api &api, const CompiledProject &project);

} // namespace gw
