#pragma once
// HTTP_PROXY's response: the backend's answer relayed (hop-by-hop headers dropped, or on REST
// APIs renamed x-amzn-Remapped-*); no answer in time is 504, an unreachable backend 502 (500 on
// REST APIs), with the reason in $context.integrationErrorMessage.
#include "../../api/pipeline_stage.h"

namespace gw {

class HttpProxyResponseStage : public PipelineStage {
public:
    enum class Flavour { HttpApi, RestApi };
    explicit HttpProxyResponseStage(int timeoutMs, Flavour flavour = Flavour::HttpApi) : m_timeoutMs(timeoutMs), m_flavour(flavour) {}
    const char *name() const override { return "http_response"; }
    StageStatus onRequest(RequestContext &ctx) const override;

private:
    int m_timeoutMs;
    Flavour m_flavour;
};

} // namespace gw
