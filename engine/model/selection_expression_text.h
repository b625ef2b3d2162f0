#pragma once
// The text rules every WebSocket selection expression shares (apigateway-websocket-api-selection-
// expressions.html): a variable after "$", "${...}" to bound one inside text, "\$" a literal
// dollar; and the $request.body.PATH variable they all read. Route and template selection
// expressions differ only in the variables they accept.
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace gw {

// Walks `expression`: onLiteral(text) for the text between variables, onVariable(offset) at each
// variable (offset just after "$" or "${") returning where the variable ended, or npos to stop
// (with *error set by it). False with *error on a stop or a "${" without its "}".
template <typename OnLiteral, typename OnVariable>
bool scanSelectionExpression(const std::string &expression, OnLiteral &&onLiteral, OnVariable &&onVariable, std::string *error)
{
    std::string literal;
    size_t i = 0;
    while (i < expression.size()) {
        if (expression[i] == '\\' && i + 1 < expression.size() && expression[i + 1] == '$') {
            literal += '$';
            i += 2;
            continue;
        }
        if (expression[i] != '$') {
            literal += expression[i++];
            continue;
        }
        if (!literal.empty())
            onLiteral(std::exchange(literal, {}));
        const bool braced = i + 1 < expression.size() && expression[i + 1] == '{';
        const size_t end = onVariable(i + (braced ? 2 : 1));
        if (end == std::string::npos)
            return false;
        if (braced && (end >= expression.size() || expression[end] != '}')) {
            *error = "'}' expected at offset " + std::to_string(end);
            return false;
        }
        i = braced ? end + 1 : end;
    }
    if (!literal.empty())
        onLiteral(std::move(literal));
    return true;
}

// "request.body" at i? Then reads the ".NAME" steps after it into *path and returns where they
// ended; npos when i is not at "request.body", or (with *error) on an empty name.
size_t readRequestBodyPath(const std::string &expression, size_t i, std::vector<std::string> *path, std::string *error);

// The value at `path` under `body`; null when a step is missing (a missing path reads as "").
const nlohmann::json *atRequestBodyPath(const nlohmann::json &body, const std::vector<std::string> &path);

// A found value as key text: a string as it is, anything else as JSON.
std::string selectionKeyText(const nlohmann::json &value);

} // namespace gw
