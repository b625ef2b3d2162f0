#pragma once
// The JSON Schema of the project format (schema/gatewright-project.schema.json, built in).
#include "project_error.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace gw {

std::string_view projectSchemaText();
// The most specific schema violation, with its JSON pointer; nullopt when the document conforms.
std::optional<ProjectError> validateAgainstProjectSchema(const nlohmann::json &document);

} // namespace gw
