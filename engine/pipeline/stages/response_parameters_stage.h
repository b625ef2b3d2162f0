#pragma once
// HTTP API responseParameters: the integration's answer changed per status code before it goes
// to the client (http-api-parameter-mapping.html, "Transforming API responses"). First in a
// route's chain, so its response phase sees the mapped answer; gateway errors are left alone.
#include "../../api/pipeline_stage.h"
#include "../parameter_mapping.h"

namespace gw {

class ResponseParametersStage : public PipelineStage {
public:
    explicit ResponseParametersStage(std::shared_ptr<const ResponseParameterMapping> mapping) : m_mapping(std::move(mapping)) {}
    const char *name() const override { return "response_parameters"; }
    StageStatus onRequest(RequestContext &) const override { return StageStatus::Continue; }
    void onResponse(RequestContext &ctx) const override;

private:
    std::shared_ptr<const ResponseParameterMapping> m_mapping;
};

} // namespace gw
