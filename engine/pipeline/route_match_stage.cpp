#include "route_match_stage.h"

namespace gw {

StageResult RouteMatchStage::run(const RequestContextPtr &ctx)
{
    const CompiledApi &api = *ctx->api;
    const QByteArray path = ctx->request().path();
    // A request "explicitly matching" a stage name in its first segment goes to that stage;
    // everything else to $default (http-api-stages.html / http-api-develop-routes.html).
    const qsizetype secondSlash = path.indexOf('/', 1);
    const QByteArray first = path.mid(1, secondSlash < 0 ? -1 : secondSlash - 1);
    const std::string firstDecoded = percentDecode(first);
    ctx->stage = nullptr;
    if (!firstDecoded.empty() && firstDecoded != "$default")
        if (const Stage *named = api.findStage(firstDecoded)) {
            ctx->stage = named;
            ctx->stagePrefix = '/' + first;
            ctx->pathWithoutStage = secondSlash < 0 ? QByteArray("/") : path.mid(secondSlash);
        }
    if (!ctx->stage) {
        ctx->stage = api.defaultStage;
        ctx->pathWithoutStage = path;
    }
    if (!ctx->stage) {
        ctx->replyGateway(GatewayResponseType::NotFound, "not_found");
        return StageResult::Reply;
    }
    ctx->log.stage = api.stageNameTexts[size_t(ctx->stage - api.api.stages.data())];
    ctx->segments = splitDecodedPath(ctx->pathWithoutStage);
    auto match = api.routes.match(ctx->request().method, ctx->segments);
    if (!match) {
        ctx->replyGateway(GatewayResponseType::NotFound, "not_found");
        return StageResult::Reply;
    }
    ctx->route = &api.api.routes[size_t(match->routeIndex)];
    ctx->pathParameters = std::move(match->pathParameters);
    ctx->log.routeKey = api.routeKeyTexts[size_t(match->routeIndex)];
    if (ctx->route->integration)
        ctx->integration = api.api.findIntegration(*ctx->route->integration);
    return StageResult::Continue;
}

} // namespace gw
