#pragma once
// The MOCK backend: no call goes out; the mapped request's "statusCode" is the integration's
// status, which picks the integration response (MOCK integrations, "statusCode" in the request
// template). Without one the status is 200.
#include "../../api/pipeline_stage.h"

namespace gw {

class MockIntegrationStage : public PipelineStage {
public:
    const char *name() const override { return "integration"; }
    bool isIntegration() const override { return true; }
    StageStatus onRequest(RequestContext &ctx) const override;
};

} // namespace gw
