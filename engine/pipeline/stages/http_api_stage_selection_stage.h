#pragma once
// HTTP APIs: which stage serves the request. A first path segment naming a stage selects it,
// anything else goes to $default (http-api-stages.html). No stage: 404 Not Found, and no
// access-log line (logs belong to a stage).
#include "../../api/pipeline_stage.h"

namespace gw {

class HttpApiStageSelectionStage : public PipelineStage {
public:
    const char *name() const override { return "stage"; }
    StageStatus onRequest(RequestContext &ctx) const override;
};

} // namespace gw
