#pragma once
// REST "Integration Request": the method request's body mapped for the backend by the template
// for its Content-Type, or passed through as passthroughBehavior allows (WHEN_NO_MATCH,
// WHEN_NO_TEMPLATES, NEVER -> 415 Unsupported Media Type), then converted between text and
// binary as contentHandling says (content_handling.h).
#include "../../api/pipeline_stage.h"
#include "../content_handling.h"
#include "../mapping_templates.h"

namespace gw {

class RestIntegrationRequestStage : public PipelineStage {
public:
    enum class Passthrough { WhenNoMatch, WhenNoTemplates, Never };
    RestIntegrationRequestStage(TemplateSet templates, Passthrough passthrough, std::vector<std::string> binaryMediaTypes = {},
                                ContentHandling contentHandling = ContentHandling::Passthrough)
        : m_templates(std::move(templates)), m_passthrough(passthrough), m_binaryMediaTypes(std::move(binaryMediaTypes)),
          m_contentHandling(contentHandling)
    {
    }
    static Passthrough passthroughNamed(const std::string &name);
    const char *name() const override { return "integration_request"; }
    StageStatus onRequest(RequestContext &ctx) const override;

private:
    TemplateSet m_templates;
    Passthrough m_passthrough;
    std::vector<std::string> m_binaryMediaTypes;
    ContentHandling m_contentHandling;
};

} // namespace gw
