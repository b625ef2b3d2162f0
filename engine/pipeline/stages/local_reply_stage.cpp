#include "local_reply_stage.h"

#include "../request_context.h"

namespace gw {

StageStatus LocalReplyStage::onRequest(RequestContext &ctx) const
{
    // The reason, in the execution log as the service words a configuration error.
    if (!m_integrationError.isEmpty() && ctx.tracing())
        ctx.note(QStringLiteral("Execution failed due to configuration error: %1").arg(m_integrationError));
    ctx.sendLocalReply(m_type, m_outcome, m_integrationError);
    return StageStatus::StopAndReply;
}

} // namespace gw
