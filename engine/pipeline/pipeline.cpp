#include "pipeline.h"

#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcPipeline, "gw.pipeline", QtWarningMsg)

namespace gw {

RequestContext::RequestContext(CompiledProjectPtr config_, const CompiledApi *api_, HttpRequest request_,
                               std::shared_ptr<Downstream> downstream_)
    : config(std::move(config_)), api(api_), request(std::move(request_)), downstream(std::move(downstream_))
{
    m_trace.spans.reserve(6);
}

RequestContext::~RequestContext() = default;

void RequestContext::reply(HttpResponse r, Outcome outcome)
{
    response = std::move(r);
    m_replied = true;
    log.outcome = outcome;
}

void RequestContext::sendLocalReply(GatewayResponseType type, Outcome outcome, const QString &integrationError)
{
    const GatewayResponseSpec &spec = api->responses.spec(type);
    log.errorMessage = QString::fromLatin1(spec.message);
    log.errorResponseType = gatewayResponseTypeName(type);
    if (!integrationError.isEmpty())
        log.integrationErrorMessage = integrationError;
    reply(api->responses.render(type, log), outcome);
}

void RequestContext::note(const QString &line)
{
    if (m_openSpan < 0)
        return;
    QString &text = m_trace.spans[size_t(m_openSpan)].log;
    text += line;
    text += QLatin1Char('\n');
}

void RequestContext::noteLines(const QString &lines)
{
    if (m_openSpan >= 0)
        m_trace.spans[size_t(m_openSpan)].log += lines;
}

Resumer RequestContext::suspend(qint64 deadlineMs)
{
    const quint64 ticket = ++m_ticket;
    if (deadlineMs > 0) {
        std::weak_ptr<RequestContext> weak = weak_from_this();
        m_deadline = clock().startTimer(downstream->threadHome(), deadlineMs, [weak, ticket] {
            if (auto self = weak.lock())
                Pipeline::deadlinePassed(*self, ticket);
        });
    }
    if (!downstream->isGone()) {
        std::weak_ptr<RequestContext> weak = weak_from_this();
        downstream->setGoneHandler([weak] {
            if (auto self = weak.lock())
                Pipeline::clientGone(*self);
        });
    }
    return Resumer(shared_from_this(), ticket);
}

void Resumer::resume(std::function<void(RequestContext &)> apply) const
{
    if (!m_ctx)
        return;
    QObject *home = m_ctx->downstream->threadHome();
    if (!home || home->thread() == QThread::currentThread()) {
        Pipeline::resumed(*m_ctx, m_ticket, apply);
        return;
    }
    QMetaObject::invokeMethod(
        home, [ctx = m_ctx, ticket = m_ticket, apply = std::move(apply)] { Pipeline::resumed(*ctx, ticket, apply); },
        Qt::QueuedConnection);
}

void Pipeline::start(const RequestContextPtr &ctx)
{
    run(*ctx);
}

const PipelineStage *Pipeline::nextStage(RequestContext &ctx)
{
    if (ctx.m_segment == 0) {
        if (ctx.m_index < ctx.api->prelude.size())
            return ctx.api->prelude[ctx.m_index++].get();
        ctx.m_segment = 1;
        ctx.m_index = 0;
    }
    if (ctx.route && ctx.m_index < ctx.route->chain.size())
        return ctx.route->chain[ctx.m_index++].get();
    return nullptr;
}

void Pipeline::openSpan(RequestContext &ctx, const PipelineStage &stage)
{
    TraceSpan span;
    span.name = stage.name();
    span.kind = stage.isIntegration() ? TraceSpan::Kind::Integration : TraceSpan::Kind::Gateway;
    span.startNs = ctx.clock().monotonicNs() - ctx.request.receivedAtNs;
    ctx.m_trace.spans.push_back(std::move(span));
    ctx.m_openSpan = int(ctx.m_trace.spans.size()) - 1;
}

void Pipeline::closeSpan(RequestContext &ctx, const char *result)
{
    if (ctx.m_openSpan < 0)
        return;
    TraceSpan &span = ctx.m_trace.spans[size_t(ctx.m_openSpan)];
    span.durationNs = ctx.clock().monotonicNs() - ctx.request.receivedAtNs - span.startNs;
    span.result = result;
    ctx.m_openSpan = -1;
}

void Pipeline::run(RequestContext &ctx)
{
    while (!ctx.m_replied) {
        const PipelineStage *stage = nextStage(ctx);
        if (!stage)
            break;
        openSpan(ctx, *stage);
        ctx.m_inCall = true;
        StageStatus status = stage->onRequest(ctx);
        ctx.m_inCall = false;
        if (status == StageStatus::Pending) {
            if (!ctx.m_resumedInCall) {
                ctx.m_pending = stage;
                return; // Resumer::resume, the deadline or nothing: the request waits
            }
            // Its work finished before it returned: go on at once.
            ctx.m_resumedInCall = false;
            status = ctx.m_replied ? StageStatus::StopAndReply : StageStatus::Continue;
            if (stage->isIntegration() && ctx.log.integrationLatencyMs < 0)
                ctx.log.integrationLatencyMs = double(ctx.m_trace.spans.back().durationNs) / 1e6;
        } else {
            closeSpan(ctx, status == StageStatus::Continue ? "continue" : "reply");
        }
        if (ctx.m_ranCount < RequestContext::kMaxStages)
            ctx.m_ran[ctx.m_ranCount++] = {stage, status == StageStatus::Continue};
        if (status == StageStatus::StopAndReply && !ctx.m_replied) {
            qCWarning(lcPipeline) << "stage" << stage->name() << "stopped the request without a reply";
            ctx.sendLocalReply(GatewayResponseType::Default5xx, Outcome::NoIntegration);
        }
    }
    if (!ctx.m_replied) // the chain ran out without an answer: nothing was attached to answer
        ctx.sendLocalReply(GatewayResponseType::IntegrationFailure, Outcome::NoIntegration);
    finish(ctx);
}

void Pipeline::resumed(RequestContext &ctx, quint64 ticket, const std::function<void(RequestContext &)> &apply)
{
    if (ctx.m_finished || ticket != ctx.m_ticket)
        return; // a late answer: the deadline passed, or it was resumed already
    if (ctx.m_inCall) {
        // Completed synchronously, inside the stage's own onRequest.
        apply(ctx);
        ++ctx.m_ticket;
        ctx.m_resumedInCall = true;
        closeSpan(ctx, "resumed");
        return;
    }
    if (!ctx.m_pending)
        return;
    const PipelineStage *stage = std::exchange(ctx.m_pending, nullptr);
    ++ctx.m_ticket;
    ctx.m_deadline.reset();
    apply(ctx);
    closeSpan(ctx, "resumed");
    if (stage->isIntegration() && ctx.log.integrationLatencyMs < 0)
        ctx.log.integrationLatencyMs = double(ctx.m_trace.spans.back().durationNs) / 1e6;
    if (ctx.m_ranCount < RequestContext::kMaxStages)
        ctx.m_ran[ctx.m_ranCount++] = {stage, !ctx.m_replied};
    run(ctx);
}

void Pipeline::deadlinePassed(RequestContext &ctx, quint64 ticket)
{
    if (ctx.m_finished || ticket != ctx.m_ticket || !ctx.m_pending)
        return;
    const PipelineStage *stage = std::exchange(ctx.m_pending, nullptr);
    ++ctx.m_ticket; // whatever the stage was waiting for is dropped when it comes
    closeSpan(ctx, "deadline");
    stage->onCancel(ctx, CancelReason::DeadlinePassed);
    if (!ctx.m_replied)
        ctx.sendLocalReply(GatewayResponseType::IntegrationTimeout, Outcome::IntegrationTimeout);
    if (ctx.m_ranCount < RequestContext::kMaxStages)
        ctx.m_ran[ctx.m_ranCount++] = {stage, false};
    ctx.m_deadline.reset(); // last: it is the timer running this
    run(ctx);
}

void Pipeline::clientGone(RequestContext &ctx)
{
    if (ctx.m_finished)
        return;
    ctx.m_trace.clientGone = true;
    if (ctx.m_pending) {
        ctx.note(QStringLiteral("client closed the connection"));
        ctx.m_pending->onCancel(ctx, CancelReason::ClientGone);
    }
}

void Pipeline::finish(RequestContext &ctx)
{
    // The response phase: stages that went on see the answer, the last one first.
    for (int i = int(ctx.m_ranCount) - 1; i >= 0; --i)
        if (ctx.m_ran[size_t(i)].continued)
            ctx.m_ran[size_t(i)].stage->onResponse(ctx);
    ctx.m_finished = true;
    ctx.m_deadline.reset();
    ctx.downstream->setGoneHandler(nullptr);

    AccessLogEntry &log = ctx.log;
    const qint64 totalNs = ctx.clock().monotonicNs() - ctx.request.receivedAtNs;
    log.status = ctx.response.status;
    log.responseLength = ctx.response.body.size();
    log.responseLatencyMs = double(totalNs) / 1e6;
    ctx.m_trace.totalNs = totalNs;
    ctx.m_trace.integrationNs = log.integrationLatencyMs >= 0 ? qint64(log.integrationLatencyMs * 1e6) : -1;
    if (ctx.downstream->isGone())
        ctx.m_trace.clientGone = true;
    ctx.downstream->send(std::move(ctx.response));

    for (size_t i = 0; i < ctx.m_ranCount; ++i)
        ctx.m_ran[i].stage->onComplete(ctx);
    log.trace = std::make_shared<const ExecutionTrace>(std::move(ctx.m_trace));
    if (ctx.config->accessLog)
        ctx.config->accessLog->push(std::move(log));
}

} // namespace gw
