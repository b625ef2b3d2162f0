#include "pipeline.h"

#include "integration_stage.h"
#include "route_match_stage.h"

#include "../observability/monotonic_clock.h"

#include <utility>

namespace gw {

namespace {
// HTTP APIs send header names in canonical MIME form ("content-type" -> "Content-Type"), as the
// recordings show for headers set by functions (V2_HandlesHeadersCorrectly: myheader -> Myheader).
void canonicalizeHeaderName(QByteArray &name)
{
    // Reads through a const view and writes only the letters that change: most names already
    // are canonical, and a shared name is then not copied.
    bool upper = true;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = std::as_const(name)[i];
        if (upper && c >= 'a' && c <= 'z')
            name[i] = char(c - 'a' + 'A');
        else if (!upper && c >= 'A' && c <= 'Z')
            name[i] = char(c - 'A' + 'a');
        upper = c == '-';
    }
}
} // namespace

void RequestContext::reply(HttpResponse r, const QByteArray &reason)
{
    response = std::move(r);
    replied = true;
    log.reason = reason;
}

void RequestContext::replyGateway(GatewayResponseType type, const QByteArray &reason, const QString &integrationError)
{
    const GatewayResponseInfo info = gatewayResponseInfo(type);
    reply(makeGatewayResponse(type), reason);
    log.errorMessage = QString::fromLatin1(info.message);
    log.errorResponseType = info.responseType;
    if (!integrationError.isEmpty())
        log.integrationErrorMessage = integrationError;
}

void RequestContext::resume()
{
    if (pipeline)
        pipeline->resume(shared_from_this());
}

Pipeline::Pipeline(std::vector<std::unique_ptr<PipelineStage>> stages, Epilogue epilogue)
    : m_stages(std::move(stages)), m_epilogue(std::move(epilogue))
{
}

std::shared_ptr<const Pipeline> Pipeline::forHttpApi(FunctionRuntime *runtime, Epilogue epilogue)
{
    std::vector<std::unique_ptr<PipelineStage>> stages;
    stages.push_back(std::make_unique<RouteMatchStage>());
    stages.push_back(std::make_unique<IntegrationStage>(runtime));
    return std::make_shared<const Pipeline>(std::move(stages), std::move(epilogue));
}

void Pipeline::start(const RequestContextPtr &ctx) const
{
    ctx->pipeline = this;
    ctx->nextStage = 0;
    resume(ctx);
}

void Pipeline::resume(const RequestContextPtr &ctx) const
{
    while (!ctx->replied && ctx->nextStage < m_stages.size()) {
        PipelineStage &stage = *m_stages[ctx->nextStage++];
        const StageResult result = stage.run(ctx);
        if (result == StageResult::Pending)
            return;
        if (result == StageResult::Reply)
            break;
    }
    finish(ctx);
}

void Pipeline::finish(const RequestContextPtr &ctx) const
{
    if (!ctx->replied)
        ctx->replyGateway(GatewayResponseType::IntegrationFailure, "no_integration");
    HttpResponse &response = ctx->response;
    for (auto &header : response.headers)
        canonicalizeHeaderName(header.name);
    response.setHeader(QByteArrayLiteral("Apigw-Requestid"), ctx->requestId);

    AccessLogEntry &log = ctx->log;
    log.status = response.status;
    log.responseLength = response.body.size();
    log.responseLatencyMs = double(monotonicNowNs() - ctx->request().receivedAtNs) / 1e6;
    if (ctx->integrationEndNs > 0)
        log.integrationLatencyMs = double(ctx->integrationEndNs - ctx->integrationStartNs) / 1e6;
    if (log.reason.isEmpty())
        log.reason = "ok";
    ctx->exchange->respond(std::move(response));
    if (m_epilogue)
        m_epilogue(ctx);
    ctx->pipeline = nullptr; // breaks nothing: the context dies with its last reference
}

qint64 pipelineNowNs()
{
    return monotonicNowNs();
}

} // namespace gw
