#pragma once
// AWS_PROXY to a local function: builds the event, invokes it, maps the answer (or the failure).
#include "../pipeline/pipeline_stage.h"

namespace gw {

class FunctionRuntime;

class LambdaProxyIntegration {
public:
    explicit LambdaProxyIntegration(FunctionRuntime *runtime) : m_runtime(runtime) {}
    StageResult start(const RequestContextPtr &ctx);

private:
    FunctionRuntime *m_runtime;
};

} // namespace gw
