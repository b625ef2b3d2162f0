#pragma once
// HTTP API routing: the stage (a named stage's prefix, else $default) and the route (the most
// specific match, else $default). Nothing matched: 404 Not Found.
#include "../../api/pipeline_stage.h"

namespace gw {

class HttpApiRouteStage : public PipelineStage {
public:
    const char *name() const override { return "route"; }
    StageStatus onRequest(RequestContext &ctx) const override;
};

} // namespace gw
