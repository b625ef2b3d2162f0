#include "integration_stage.h"

#include "../mapping_templates.h"
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

// "label{A=1, B=2}": appended in place, these lines are written for every REST request.
QByteArray javaHeaderMap(const char *label, const std::vector<HttpHeader> &headers)
{
    QByteArray text;
    text.reserve(256);
    text += label;
    text += '{';
    for (size_t i = 0; i < headers.size(); ++i) {
        if (i)
            text += ", ";
        text += headers[i].name;
        text += '=';
        text += headers[i].value;
    }
    text += '}';
    return text;
}

// The service's lines before a call (recorded: rest-recorded test-invoke-method/*). A Lambda call
// shows the headers API Gateway sends to Lambda's Invoke, without its signature.
void noteEndpointRequest(RequestContext &ctx, const IntegrationBackend &backend, const IntegrationRequest &request)
{
    const CompiledProject &project = *ctx.config;
    if (!ctx.tracing())
        return;
    const QByteArray uri = backend.endpointUri(request, project.project.region, project.project.accountId);
    const bool lambda = !request.payload.isEmpty();
    ctx.note("Endpoint request URI: " + uri);
    std::vector<HttpHeader> headers = request.headers;
    if (lambda) {
        const QByteArray apiId = ctx.api->model ? QByteArray::fromStdString(ctx.api->model->apiId) : QByteArray();
        headers = {{"x-amzn-lambda-integration-tag", ctx.log.requestId},
                   {"x-amzn-apigateway-api-id", apiId},
                   {"Accept", "application/json"},
                   {"User-Agent", "AmazonAPIGateway_" + apiId},
                   {"X-Amzn-Trace-Id", request.traceId}};
    }
    ctx.note(javaHeaderMap("Endpoint request headers: ", headers));
    // A custom Lambda integration's mapped body, as written (an empty one is sent as {}).
    const QByteArray &body = lambda ? (ctx.mapping ? ctx.mapping->integrationRequestBody : request.payload) : request.body;
    ctx.noteBody("Endpoint request body after transformations", body);
    ctx.note("Sending request to " + uri);
}

void noteEndpointResponse(RequestContext &ctx, const IntegrationResult &result, qint64 latencyMs)
{
    if (result.kind == IntegrationResult::Kind::Failed) {
        ctx.note(QStringLiteral("Execution failed: %1").arg(result.failureMessage));
        return;
    }
    const bool lambda = result.kind == IntegrationResult::Kind::Lambda;
    ctx.note("Received response. Status: " + QByteArray::number(lambda ? 200 : result.response.status) +
             ", Integration latency: " + QByteArray::number(latencyMs) + " ms");
    std::vector<HttpHeader> headers = result.response.headers;
    if (lambda) {
        headers = {{"Content-Type", "application/json"},
                   {"Content-Length", QByteArray::number(result.payload.size())},
                   {"x-amzn-RequestId", result.invocationId},
                   {"X-Amz-Executed-Version", "$LATEST"}};
        if (!result.errorType.isEmpty())
            headers.push_back({"X-Amz-Function-Error", "Unhandled"});
    }
    ctx.note(javaHeaderMap("Endpoint response headers: ", headers));
}

// Takes the integration's result and resumes the request with it: the one allocation of the
// call, which also holds the result the response stage reads.
class ResultToRequest final : public IntegrationReceiver, public std::enable_shared_from_this<ResultToRequest> {
public:
    // sentNs >= 0: write the execution log's endpoint response lines, the latency from then.
    ResultToRequest(Resumer resumer, qint64 sentNs) : m_resumer(std::move(resumer)), m_sentNs(sentNs) {}
    void receive(IntegrationResult result) override
    {
        m_result = std::move(result);
        // The request keeps this object (its integrationResult), so this object lets go of the
        // request first: holding both ways, each finished request would keep the other alive.
        const Resumer resumer = std::move(m_resumer);
        resumer.resume([self = shared_from_this()](RequestContext &c) {
            if (self->m_sentNs >= 0)
                noteEndpointResponse(c, self->m_result, (c.clock().monotonicNs() - self->m_sentNs) / 1000000);
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
    qint64 m_sentNs;
    IntegrationResult m_result;
};
} // namespace

QString integrationTimeoutMessage(int timeoutMs)
{
    return QStringLiteral("Integration timed out after %1 ms").arg(timeoutMs);
}

IntegrationStage::IntegrationStage(std::shared_ptr<const IntegrationBackend> integration, IntegrationRequestMapper mapper,
                                   int timeoutMs, bool deadlineInPipeline, bool executionLog)
    : m_integration(std::move(integration)), m_mapper(std::move(mapper)), m_timeoutMs(timeoutMs),
      m_deadlineInPipeline(deadlineInPipeline), m_executionLog(executionLog)
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
    const bool logLines = m_executionLog && ctx.tracing();
    if (logLines)
        noteEndpointRequest(ctx, *m_integration, request);
    m_integration->invoke(std::move(request), std::make_shared<ResultToRequest>(ctx.suspend(m_deadlineInPipeline ? m_timeoutMs : 0),
                                                                               logLines ? ctx.clock().monotonicNs() : -1));
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
