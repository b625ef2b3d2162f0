#pragma once
// The JSON Schema of the project format (schema/gatewright-project.schema.json, built in).
#include "project_error.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace gw {

std::string_view projectSchemaText();
// Every schema violation (the most specific one of each branch), with its JSON pointer.
ProjectProblems projectSchemaProblems(const nlohmann::json &document);
// The first of them, the others in its `more`; nullopt when the document conforms.
std::optional<ProjectError> validateAgainstProjectSchema(const nlohmann::json &document);

} // namespace gw
