#include "http_api_route_stage.h"

#include "../request_context.h"

namespace gw {

StageStatus HttpApiRouteStage::onRequest(RequestContext &ctx) const
{
    const CompiledApi &api = *ctx.api;
    const QByteArray path = ctx.request.path();
    // A request "explicitly matching" a stage name in its first segment goes to that stage;
    // everything else to $default (http-api-stages.html / http-api-develop-routes.html).
    const qsizetype secondSlash = path.indexOf('/', 1);
    const QByteArray first = path.mid(1, secondSlash < 0 ? -1 : secondSlash - 1);
    ctx.stage = nullptr;
    if (!first.isEmpty()) {
        const std::string firstDecoded = percentDecode(first);
        if (firstDecoded != "$default")
            if (const CompiledStage *named = api.findStage(firstDecoded)) {
                ctx.stage = named;
                ctx.pathWithoutStage = secondSlash < 0 ? QByteArray("/") : path.mid(secondSlash);
            }
    }
    if (!ctx.stage) {
        ctx.stage = api.defaultStage;
        ctx.pathWithoutStage = path;
    }
    if (!ctx.stage) {
        ctx.sendLocalReply(GatewayResponseType::MissingAuthenticationToken, Outcome::NotFound);
        return StageStatus::StopAndReply;
    }
    ctx.log.stage = ctx.stage->name;
    auto match = api.routeTable.match(ctx.request.method, splitDecodedPath(ctx.pathWithoutStage));
    if (!match) {
        ctx.sendLocalReply(GatewayResponseType::MissingAuthenticationToken, Outcome::NotFound);
        return StageStatus::StopAndReply;
    }
    ctx.route = &api.routes[size_t(match->routeIndex)];
    ctx.pathParameters = std::move(match->pathParameters);
    ctx.log.routeKey = ctx.route->routeKey;
    return StageStatus::Continue;
}

} // namespace gw
