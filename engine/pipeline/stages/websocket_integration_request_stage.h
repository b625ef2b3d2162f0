#pragma once
// A WebSocket route's integration request for non-proxy integrations (MOCK, HTTP): the
// integration's templateSelectionExpression picks one of its requestTemplates by key, "$default"
// being the catch-all (apigateway-websocket-api-selection-expressions.html, its summary table:
// Integration.TemplateSelectionExpression supports ${request.body.jsonPath} and static values);
// the template renders the message (or the $connect/$disconnect request) with $input, $context
// and $stageVariables as REST templates do. No template for the key: the body passes through
// (passthroughBehavior WHEN_NO_MATCH, the default).
#include "../../api/pipeline_stage.h"
#include "../../model/project.h"
#include "../../model/route_selection_expression.h"
#include "../../vtl/vtl_template.h"

#include <memory>
#include <string>
#include <vector>

namespace gw {

class WebSocketIntegrationRequestStage : public PipelineStage {
public:
    struct KeyedTemplate {
        std::string key;
        std::shared_ptr<const vtl::Template> tmpl;
    };
    // selection null: every request selects "$default".
    WebSocketIntegrationRequestStage(std::shared_ptr<const RouteSelectionExpression> selection, std::vector<KeyedTemplate> templates)
        : m_selection(std::move(selection)), m_templates(std::move(templates))
    {
    }
    // Parses the integration's templates; false with *error naming the key that does not parse.
    static bool compile(const StringMap &requestTemplates, std::vector<KeyedTemplate> *out, std::string *error);

    const char *name() const override { return "integration_request"; }
    StageStatus onRequest(RequestContext &ctx) const override;

private:
    const KeyedTemplate *find(const std::string &key) const;
    std::shared_ptr<const RouteSelectionExpression> m_selection;
    std::vector<KeyedTemplate> m_templates;
};

} // namespace gw
