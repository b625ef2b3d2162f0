#pragma once
// The state of one request as it passes its pipeline. Owned by a shared_ptr: asynchronous stages
// resume it later on its own thread. It holds the configuration snapshot it started with, and
// with it every stage, route and integration it may still resume into.
#include "../api/downstream.h"
#include "../api/integration_backend.h"
#include "../api/pipeline_stage.h"
#include "../config/compiled_project.h"
#include "../observability/access_log_entry.h"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace gw {

class RequestContext;
struct MappingState;

// Hands the result of asynchronous work back to a suspended request. Copyable; use it from any
// thread. Only the first resume of a suspension counts, and none after its deadline passed.
class Resumer {
public:
    Resumer() = default;
    // apply(ctx) runs on the request's thread (at once when called there), then the pipeline goes on.
    template <typename Apply> void resume(Apply &&apply) const;

private:
    friend class RequestContext;
    Resumer(std::shared_ptr<RequestContext> ctx, quint64 ticket) : m_ctx(std::move(ctx)), m_ticket(ticket) {}
    bool onHomeThread() const;
    void resumeHere(void (*call)(void *, RequestContext &), void *apply) const;
    void post(std::function<void(RequestContext &)> apply) const;
    std::shared_ptr<RequestContext> m_ctx;
    quint64 m_ticket = 0;
};

class RequestContext : public std::enable_shared_from_this<RequestContext> {
public:
    RequestContext(CompiledProjectPtr config, const CompiledApi *api, HttpRequest request,
                   std::shared_ptr<Downstream> downstream);
    ~RequestContext();
    RequestContext(const RequestContext &) = delete;
    RequestContext &operator=(const RequestContext &) = delete;

    // What serves the request: the snapshot keeps every pointer below alive.
    const CompiledProjectPtr config;
    const CompiledApi *const api;
    HttpRequest request;
    const std::shared_ptr<Downstream> downstream;
    const Clock &clock() const { return *config->clock; }

    // Found by routing.
    const CompiledStage *stage = nullptr;
    const CompiledRoute *route = nullptr;
    QByteArray pathWithoutStage;  // raw (encoded) path after the stage prefix
    std::map<std::string, std::string> pathParameters;
    QByteArray traceId;           // X-Amzn-Trace-Id root

    // The $context values and what the monitor shows, filled in as the request goes.
    AccessLogEntry log;
    // What the integration returned, for the response mapping stage.
    std::shared_ptr<IntegrationResult> integrationResult;
    // REST mapping templates' shared state ($context, stage variables, the mapped request).
    std::shared_ptr<MappingState> mapping;
    HttpResponse response;

    // For stages: answer the request (the request phase ends when the stage returns StopAndReply).
    void reply(HttpResponse response, Outcome outcome = Outcome::Ok);
    // Answer with this API type's gateway response; integrationError goes to $context.integrationErrorMessage.
    // The API's gateway responses; on a REST stage, those of the deployment it serves.
    const GatewayResponses &gatewayResponses() const;
    void sendLocalReply(GatewayResponseType type, Outcome outcome, const QString &integrationError = {});
    // The same with $context.error.message said for this request instead of the type's own.
    void sendLocalReplySaying(GatewayResponseType type, Outcome outcome, const QString &errorMessage);
    bool hasReply() const { return m_replied; }
    // A line in the running stage's part of the execution trace (and in the request's execution log).
    void note(const QString &line);
    void note(QByteArrayView line); // UTF-8: what the hot stages write, without a UTF-16 round trip
    void note(const QByteArray &line) { note(QByteArrayView(line)); }
    void note(const char *line) { note(QByteArrayView(line)); }
    // "label: body", the body cut at 1024 bytes with " [TRUNCATED]" as the service's execution log
    // cuts its events (set-up-logging.html: log events over 1024 bytes are truncated).
    void noteBody(const char *label, const QByteArray &body);
    // Whether note() keeps anything: a stage may skip formatting its lines otherwise.
    bool tracing() const { return m_openSpan >= 0 && m_notes; }
    // What a function printed ('\n'-terminated lines), under the running stage's part of the trace.
    void noteLines(const QString &lines);
    // For a stage about to return Pending. With deadlineMs > 0, the pipeline stops waiting after
    // that long and calls the stage's onCancel(DeadlinePassed), which must reply.
    Resumer suspend(qint64 deadlineMs = 0);

private:
    friend class Pipeline;
    friend class Resumer;

    bool m_replied = false;
    bool m_finished = false;
    bool m_inCall = false;          // a stage's onRequest is running
    bool m_resumedInCall = false;   // ...and its work completed before it returned Pending
    bool m_lastStopped = false;     // the last stage that ran replied (its onResponse does not run)
    quint8 m_segment = 0;           // 0: the API's prelude, 1: the route's chain
    quint8 m_index = 0;             // next stage in the segment (the stages before it have run)
    const PipelineStage *m_pending = nullptr;
    quint64 m_ticket = 0;
    std::unique_ptr<ClockTimer> m_deadline;
    std::shared_ptr<ExecutionTrace> m_trace; // handed to the access log as it is, at the end
    int m_openSpan = -1;
    bool m_notes = true; // the access log keeps execution notes (AccessLogSink::executionNotes)
};

using RequestContextPtr = std::shared_ptr<RequestContext>;

template <typename Apply> void Resumer::resume(Apply &&apply) const
{
    if (!m_ctx)
        return;
    if (onHomeThread()) {
        // No type erasure and no allocation on the common path: the answer came on the request's thread.
        resumeHere([](void *f, RequestContext &ctx) { (*static_cast<std::remove_reference_t<Apply> *>(f))(ctx); }, &apply);
        return;
    }
    post(std::function<void(RequestContext &)>(std::forward<Apply>(apply)));
}

} // namespace gw
