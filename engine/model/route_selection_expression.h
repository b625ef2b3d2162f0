#pragma once
// A WebSocket API's routeSelectionExpression ("$request.body.action"), parsed once per deploy and
// evaluated on every text message. The service's forms (websocket-api-develop-routes.html, its
// table of expressions): "$request.body.PATH" or "${request.body.PATH}", braced ones placed in
// literal text as often as wanted ("${request.body.service}/${request.body.action}" gives
// "chat/join"), a path that is missing reads as "" ("${request.body.action}-${request.body.x}"
// gives "join-"), a static text ("action"), and "\$" for a literal dollar ("\$default").
#include <QByteArray>

#include <optional>
#include <string>
#include <vector>

namespace gw {

class RouteSelectionExpression {
public:
    // Parses; check isValid() and error().
    explicit RouteSelectionExpression(const std::string &expression);

    bool isValid() const { return m_error.empty(); }
    const std::string &error() const { return m_error; }
    const std::string &text() const { return m_text; }

    // The route key a message selects; nullopt when the expression cannot be evaluated (the
    // message is not a JSON object): the message goes to $default.
    std::optional<std::string> evaluate(const QByteArray &message) const;

private:
    struct Part {
        bool isPath = false;
        std::string literal;
        std::vector<std::string> path; // keys under the body
    };
    std::string m_text;
    std::string m_error;
    std::vector<Part> m_parts;
};

} // namespace gw
