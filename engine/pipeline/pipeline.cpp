#include "pipeline.h"

#include "mapping_templates.h"

#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcPipeline, "gw.pipeline", QtWarningMsg)

namespace gw {

namespace {
// The request as received and the response as sent, for the monitor (bodies capped).
void captureEnds(RequestContext &ctx, int limit)
{
    if (!ctx.log.capture)
        ctx.log.capture = std::make_shared<ExchangeCapture>();
    CapturedMessage &in = ctx.log.capture->request;
    in.present = true;
    in.startLine = ctx.request.method + ' ' + ctx.request.target + " HTTP/" + QByteArray::number(ctx.request.versionMajor) +
                   '.' + QByteArray::number(ctx.request.versionMinor);
    in.headers = ctx.request.headers;
    in.body = ExchangeCapture::capped(ctx.request.body, limit);
    in.bodySize = ctx.request.body.size();
    CapturedMessage &out = ctx.log.capture->response;
    out.present = true;
    out.startLine = "HTTP/1.1 " + QByteArray::number(ctx.response.status);
    out.headers = ctx.response.headers;
    out.body = ExchangeCapture::capped(ctx.response.body, limit);
    out.bodySize = ctx.response.body.size();
}
} // namespace

RequestContext::RequestContext(CompiledProjectPtr config_, const CompiledApi *api_, HttpRequest request_,
                               std::shared_ptr<Downstream> downstream_)
    : config(std::move(config_)), api(api_), request(std::move(request_)), downstream(std::move(downstream_)),
      m_trace(std::make_shared<ExecutionTrace>())
{
    m_trace->spans.reserve(6);
    m_notes = !config->accessLog || config->accessLog->executionNotes();
}

RequestContext::~RequestContext() = default;

const GatewayResponses &RequestContext::gatewayResponses() const
{
    return stage && stage->deployment ? stage->deployment->responses : api->responses;
}

void RequestContext::reply(HttpResponse r, Outcome outcome)
{
    response = std::move(r);
    m_replied = true;
    log.outcome = outcome;
}

void RequestContext::sendLocalReply(GatewayResponseType type, Outcome outcome, const QString &integrationError)
{
    const GatewayResponseSpec &spec = gatewayResponses().spec(type);
    log.errorMessage = QString::fromLatin1(spec.message);
    log.errorResponseType = gatewayResponseTypeName(type);
    if (!integrationError.isEmpty())
        log.integrationErrorMessage = integrationError;
    reply(gatewayResponses().render(type, log, {&request, &pathParameters, stage ? &stage->stageVariables : nullptr}), outcome);
}

void RequestContext::sendLocalReplySaying(GatewayResponseType type, Outcome outcome, const QString &errorMessage)
{
    log.errorMessage = errorMessage;
    log.errorResponseType = gatewayResponseTypeName(type);
    reply(gatewayResponses().render(type, log, {&request, &pathParameters, stage ? &stage->stageVariables : nullptr}), outcome);
}

void RequestContext::note(const QString &line)
{
    if (tracing())
        note(QByteArrayView(line.toUtf8()));
}

void RequestContext::note(QByteArrayView line)
{
    if (!tracing())
        return;
    QByteArray &text = m_trace->spans[size_t(m_openSpan)].log;
    text += line;
    text += '\n';
}

void RequestContext::noteBody(const char *label, const QByteArray &body)
{
    if (!tracing())
        return;
    // The service cuts bodies at 1024 (TestInvokeMethod: "[TRUNCATED]"); a character cut in two
    // reads as U+FFFD, as it would have after decoding the cut bytes.
    constexpr qsizetype kLimit = 1024;
    QByteArray &text = m_trace->spans[size_t(m_openSpan)].log;
    text += label;
    text += ": ";
    if (body.size() <= kLimit) {
        text += body;
    } else {
        text += QByteArrayView(body).first(kLimit);
        text += " [TRUNCATED]";
    }
    text += '\n';
}

void RequestContext::noteLines(const QString &lines)
{
    if (tracing())
        m_trace->spans[size_t(m_openSpan)].output += lines;
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

bool Resumer::onHomeThread() const
{
    QObject *home = m_ctx->downstream->threadHome();
    return !home || home->thread() == QThread::currentThread();
}

void Resumer::resumeHere(void (*call)(void *, RequestContext &), void *apply) const
{
    Pipeline::resumed(*m_ctx, m_ticket, call, apply);
}

void Resumer::post(std::function<void(RequestContext &)> apply) const
{
    QMetaObject::invokeMethod(
        m_ctx->downstream->threadHome(),
        [ctx = m_ctx, ticket = m_ticket, apply = std::move(apply)]() mutable {
            Pipeline::resumed(
                *ctx, ticket, [](void *f, RequestContext &c) { (*static_cast<std::function<void(RequestContext &)> *>(f))(c); },
                &apply);
        },
        Qt::QueuedConnection);
}

namespace {

// The stages whose onRequest ran, in order: the prelude's up to where the request got, then the
// route chain's. Every one of them went on but (maybe) the last.
template <typename Fn> void forEachRan(const RequestContext &ctx, const CompiledApi &api, const CompiledRoute *route,
                                       quint8 segment, quint8 index, Fn &&fn)
{
    const size_t preludeRan = segment == 0 ? index : api.prelude.size();
    for (size_t i = 0; i < preludeRan; ++i)
        fn(*api.prelude[i]);
    if (segment == 1 && route)
        for (size_t i = 0; i < index; ++i)
            fn(*route->chain[i]);
}

} // namespace

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

void Pipeline::openSpan(RequestContext &ctx, const PipelineStage &stage, qint64 nowNs)
{
    TraceSpan &span = ctx.m_trace->spans.emplace_back();
    span.name = stage.name();
    span.kind = stage.isIntegration() ? TraceSpan::Kind::Integration : TraceSpan::Kind::Gateway;
    span.startNs = nowNs - ctx.request.receivedAtNs;
    ctx.m_openSpan = int(ctx.m_trace->spans.size()) - 1;
}

qint64 Pipeline::closeSpan(RequestContext &ctx, const char *result)
{
    const qint64 now = ctx.clock().monotonicNs();
    if (ctx.m_openSpan < 0)
        return now;
    TraceSpan &span = ctx.m_trace->spans[size_t(ctx.m_openSpan)];
    span.durationNs = now - ctx.request.receivedAtNs - span.startNs;
    span.result = result;
    ctx.m_openSpan = -1;
    return now;
}

void Pipeline::integrationAnswered(RequestContext &ctx, const PipelineStage &stage)
{
    if (stage.isIntegration() && ctx.log.integrationLatencyMs < 0)
        ctx.log.integrationLatencyMs = double(ctx.m_trace->spans.back().durationNs) / 1e6;
}

void Pipeline::run(RequestContext &ctx)
{
    qint64 now = ctx.clock().monotonicNs(); // one reading per stage boundary: it ends one span, starts the next
    while (!ctx.m_replied) {
        const PipelineStage *stage = nextStage(ctx);
        if (!stage)
            break;
        if (!stage->hasRequestPhase())
            continue;
        openSpan(ctx, *stage, now);
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
            integrationAnswered(ctx, *stage);
            now = ctx.clock().monotonicNs();
        } else {
            now = closeSpan(ctx, status == StageStatus::Continue ? "continue" : "reply");
            integrationAnswered(ctx, *stage); // a backend that answers at once (MOCK) has a latency too
        }
        ctx.m_lastStopped = status != StageStatus::Continue;
        if (status == StageStatus::StopAndReply && !ctx.m_replied) {
            qCWarning(lcPipeline) << "stage" << stage->name() << "stopped the request without a reply";
            ctx.sendLocalReply(GatewayResponseType::Default5xx, Outcome::NoIntegration);
        }
    }
    if (!ctx.m_replied) // the chain ran out without an answer: nothing was attached to answer
        ctx.sendLocalReply(GatewayResponseType::BadGateway, Outcome::NoIntegration);
    finish(ctx, now);
}

void Pipeline::resumed(RequestContext &ctx, quint64 ticket, void (*call)(void *, RequestContext &), void *apply)
{
    if (ctx.m_finished || ticket != ctx.m_ticket)
        return; // a late answer: the deadline passed, or it was resumed already
    if (ctx.m_inCall) {
        // Completed synchronously, inside the stage's own onRequest.
        call(apply, ctx);
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
    call(apply, ctx);
    closeSpan(ctx, "resumed");
    integrationAnswered(ctx, *stage);
    ctx.m_lastStopped = ctx.m_replied;
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
    ctx.m_lastStopped = true;
    ctx.m_deadline.reset(); // last: it is the timer running this
    run(ctx);
}

void Pipeline::clientGone(RequestContext &ctx)
{
    if (ctx.m_finished)
        return;
    ctx.m_trace->clientGone = true;
    if (ctx.m_pending) {
        ctx.note(QStringLiteral("client closed the connection"));
        ctx.m_pending->onCancel(ctx, CancelReason::ClientGone);
    }
}

void Pipeline::finish(RequestContext &ctx, qint64 responseStart)
{
    // The response phase: the stages that went on see the answer, the last one first.
    const PipelineStage *ran[32];
    size_t count = 0;
    forEachRan(ctx, *ctx.api, ctx.route, ctx.m_segment, ctx.m_index, [&](const PipelineStage &stage) {
        if (count < std::size(ran))
            ran[count++] = &stage;
    });
    // One span for the whole response phase, open while it runs: what its stages log goes there.
    const bool responsePhase = count > (ctx.m_lastStopped ? 1u : 0u);
    if (responsePhase) {
        TraceSpan &span = ctx.m_trace->spans.emplace_back();
        span.name = "response";
        span.kind = TraceSpan::Kind::Response;
        span.startNs = responseStart - ctx.request.receivedAtNs;
        ctx.m_openSpan = int(ctx.m_trace->spans.size()) - 1;
    }
    for (size_t i = count; i-- > 0;)
        if (!(ctx.m_lastStopped && i == count - 1))
            ran[i]->onResponse(ctx);
    const qint64 end = ctx.clock().monotonicNs(); // ends the response phase and the request
    if (responsePhase) {
        TraceSpan &span = ctx.m_trace->spans.back();
        span.durationNs = end - responseStart;
        span.result = "sent";
        ctx.m_openSpan = -1;
    }
    ctx.m_finished = true;
    ctx.m_deadline.reset();
    ctx.downstream->setGoneHandler(nullptr);

    AccessLogEntry &log = ctx.log;
    const qint64 totalNs = end - ctx.request.receivedAtNs;
    log.status = ctx.response.status;
    log.responseLength = ctx.response.body.size();
    log.responseLatencyMs = double(totalNs) / 1e6;
    ctx.m_trace->totalNs = totalNs;
    ctx.m_trace->integrationNs = log.integrationLatencyMs >= 0 ? qint64(log.integrationLatencyMs * 1e6) : -1;
    if (ctx.downstream->isGone())
        ctx.m_trace->clientGone = true;
    if (const int limit = ctx.config->accessLog ? ctx.config->accessLog->captureLimit() : 0; limit > 0)
        captureEnds(ctx, limit);
    for (size_t i = 0; i < count; ++i)
        ran[i]->onComplete(ctx);
    log.trace = std::move(ctx.m_trace);
    // Access logs are a stage's setting: a request that reached no stage is answered, not logged.
    // Logged before the answer goes out: a client that has its answer finds its line, and a request
    // it sends next (on another worker) cannot be logged ahead of it.
    if (ctx.config->accessLog && ctx.stage)
        ctx.config->accessLog->push(std::move(log));
    ctx.downstream->send(std::move(ctx.response));
}

} // namespace gw
