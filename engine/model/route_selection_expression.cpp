#include "route_selection_expression.h"

#include <nlohmann/json.hpp>

#include <cctype>

namespace gw {

namespace {

constexpr std::string_view kBody = "request.body";

bool isPathChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

} // namespace

RouteSelectionExpression::RouteSelectionExpression(const std::string &expression) : m_text(expression)
{
    // Reads "request.body(.key)*" at i; returns where it ended, or npos with m_error set.
    const auto readPath = [&](size_t i, Part &part) -> size_t {
        if (expression.compare(i, kBody.size(), kBody) != 0) {
            m_error = "a route selection expression reads the message body: $request.body.NAME (at offset " +
                      std::to_string(i - 1) + ")";
            return std::string::npos;
        }
        i += kBody.size();
        while (i < expression.size() && expression[i] == '.') {
            size_t end = i + 1;
            while (end < expression.size() && isPathChar(expression[end]))
                ++end;
            if (end == i + 1) {
                m_error = "an empty name in the body path at offset " + std::to_string(i);
                return std::string::npos;
            }
            part.path.push_back(expression.substr(i + 1, end - i - 1));
            i = end;
        }
        return i;
    };

    if (expression.empty()) {
        m_error = "the route selection expression is empty";
        return;
    }
    size_t i = 0;
    std::string literal;
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
            m_parts.push_back(Part{false, std::exchange(literal, {}), {}});
        Part part;
        part.isPath = true;
        if (i + 1 < expression.size() && expression[i + 1] == '{') {
            const size_t end = readPath(i + 2, part);
            if (end == std::string::npos)
                return;
            if (end >= expression.size() || expression[end] != '}') {
                m_error = "'}' expected at offset " + std::to_string(end);
                return;
            }
            i = end + 1;
        } else {
            const size_t end = readPath(i + 1, part);
            if (end == std::string::npos)
                return;
            i = end;
        }
        m_parts.push_back(std::move(part));
    }
    if (!literal.empty())
        m_parts.push_back(Part{false, std::move(literal), {}});
}

std::optional<std::string> RouteSelectionExpression::evaluate(const QByteArray &message) const
{
    if (!isValid())
        return std::nullopt;
    std::optional<nlohmann::json> body;
    std::string key;
    for (const Part &part : m_parts) {
        if (!part.isPath) {
            key += part.literal;
            continue;
        }
        if (!body) {
            body = nlohmann::json::parse(message.constData(), message.constData() + message.size(), nullptr, false);
            if (body->is_discarded() || !body->is_object())
                return std::nullopt; // not JSON: $default (websocket-api-develop-routes.html)
        }
        const nlohmann::json *at = &*body;
        for (const std::string &name : part.path) {
            auto found = at->is_object() ? at->find(name) : at->end();
            if (!at->is_object() || found == at->end()) {
                at = nullptr; // a missing path reads as ""
                break;
            }
            at = &*found;
        }
        if (!at || at->is_null())
            continue;
        if (at->is_string())
            key += at->get<std::string>();
        else
            key += at->dump();
    }
    return key;
}

} // namespace gw
