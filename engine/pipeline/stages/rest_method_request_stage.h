#pragma once
// REST "Method Request": the execution log's first lines, as TestInvokeMethod returns them
// (recorded: rest-recorded test-invoke-method/*): the resource path, and the method request's
// path parameters, query string, headers (Java map text, {a=1, b=2}) and body.
#include "../../api/pipeline_stage.h"

namespace gw {

class RestMethodRequestStage : public PipelineStage {
public:
    const char *name() const override { return "method_request"; }
    StageStatus onRequest(RequestContext &ctx) const override;
};

} // namespace gw
