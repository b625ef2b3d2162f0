#include "integration_stage.h"

#include "../request_context.h"

namespace gw {

namespace {
// Takes the integration's result and resumes the request with it: the one allocation of the
// call, which also holds the result the response stage reads.
class ResultToRequest final : public IntegrationReceiver, public std::enable_shared_from_this<ResultToRequest> {
public:
    explicit ResultToRequest(Resumer resumer) : m_resumer(std::move(resumer)) {}
    void receive(IntegrationResult result) override
    {
        m_result = std::move(result);
        m_resumer.resume([self = shared_from_this()](RequestContext &c) {
            if (!self->m_result.logs.isEmpty())
                c.noteLines(self->m_result.logs); // what the function printed, under the integration's bar
            c.integrationResult = std::shared_ptr<IntegrationResult>(self, &self->m_result);
        });
    }

private:
    Resumer m_resumer;
    IntegrationResult m_result;
};
} // namespace

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
    m_integration->invoke(std::move(request), std::make_shared<ResultToRequest>(ctx.suspend(m_deadlineInPipeline ? m_timeoutMs : 0)));
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
