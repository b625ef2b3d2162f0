#pragma once
// One step of a request's pipeline, with one job. Stages are immutable, built when a project is
// compiled and shared by every worker; per-request state lives in the RequestContext. A stage
// returns a status and never calls the next one: the pipeline iterates.
#include <memory>
#include <vector>

namespace gw {

class RequestContext;

enum class StageStatus {
    Continue,     // go on with the next stage
    StopAndReply, // the stage set the response (or a gateway response): the request phase ends
    Pending,      // the stage suspended the request and resumes it later (RequestContext::suspend)
};

enum class CancelReason {
    ClientGone,     // the client left; the request still runs to its end, as on the service
    DeadlinePassed, // the deadline given to suspend() passed: the stage must reply now
};

class PipelineStage {
public:
    virtual ~PipelineStage() = default;
    // The span's name in the execution trace ("route", "integration", ...).
    virtual const char *name() const = 0;
    // True for the stage that waits on the backend: its span is the integration latency.
    virtual bool isIntegration() const { return false; }
    // False for a stage whose work is all in the response phase: its onRequest is not called and
    // it has no span of its own (it goes on at once, so its onResponse runs).
    virtual bool hasRequestPhase() const { return true; }
    // Request phase, in chain order.
    virtual StageStatus onRequest(RequestContext &ctx) const = 0;
    // Response phase, in reverse order, for every stage whose onRequest returned Continue.
    virtual void onResponse(RequestContext &ctx) const {}
    // While this stage is Pending: the client left, or its deadline passed.
    virtual void onCancel(RequestContext &ctx, CancelReason reason) const {}
    // After the answer went out (or was dropped), for every stage that ran.
    virtual void onComplete(RequestContext &ctx) const {}
};

using StagePtr = std::shared_ptr<const PipelineStage>;
using StageChain = std::vector<StagePtr>;

} // namespace gw
