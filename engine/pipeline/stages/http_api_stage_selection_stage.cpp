#include "http_api_stage_selection_stage.h"

#include "../../common/percent_encoding.h"
#include "../request_context.h"

namespace gw {

StageStatus HttpApiStageSelectionStage::onRequest(RequestContext &ctx) const
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
    return StageStatus::Continue;
}

} // namespace gw
