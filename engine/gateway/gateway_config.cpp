#include "gateway_config.h"

#include "../pipeline/pipeline.h"
#include "../runtime/runtime_bootstraps.h"
#include "access_log_sink.h"

#include <QDir>
#include <QStandardPaths>

namespace gw {

const Stage *CompiledApi::findStage(const std::string &name) const
{
    for (const Stage &stage : api.stages)
        if (stage.name == name)
            return &stage;
    return nullptr;
}

std::shared_ptr<const CompiledApi> GatewayConfig::findApi(const std::string &id) const
{
    for (const auto &api : apis)
        if (api->api.id == id)
            return api;
    return nullptr;
}

namespace {
std::vector<std::string> routeKeysOf(const Api &api)
{
    std::vector<std::string> keys;
    for (const Route &route : api.routes)
        keys.push_back(route.routeKey);
    return keys;
}
} // namespace

FunctionSpec resolveFunction(const Function &function, const Project &project, const QString &baseDir)
{
    FunctionSpec spec;
    spec.name = QString::fromStdString(function.name);
    spec.runtime = QString::fromStdString(function.runtime);
    spec.handler = QString::fromStdString(function.handler);
    const QString codeDir = QString::fromStdString(function.codeDir);
    spec.codeDir = QDir::cleanPath(QDir(baseDir.isEmpty() ? QDir::currentPath() : baseDir).absoluteFilePath(codeDir));
    spec.timeoutMs = function.timeout * 1000;
    spec.memorySize = function.memorySize;
    spec.maxConcurrency = function.reservedConcurrency.value_or(kDefaultFunctionConcurrency);
    spec.region = QString::fromStdString(project.region);
    spec.arn = QByteArray::fromStdString("arn:aws:lambda:" + project.region + ":" + project.accountId + ":function:" +
                                         function.name);
    for (const auto &[key, value] : function.environment)
        spec.environment.append({QString::fromStdString(key), QString::fromStdString(value)});
    if (function.runtime == "python3") {
        spec.program = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (spec.program.isEmpty())
            spec.program = QStringLiteral("python3");
        spec.arguments = {runtimeBootstrapPath(spec.runtime)};
    } else if (function.runtime == "nodejs") {
        spec.program = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (spec.program.isEmpty())
            spec.program = QStringLiteral("node");
        spec.arguments = {runtimeBootstrapPath(spec.runtime)};
    } else if (!function.command.empty()) {
        // Relative programs ("./bootstrap") are found in the code directory, like Lambda's custom runtimes.
        QString program = QString::fromStdString(function.command.front());
        if (program.contains(QLatin1Char('/')) && QDir::isRelativePath(program))
            program = QDir(spec.codeDir).absoluteFilePath(program);
        spec.program = program;
        for (size_t i = 1; i < function.command.size(); ++i)
            spec.arguments.append(QString::fromStdString(function.command[i]));
    }
    return spec;
}

std::shared_ptr<const GatewayConfig> compileGatewayConfig(const Project &project, const QString &baseDir,
                                                         FunctionRuntime *runtime, AccessLogSink *sink)
{
    auto config = std::make_shared<GatewayConfig>();
    config->project = project;
    config->baseDir = baseDir;
    for (const Api &api : project.apis) {
        auto compiled = std::make_shared<CompiledApi>(CompiledApi{api, RouteTable(routeKeysOf(api)), nullptr,
                                                                  project.region, project.accountId});
        compiled->defaultStage = compiled->findStage("$default");
        compiled->apiIdText = QByteArray::fromStdString(api.apiId);
        compiled->apiNameText = QString::fromStdString(api.name);
        compiled->accountIdText = QString::fromStdString(project.accountId);
        for (const Route &route : compiled->api.routes)
            compiled->routeKeyTexts.push_back(QByteArray::fromStdString(route.routeKey));
        for (const Stage &stage : compiled->api.stages)
            compiled->stageNameTexts.push_back(QByteArray::fromStdString(stage.name));
        if (runtime && sink)
            compiled->pipeline = Pipeline::forHttpApi(runtime, [sink](const RequestContextPtr &ctx) { sink->push(ctx->log); });
        config->apis.push_back(std::move(compiled));
    }
    for (const Function &function : project.functions)
        config->functions.append(resolveFunction(function, project, baseDir));
    return config;
}

} // namespace gw
