#pragma once
// A project compiled for serving: every reference resolved to a pointer, every route's chain of
// stages built, texts the hot path writes made once. Immutable once published; a request holds
// the snapshot it started with (std::shared_ptr), so whatever it resumes into lives as long as it.
// Built by gateway/deploy (the only code that knows concrete stages).
#include "../api/clock.h"
#include "../api/pipeline_stage.h"
#include "../model/project.h"
#include "../observability/access_log_sink.h"
#include "canary_split.h"
#include "function_spec.h"
#include "gateway_responses.h"
#include "route_table.h"

#include <QString>
#include <memory>

namespace gw {

struct CompiledDeployment;

struct CompiledStage {
    const Stage *model = nullptr;   // into CompiledProject::project
    QByteArray name;                // "$default", "dev"
    QByteArray pathPrefix;          // "/dev", "" for $default
    QByteArray deploymentId;        // REST: $context.deploymentId of what the stage serves
    StringMap stageVariables;       // a canary's with its overrides
    // REST: the routes, gateway responses and binary media types the stage serves (a snapshot
    // or the design); null for HTTP APIs, whose stages serve the API's routes.
    const CompiledDeployment *deployment = nullptr;
    // REST: the canary ($context.isCanaryRequest), and how requests are split to it.
    bool isCanary = false;
    std::shared_ptr<const CompiledStage> canary;
    std::shared_ptr<const CanarySplit> canarySplit;
};

struct CompiledRoute {
    const Route *model = nullptr;
    QByteArray routeKey;            // "GET /orders/{id}", "$default"
    std::string resourcePath;       // "/orders/{id}", "$default" (payload 1.0's resource)
    std::string resourceId;         // REST: $context.resourceId (stable per resource)
    const Integration *integration = nullptr;
    StageChain chain;               // after the API's prelude: integration, response mapping, ...
};

// What a REST stage serves: a deployment's snapshot, or the design as it is, with the stage's
// variables put into integration URIs and function names when they name any.
struct CompiledDeployment {
    std::string id;                 // $context.deploymentId
    bool fromSnapshot = false;      // false: the design as it is (no snapshot deployed)
    std::unique_ptr<RestApiSpec> spec; // what the routes below were compiled from
    std::vector<CompiledRoute> routes;
    RouteTable routeTable;
    GatewayResponses responses;
};

struct CompiledApi {
    ApiType type = ApiType::Http;
    const Api *model = nullptr;
    std::string key;                // the API's "id" in the project (stable across edits)
    QByteArray apiId;               // $context.apiId
    QString name;
    QByteArray accountId;
    QByteArray region;
    std::vector<CompiledStage> stages;
    const CompiledStage *defaultStage = nullptr;
    StageChain prelude;             // runs before the route is known (response headers, routing, ...)
    std::vector<CompiledRoute> routes; // by index in model->routes
    // Where a CORS preflight goes when no route matches it (an empty chain: the API has no CORS).
    CompiledRoute corsPreflightRoute;
    RouteTable routeTable;
    GatewayResponses responses;
    std::vector<std::unique_ptr<CompiledDeployment>> deployments; // REST

    const CompiledStage *findStage(std::string_view name) const;
};

struct CompiledProject {
    Project project;                // the copy every pointer above points into
    QString baseDir;
    std::vector<std::shared_ptr<const CompiledApi>> apis;
    QList<FunctionSpec> functions;
    ClockPtr clock;
    std::shared_ptr<AccessLogSink> accessLog; // the epilogue's target
    // Which API each listener serves (listener id -> API); set before publishing.
    std::vector<std::pair<quint32, const CompiledApi *>> listenerApis;

    const CompiledApi *findApi(std::string_view key) const;
    const CompiledApi *apiForListener(quint32 listenerId) const
    {
        for (const auto &[id, api] : listenerApis)
            if (id == listenerId)
                return api;
        return nullptr;
    }
};

using CompiledProjectPtr = std::shared_ptr<const CompiledProject>;

} // namespace gw
