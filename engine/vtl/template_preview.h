#pragma once
// A mapping template rendered against a sample request, for the designer's live preview: the
// same parser and evaluator a deployment uses, the same $input, $context, $util and
// $stageVariables, without a gateway or a socket.
#include "context_variable.h"
#include "vtl_template.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gw::vtl {

struct SampleRequest {
    std::string body;
    std::vector<std::pair<std::string, std::string>> path, querystring, header;
    std::map<std::string, std::string> stageVariables;
    RequestFacts context; // $context's values
};

struct TemplatePreview {
    std::optional<std::string> output; // set when it rendered
    std::optional<VtlError> error;     // where and why it did not parse or render
    // What the template set in $context.requestOverride / responseOverride.
    ContextOverrides overrides;
};

TemplatePreview previewTemplate(std::string_view text, const SampleRequest &request);

} // namespace gw::vtl
