#include "route_selection_expression.h"

#include "selection_expression_text.h"

namespace gw {

RouteSelectionExpression::RouteSelectionExpression(const std::string &expression) : m_text(expression)
{
    if (expression.empty()) {
        m_error = "the route selection expression is empty";
        return;
    }
    scanSelectionExpression(
        expression, [this](std::string text) { m_parts.push_back(Part{false, std::move(text), {}}); },
        [&](size_t i) {
            Part part;
            part.isPath = true;
            const size_t end = readRequestBodyPath(expression, i, &part.path, &m_error);
            if (end == std::string::npos) {
                if (m_error.empty())
                    m_error = "a route selection expression reads the message body: $request.body.NAME (at offset " +
                              std::to_string(i - 1) + ")";
                return end;
            }
            m_parts.push_back(std::move(part));
            return end;
        },
        &m_error);
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
        if (const nlohmann::json *at = atRequestBodyPath(*body, part.path); at && !at->is_null())
            key += selectionKeyText(*at);
    }
    return key;
}

} // namespace gw
