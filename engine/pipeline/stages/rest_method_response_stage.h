#pragma once
// The method response, the last of a REST method's four parts (the console's Method Execution
// view). Its work is in the response phase: whatever answered (the integration response mapping,
// a proxy's answer, or one of the service's own error answers), it writes the end of the
// execution log as the service does: for a mapped answer its body, its headers and "Successfully
// completed execution"; for every answer "Method completed with status: N".
#include "../../api/pipeline_stage.h"

namespace gw {

class RestMethodResponseStage : public PipelineStage {
public:
    const char *name() const override { return "method_response"; }
    bool hasRequestPhase() const override { return false; }
    StageStatus onRequest(RequestContext &) const override { return StageStatus::Continue; }
    void onResponse(RequestContext &ctx) const override;
};

} // namespace gw
