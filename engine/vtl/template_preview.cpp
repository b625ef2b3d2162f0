#include "template_preview.h"

#include "input_variable.h"
#include "util_variable.h"
#include "vtl_evaluator.h"

namespace gw::vtl {

TemplatePreview previewTemplate(std::string_view text, const SampleRequest &request)
{
    TemplatePreview preview;
    auto parsed = Template::parse(text);
    if (auto *error = std::get_if<VtlError>(&parsed)) {
        preview.error = *error;
        return preview;
    }
    auto params = std::make_shared<InputParameters>();
    params->path = request.path;
    params->querystring = request.querystring;
    params->header = request.header;
    Value stageVariables = makeMap();
    for (const auto &[name, value] : request.stageVariables)
        stageVariables.asMap()->put(name, Value(value));
    const Value context = makeContextVariable(request.context);
    Context vars;
    vars.set("input", Value(std::static_pointer_cast<HostObject>(std::make_shared<InputVariable>(request.body, params))));
    vars.set("context", context);
    vars.set("util", UtilVariable::instance());
    vars.set("stageVariables", stageVariables);
    auto rendered = render(std::get<Template>(parsed), vars);
    if (auto *error = std::get_if<VtlError>(&rendered))
        preview.error = *error;
    else
        preview.output = std::move(std::get<std::string>(rendered));
    preview.overrides = readContextOverrides(context);
    return preview;
}

} // namespace gw::vtl
