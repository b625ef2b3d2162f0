#pragma once
// A WebSocket route's integration response for non-proxy integrations (MOCK, HTTP), as
// apigateway-websocket-api-integration-responses.html sets it up: the backend's status code is
// matched against each response's key ("/2\d\d/", a whole-string regular expression), "$default"
// is the catch-all; the chosen response's template (the key its templateSelectionExpression
// evaluates to on the answer, else "$default") renders the backend's body with $input, $context
// and $stageVariables. Nothing
// matching and no "$default": the service's configuration error ("No match for output mapping
// and no default output mapping configured"), which the client gets as its error frame.
#include "../../api/pipeline_stage.h"
#include "../../model/project.h"
#include "../../model/template_selection_expression.h"
#include "../../vtl/vtl_template.h"

#include <QRegularExpression>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gw {

class WebSocketIntegrationResponseStage : public PipelineStage {
public:
    struct Response {
        std::string key;
        std::optional<QRegularExpression> pattern; // none: "$default"
        std::optional<TemplateSelectionExpression> templateSelection; // none: the "$default" template
        std::vector<std::pair<std::string, std::shared_ptr<const vtl::Template>>> templates;
    };
    // Null with *error (naming the response and, for a template, its line and column) when a key is
    // neither "$default" nor a /regex/, a templateSelectionExpression or a template does not parse.
    static std::shared_ptr<const WebSocketIntegrationResponseStage> compile(const std::vector<WebSocketIntegrationResponse> &responses,
                                                                           std::string *error);

    explicit WebSocketIntegrationResponseStage(std::vector<Response> responses) : m_responses(std::move(responses)) {}
    const char *name() const override { return "integration_response"; }
    StageStatus onRequest(RequestContext &) const override { return StageStatus::Continue; }
    // The backend's answer is known by now (the stages after this one set it).
    void onResponse(RequestContext &ctx) const override;

private:
    std::vector<Response> m_responses;
};

} // namespace gw
