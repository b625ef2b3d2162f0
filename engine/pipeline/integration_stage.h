#pragma once
// Calls the route's integration (Lambda proxy, HTTP proxy or mock) and waits for its answer.
#include "pipeline_stage.h"

#include <memory>

namespace gw {

class FunctionRuntime;
class LambdaProxyIntegration;
class HttpProxyIntegration;

class IntegrationStage : public PipelineStage {
public:
    explicit IntegrationStage(FunctionRuntime *runtime);
    ~IntegrationStage() override;
    const char *name() const override { return "integration"; }
    StageResult run(const RequestContextPtr &ctx) override;

private:
    std::unique_ptr<LambdaProxyIntegration> m_lambda;
    std::unique_ptr<HttpProxyIntegration> m_httpProxy;
};

} // namespace gw
