#pragma once
// Picks the stage (named prefix or $default) and the route; unmatched requests get 404 Not Found.
#include "pipeline_stage.h"

namespace gw {

class RouteMatchStage : public PipelineStage {
public:
    const char *name() const override { return "route_match"; }
    StageResult run(const RequestContextPtr &ctx) override;
};

} // namespace gw
