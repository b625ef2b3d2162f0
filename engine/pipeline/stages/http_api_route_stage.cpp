#include "http_api_route_stage.h"

#include "../../common/percent_encoding.h"
#include "../cors_policy.h"
#include "../request_context.h"

namespace gw {

StageStatus HttpApiRouteStage::onRequest(RequestContext &ctx) const
{
    const CompiledApi &api = *ctx.api;
    // A REST stage serves its deployment's routes; an HTTP API's stages serve the API's.
    const CompiledDeployment *deployment = ctx.stage ? ctx.stage->deployment : nullptr;
    const RouteTable &table = deployment ? deployment->routeTable : api.routeTable;
    auto match = table.match(ctx.request.method, splitDecodedPath(ctx.pathWithoutStage));
    if (!match) {
        // "API Gateway automatically sends a response to preflight OPTIONS requests, even if there
        // isn't an OPTIONS route" (http-api-cors.html); a route that matches OPTIONS ($default,
        // ANY, OPTIONS) takes the preflight itself, as the page's $default section says.
        if (!api.corsPreflightRoute.chain.empty() && CorsPolicy::isPreflight(ctx.request)) {
            ctx.route = &api.corsPreflightRoute;
            return StageStatus::Continue;
        }
        ctx.sendLocalReply(GatewayResponseType::MissingAuthenticationToken, Outcome::NotFound);
        return StageStatus::StopAndReply;
    }
    ctx.route = &(deployment ? deployment->routes : api.routes)[size_t(match->routeIndex)];
    ctx.pathParameters = std::move(match->pathParameters);
    ctx.log.routeKey = ctx.route->routeKey;
    return StageStatus::Continue;
}

} // namespace gw
