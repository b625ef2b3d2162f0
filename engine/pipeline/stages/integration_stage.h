#pragma once
// Calls the route's integration and waits for its result (the request is suspended meanwhile).
// What goes to the integration is made by the route's request mapper; what comes back is mapped
// by the next stage.
#include "../../api/integration_backend.h"
#include "../../api/pipeline_stage.h"

#include <functional>
#include <memory>

namespace gw {

using IntegrationRequestMapper = std::function<IntegrationRequest(const RequestContext &)>;

class IntegrationStage : public PipelineStage {
public:
    // deadlineInPipeline: the pipeline enforces timeoutMs (a function may run on past it); else
    // the integration reports its own timeout (an HTTP client that aborts its connection).
    // executionLog: write the endpoint request and response lines of the service's execution log
    // (REST APIs, as TestInvokeMethod returns them).
    IntegrationStage(std::shared_ptr<const IntegrationBackend> integration, IntegrationRequestMapper mapper, int timeoutMs,
                     bool deadlineInPipeline, bool executionLog = false);
    const char *name() const override { return "integration"; }
    bool isIntegration() const override { return true; }
    StageStatus onRequest(RequestContext &ctx) const override;
    void onCancel(RequestContext &ctx, CancelReason reason) const override;

private:
    std::shared_ptr<const IntegrationBackend> m_integration;
    IntegrationRequestMapper m_mapper;
    int m_timeoutMs;
    bool m_deadlineInPipeline;
    bool m_executionLog;
};

// "Integration timed out after N ms": $context.integrationErrorMessage of a timeout.
QString integrationTimeoutMessage(int timeoutMs);

} // namespace gw
