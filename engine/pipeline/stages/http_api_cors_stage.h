#pragma once
// HTTP API CORS on every answer of an API with a corsConfiguration: the integration's CORS
// headers dropped, the configured ones added for an allowed origin (http-api-cors.html). In the
// prelude after stage selection, so it also covers gateway responses (404, 5xx) and preflights.
#include "../../api/pipeline_stage.h"
#include "../cors_policy.h"

#include <memory>

namespace gw {

class HttpApiCorsStage : public PipelineStage {
public:
    explicit HttpApiCorsStage(std::shared_ptr<const CorsPolicy> policy) : m_policy(std::move(policy)) {}
    const char *name() const override { return "cors"; }
    StageStatus onRequest(RequestContext &) const override { return StageStatus::Continue; }
    void onResponse(RequestContext &ctx) const override;

private:
    std::shared_ptr<const CorsPolicy> m_policy;
};

// The service's own answer to a preflight that no route matched: 204, no body; the CORS stage
// adds the headers. Never reaches an integration.
class HttpApiCorsPreflightStage : public PipelineStage {
public:
    const char *name() const override { return "cors_preflight"; }
    StageStatus onRequest(RequestContext &ctx) const override;
};

} // namespace gw
