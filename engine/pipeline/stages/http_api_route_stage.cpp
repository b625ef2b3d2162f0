#include "http_api_route_stage.h"

#include "../../common/percent_encoding.h"
#include "../request_context.h"

namespace gw {

StageStatus HttpApiRouteStage::onRequest(RequestContext &ctx) const
{
    const CompiledApi &api = *ctx.api;
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
