#include "static_reply_stage.h"

#include "../request_context.h"

namespace gw {

StageStatus StaticReplyStage::onRequest(RequestContext &ctx) const
{
    ctx.log.integrationStatus = m_response.status;
    ctx.log.integrationResponseStatus = m_response.status;
    ctx.log.integrationLatencyMs = 0;
    ctx.reply(m_response, Outcome::Ok);
    return StageStatus::StopAndReply;
}

} // namespace gw
