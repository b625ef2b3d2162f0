#pragma once
// $util in a mapping template: escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode,
// base64Decode, as the API Gateway mapping template reference lists them.
#include "vtl_value.h"

namespace gw::vtl {

class UtilVariable : public HostObject {
public:
    std::optional<Value> call(std::string_view method, std::vector<Value> &args) override;
    // One shared instance: $util holds no state.
    static Value instance();
};

// commons-lang 2 StringEscapeUtils.escapeJavaScript, which the service's escapeJavaScript is:
// quotes (' and "), backslash and '/' escaped, control characters as \n \t ..., the rest of
// non-ASCII as \uXXXX.
std::string escapeJavaScript(std::string_view text);

} // namespace gw::vtl
