#pragma once
// Answers with a gateway response at once: a route without an integration, an integration this
// API type cannot use, a configuration the compiler found broken.
#include "../../api/pipeline_stage.h"
#include "../../config/gateway_responses.h"
#include "../../observability/outcome.h"

#include <QString>

namespace gw {

class LocalReplyStage : public PipelineStage {
public:
    LocalReplyStage(const char *name, GatewayResponseType type, Outcome outcome, QString integrationError)
        : m_name(name), m_type(type), m_outcome(outcome), m_integrationError(std::move(integrationError))
    {
    }
    const char *name() const override { return m_name; }
    StageStatus onRequest(RequestContext &ctx) const override;

private:
    const char *m_name;
    GatewayResponseType m_type;
    Outcome m_outcome;
    QString m_integrationError;
};

} // namespace gw
