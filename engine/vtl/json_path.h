#pragma once
// JSONPath as API Gateway evaluates it for $input.path() and $input.json(): $, .name, ['name'],
// [n], [-n], [a:b], [*], .*, ..name (deep scan). A definite path gives its value (null when
// missing); a path with a wildcard or deep scan gives the list of what it found.
#include "vtl_value.h"

#include <string>
#include <string_view>

namespace gw::vtl {

// Throws VtlRuntimeError for a path that is not JSONPath.
Value selectJsonPath(const Value &root, std::string_view path);

// JSON text as a template value: objects are Maps, arrays Lists (both marked as from JSON),
// numbers Integer/Long or Double. Returns false when `text` is not JSON.
bool parseJsonValue(std::string_view text, Value *out);

} // namespace gw::vtl
