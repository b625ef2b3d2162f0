#pragma once
// The Java methods and bean properties templates call on plain values: String, List, Map,
// numbers and Boolean, with Java's semantics (UTF-16 indices, java.util.regex-style patterns).
#include "vtl_value.h"

#include <optional>
#include <string_view>
#include <vector>

namespace gw::vtl {

// $value.name(args); nullopt when the type has no such method (the reference renders nothing).
std::optional<Value> callJavaMethod(const Value &target, std::string_view name, std::vector<Value> &args);
// $value.name: Map.get(name), or the bean getter getName()/isName() of the value's type.
Value javaProperty(const Value &target, std::string_view name);

} // namespace gw::vtl
