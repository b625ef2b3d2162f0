#pragma once
// Runs a request through its stages: the API's prelude, then the matched route's chain (both are
// data in the compiled snapshot). Two phases: the request phase in chain order until a stage
// replies, then the response phase in reverse over the stages that went on. Every stage is timed
// into the execution trace; the epilogue (answer, access log, trace) runs on every exit path.
#include "request_context.h"

namespace gw {

class Pipeline {
public:
    static void start(const RequestContextPtr &ctx);

private:
    friend class Resumer;
    friend class RequestContext;
    static void run(RequestContext &ctx);
    static void resumed(RequestContext &ctx, quint64 ticket, void (*call)(void *, RequestContext &), void *apply);
    static void deadlinePassed(RequestContext &ctx, quint64 ticket);
    static void clientGone(RequestContext &ctx);
    // responseStart: when the request phase ended (the last stage boundary's reading).
    static void finish(RequestContext &ctx, qint64 responseStart);
    static const PipelineStage *nextStage(RequestContext &ctx);
    static void openSpan(RequestContext &ctx, const PipelineStage &stage, qint64 nowNs);
    static qint64 closeSpan(RequestContext &ctx, const char *result); // returns the time it closed at
    static void integrationAnswered(RequestContext &ctx, const PipelineStage &stage);
};

} // namespace gw
