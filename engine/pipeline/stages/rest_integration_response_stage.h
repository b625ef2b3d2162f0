#pragma once
// REST "Integration Response" and "Method Response": the backend's answer picked by selection
// pattern (a whole-string Java regex on the status code for HTTP and MOCK backends, on a function
// error's errorMessage for Lambda ones), mapped by
// the chosen response's template and header mappings, its body converted between text and binary
// as its contentHandling and the client's Accept say, then $context.responseOverride applied.
#include "../../api/pipeline_stage.h"
#include "../content_handling.h"
#include "../mapping_templates.h"

#include <QRegularExpression>

#include <optional>

namespace gw {

struct CompiledIntegrationResponse {
    int statusCode = 200;
    std::optional<QRegularExpression> selection; // none: the default response
    TemplateSet templates;
    // method.response.header.NAME = its source, as written ('static', integration.response.header.X,
    // integration.response.body[.path], stageVariables.X).
    std::vector<std::pair<QByteArray, std::string>> headers;
    ContentHandling contentHandling = ContentHandling::Passthrough;
};

class RestIntegrationResponseStage : public PipelineStage {
public:
    // awsBackend: Lambda and the other AWS services, whose answers the service sends with
    // X-Amzn-Trace-Id first (recorded: test-invoke-method/*, aws-service-integration/dynamodb/*).
    explicit RestIntegrationResponseStage(std::vector<CompiledIntegrationResponse> responses,
                                          std::vector<std::string> binaryMediaTypes = {}, bool awsBackend = false)
        : m_responses(std::move(responses)), m_binaryMediaTypes(std::move(binaryMediaTypes)), m_awsBackend(awsBackend)
    {
    }
    // Compiles a method's integration responses; false with *error for a pattern, template or
    // mapping that cannot work (said with the response's status code), and *where its JSON
    // pointer below the integrationResponses list ("/1/selectionPattern").
    static bool compile(const std::vector<IntegrationResponse> &responses, std::vector<CompiledIntegrationResponse> *out,
                        std::string *error, std::string *where = nullptr);
    const char *name() const override { return "integration_response"; }
    StageStatus onRequest(RequestContext &ctx) const override;

private:
    const CompiledIntegrationResponse *select(const QString &subject) const;
    const CompiledIntegrationResponse *defaultResponse() const;
    std::vector<CompiledIntegrationResponse> m_responses;
    std::vector<std::string> m_binaryMediaTypes;
    bool m_awsBackend;
};

} // namespace gw
