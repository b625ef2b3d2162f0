#pragma once
// An immutable, compiled snapshot of the project the gateway serves. Requests hold a
// shared_ptr to the snapshot they started with, so edits never disturb requests in flight.
#include "../model/project.h"
#include "../runtime/function_spec.h"
#include "route_table.h"

#include <functional>

#include <QString>
#include <memory>

namespace gw {

class Pipeline;
class FunctionRuntime;
class AccessLogSink;

struct CompiledApi {
    Api api;
    RouteTable routes;
    const Stage *defaultStage = nullptr;  // the "$default" stage, if any
    std::string region;
    std::string accountId;
    // The same, as the access log carries them: built once, shared by every request's entry.
    QByteArray apiIdText;
    QString apiNameText;
    QString accountIdText;
    std::vector<QByteArray> routeKeyTexts;  // by index in api.routes
    std::vector<QByteArray> stageNameTexts; // by index in api.stages
    // The stage chain lives in the snapshot: a request holding the snapshot holds what it resumes into.
    std::shared_ptr<const Pipeline> pipeline;

    const Stage *findStage(const std::string &name) const;
};

struct GatewayConfig {
    Project project;
    QString baseDir;
    std::vector<std::shared_ptr<const CompiledApi>> apis;
    QList<FunctionSpec> functions;

    std::shared_ptr<const CompiledApi> findApi(const std::string &id) const;
};

// Default number of warm processes per function when reservedConcurrency is not set.
constexpr int kDefaultFunctionConcurrency = 8;

// runtime and sink may be null (a snapshot that only describes, e.g. for event tests); then no pipeline is built.
std::shared_ptr<const GatewayConfig> compileGatewayConfig(const Project &project, const QString &baseDir,
                                                         FunctionRuntime *runtime = nullptr, AccessLogSink *sink = nullptr);
FunctionSpec resolveFunction(const Function &function, const Project &project, const QString &baseDir);

} // namespace gw
