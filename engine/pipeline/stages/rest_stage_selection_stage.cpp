#include "rest_stage_selection_stage.h"

#include "../../common/percent_encoding.h"
#include "../request_context.h"

namespace gw {

StageStatus RestStageSelectionStage::onRequest(RequestContext &ctx) const
{
    const QByteArray path = collapseSlashes(ctx.request.path());
    const qsizetype secondSlash = path.indexOf('/', 1);
    const QByteArray first = path.mid(1, secondSlash < 0 ? -1 : secondSlash - 1);
    ctx.stage = first.isEmpty() ? nullptr : ctx.api->findStage(percentDecode(first));
    if (!ctx.stage) {
        ctx.sendLocalReply(GatewayResponseType::MissingAuthenticationToken, Outcome::NotFound);
        return StageStatus::StopAndReply;
    }
    // The stage's canary takes its share of requests (canary-release.html: percentTraffic).
    if (ctx.stage->canary && ctx.stage->canarySplit->nextGoesToCanary())
        ctx.stage = ctx.stage->canary.get();
    ctx.pathWithoutStage = secondSlash < 0 ? QByteArray("/") : path.mid(secondSlash);
    ctx.log.stage = ctx.stage->name;
    return StageStatus::Continue;
}

} // namespace gw
