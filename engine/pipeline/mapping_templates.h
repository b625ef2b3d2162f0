#pragma once
// Mapping templates of a REST method, parsed once per deployment, and the variables a template
// sees for one request ($input, $context, $util, $stageVariables). The $context map is made once
// per request and shared by the request and response templates, so what a request template
// writes to $context.responseOverride reaches the response (recorded behaviour).
#include "../api/pipeline_stage.h"
#include "../model/project.h"
#include "../vtl/input_variable.h"
#include "../vtl/vtl_evaluator.h"

#include <QByteArray>

#include <memory>
#include <string>
#include <vector>

namespace gw {

class RequestContext;

struct CompiledTemplate {
    std::string contentType;                 // "application/json"
    std::shared_ptr<const vtl::Template> tmpl;
};

// A content type's templates. parse() reports the first template that does not parse (with its
// content type, line and column) in *error, and its content type in *failed, and returns false.
class TemplateSet {
public:
    bool parse(const StringMap &templates, std::string *error, std::string *failed = nullptr);
    bool empty() const { return m_templates.empty(); }
    // The template for a request's Content-Type (media type only, case-insensitive); null if none.
    const CompiledTemplate *forContentType(const QByteArray &contentType) const;
    // For a response: the Accept header's first type that has a template, else application/json,
    // else the first template.
    const CompiledTemplate *forAccept(const QByteArray &accept) const;

private:
    std::vector<CompiledTemplate> m_templates;
};

// Per request: what the templates share.
struct MappingState {
    vtl::Value context;        // $context
    vtl::Value stageVariables; // $stageVariables
    std::shared_ptr<const vtl::InputParameters> params; // $input.params(), read once per request
    QByteArray integrationRequestBody;
    QByteArray requestTemplateContentType; // the template's content type, when one made the body
};

// The request's MappingState, made on first use.
MappingState &mappingStateOf(RequestContext &ctx);

// Renders `tmpl` with `payload` as $input's body; on a template error, *error says where.
bool renderTemplate(RequestContext &ctx, const vtl::Template &tmpl, const QByteArray &payload, QByteArray *out,
                    std::string *error);

// The request cannot be made for the integration (a template failed, a conversion is impossible):
// the execution log says why, the client gets the service's 500 "Unable to transform request".
StageStatus refuseUntransformableRequest(RequestContext &ctx, const QString &why);

// The same for the backend's answer: the service's 500 "Unable to transform response".
StageStatus refuseUntransformableResponse(RequestContext &ctx, const QString &why);

// No integration response matched the backend's status and none is the default: the service's
// "No match for output mapping and no default output mapping configured" 500.
StageStatus refuseUnmappedResponse(RequestContext &ctx, int backendStatus);

// "application/json; charset=utf-8" -> "application/json".
QByteArray mediaTypeOf(const QByteArray &contentType);

} // namespace gw
