#pragma once
// A project's functions resolved for running: programs, bootstraps, paths, limits.
#include "../../config/function_spec.h"
#include "../../model/project.h"

#include <QString>

namespace gw {

// Warm processes per function when reservedConcurrency is not set.
constexpr int kDefaultFunctionConcurrency = 8;

FunctionSpec resolveFunction(const Function &function, const Project &project, const QString &baseDir);

} // namespace gw
