#include "integration_stage.h"

#include "../request_context.h"

namespace gw {

namespace {
void captureRequest(ExchangeCapture &capture, const IntegrationRequest &request, int limit)
{
    CapturedMessage &m = capture.integrationRequest;
    m.present = true;
    capture.lambda = !request.payload.isEmpty();
    if (capture.lambda) {
        m.startLine = "Invoke (RequestId " + request.invocationId + ")";
        m.body = ExchangeCapture::capped(request.payload, limit);
        m.bodySize = request.payload.size();
    } else {
        m.startLine = request.method + ' ' + request.target + " HTTP/1.1";
        m.headers = request.headers;
        m.body = ExchangeCapture::capped(request.body, limit);
        m.bodySize = request.body.size();
    }
}

void captureResult(ExchangeCapture &capture, const IntegrationResult &result, int limit)
{
    CapturedMessage &m = capture.integrationResponse;
    m.present = true;
    switch (result.kind) {
    case IntegrationResult::Kind::Lambda:
        m.startLine = result.errorType.isEmpty() ? QByteArray("Function result")
                                                 : "Function error " + result.errorType;
        m.body = ExchangeCapture::capped(result.payload, limit);
        m.bodySize = result.payload.size();
        break;
    case IntegrationResult::Kind::Http:
        m.startLine = "HTTP/1.1 " + QByteArray::number(result.response.status);
        m.headers = result.response.headers;
        m.body = ExchangeCapture::capped(result.response.body, limit);
        m.bodySize = result.response.body.size();
        break;
    default:
        m.startLine = "No answer: " + result.failureMessage.toUtf8();
        break;
    }
}

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
            c.log.coldStart = self->m_result.coldStart;
            if (c.log.capture)
                captureResult(*c.log.capture, self->m_result, c.config->accessLog->captureLimit());
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
    if (const int limit = ctx.config->accessLog ? ctx.config->accessLog->captureLimit() : 0; limit > 0) {
        ctx.log.capture = std::make_shared<ExchangeCapture>();
        captureRequest(*ctx.log.capture, request, limit);
    }
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
