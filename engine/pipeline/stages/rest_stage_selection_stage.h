#pragma once
// REST APIs: the first path segment is the stage, always (there is no $default stage). Repeated
// slashes do not count: "//dev/x" and "/dev//x" reach stage dev and resource /x (recorded:
// rest-recorded lambda-proxy-event/rest-v1/double-slash-*). No such stage: 403 Missing
// Authentication Token.
#include "../../api/pipeline_stage.h"

namespace gw {

class RestStageSelectionStage : public PipelineStage {
public:
    const char *name() const override { return "stage"; }
    StageStatus onRequest(RequestContext &ctx) const override;
};

} // namespace gw
