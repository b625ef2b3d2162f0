#include "integration_stage.h"

#include "../request_context.h"

namespace gw {

QString integrationTimeoutMessage(int timeoutMs)
{
    return QStringLiteral("Integration timed out after %1 ms").arg(timeoutMs);
}

IntegrationStage::IntegrationStage(std::shared_ptr<const IntegrationBackend> integration, IntegrationRequestMapper mapper,
                                   int timeoutMs, bool deadlineInPipeline)
    : m_integration(std::move(integration)), m_mapper(std::move(mapper)), m_timeoutMs(timeoutMs),
      m_deadlineInPipeline(deadlineInPipeline)
{
}

StageStatus IntegrationStage::onRequest(RequestContext &ctx) const
{
    IntegrationRequest request = m_mapper(ctx);
    request.timeoutMs = m_timeoutMs;
    if (!request.invocationId.isEmpty())
        ctx.log.integrationRequestId = request.invocationId;
    const Resumer resumer = ctx.suspend(m_deadlineInPipeline ? m_timeoutMs : 0);
    m_integration->invoke(std::move(request), [resumer](IntegrationResult result) {
        // Shared, so the closure that carries it is small enough for std::function to hold in place.
        auto shared = std::make_shared<IntegrationResult>(std::move(result));
        resumer.resume([shared](RequestContext &c) {
            if (!shared->logs.isEmpty())
                c.noteLines(shared->logs); // what the function printed, under the integration's bar
            c.integrationResult = shared;
        });
    });
    return StageStatus::Pending;
}

void IntegrationStage::onCancel(RequestContext &ctx, CancelReason reason) const
{
    if (reason != CancelReason::DeadlinePassed)
        return; // the client left: the integration runs to its end, as on the service
    // The function may still be running; the client is told the integration timed out.
    ctx.sendLocalReply(GatewayResponseType::IntegrationTimeout, Outcome::IntegrationTimeout,
                       integrationTimeoutMessage(m_timeoutMs));
}

} // namespace gw
