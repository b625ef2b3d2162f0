#include "local_reply_stage.h"

#include "../request_context.h"

namespace gw {

StageStatus LocalReplyStage::onRequest(RequestContext &ctx) const
{
    ctx.sendLocalReply(m_type, m_outcome, m_integrationError);
    return StageStatus::StopAndReply;
}

} // namespace gw
