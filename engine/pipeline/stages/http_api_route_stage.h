#pragma once
// HTTP API routing within the selected stage: the most specific route that matches, else
// $default. Nothing matched: a CORS preflight goes to the API's preflight answer, anything else
// gets 404 Not Found.
#include "../../api/pipeline_stage.h"

namespace gw {

class HttpApiRouteStage : public PipelineStage {
public:
    const char *name() const override { return "route"; }
    StageStatus onRequest(RequestContext &ctx) const override;
};

} // namespace gw
