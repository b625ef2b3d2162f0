#pragma once
// HTTP_PROXY's response: the backend's answer relayed (hop-by-hop headers dropped); no answer in
// time is 503, an unreachable backend 500, with the reason in $context.integrationErrorMessage.
#include "../../api/pipeline_stage.h"

namespace gw {

class HttpProxyResponseStage : public PipelineStage {
public:
    explicit HttpProxyResponseStage(int timeoutMs) : m_timeoutMs(timeoutMs) {}
    const char *name() const override { return "http_response"; }
    StageStatus onRequest(RequestContext &ctx) const override;

private:
    int m_timeoutMs;
};

} // namespace gw
