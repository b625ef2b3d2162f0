#pragma once
// What every API type's compiler fills the same way: the API's identity, its account and region,
// its stages (with their path prefixes: none for $default) and its gateway response table.
#include "../../config/compiled_project.h"

#include <functional>

namespace gw {

std::shared_ptr<CompiledApi> compiledApiBase(const Api &api, const CompiledProject &project);

// A chain that answers INTEGRATION_FAILURE at once, saying why (a route without an integration,
// one this API type cannot use, a configuration the compiler found broken).
StageChain integrationFailure(Outcome outcome, const QString &why);

// HTTP and WebSocket APIs: every route with its chain, made by chainFor once per integration and
// shared by the routes that use it; a route without an integration answers that it has none.
// resourcePath gives a route's payload-1.0 resource from its key.
void compileRoutes(const Api &api, CompiledApi &compiled, const std::function<StageChain(const Integration &)> &chainFor,
                   const std::function<std::string(const std::string &routeKey)> &resourcePath);

} // namespace gw
