#pragma once
// Compiles a project for serving: each API by its type's compiler, the functions resolved.
#include "../../config/compiled_project.h"
#include "../../model/project_error.h"
#include "deploy_services.h"

namespace gw {

// The snapshot is still mutable (the control plane adds the listeners) until it is published.
std::shared_ptr<CompiledProject> compileProject(const Project &project, const QString &baseDir,
                                                const DeployServices &services);

// What the compilers would refuse in a project that loads (a REST mapping template that does not
// parse, say), with JSON pointers: the checks only compiling can make, without compiling.
ProjectProblems deploymentProblems(const Project &project);

} // namespace gw
