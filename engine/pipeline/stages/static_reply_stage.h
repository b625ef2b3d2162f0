#pragma once
// A backend that answers the same every time without a call: a WebSocket MOCK integration (its
// request template's static statusCode: 200 accepts a $connect, others refuse it).
#include "../../api/pipeline_stage.h"
#include "../../common/http_message.h"

namespace gw {

class StaticReplyStage : public PipelineStage {
public:
    explicit StaticReplyStage(HttpResponse response) : m_response(std::move(response)) {}
    const char *name() const override { return "integration"; }
    bool isIntegration() const override { return true; }
    StageStatus onRequest(RequestContext &ctx) const override;

private:
    HttpResponse m_response;
};

} // namespace gw
