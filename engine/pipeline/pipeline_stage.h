#pragma once
// One step of request processing with one job. A stage never calls the next one.
#include "request_context.h"

namespace gw {

enum class StageResult {
    Continue, // go on with the next stage
    Reply,    // the stage set ctx.response: the request ends here
    Pending,  // the stage will call ctx.resume() (or ctx.reply + resume) later
};

class PipelineStage {
public:
    virtual ~PipelineStage() = default;
    virtual const char *name() const = 0;
    virtual StageResult run(const RequestContextPtr &ctx) = 0;
};

} // namespace gw
