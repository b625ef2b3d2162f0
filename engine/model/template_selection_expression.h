#pragma once
// A WebSocket integration response's templateSelectionExpression, parsed once per deploy and
// evaluated on every answer: the key of the response template to render. The service's forms
// (websocket-api-data-transformations.html, "Template selection expressions"):
// IntegrationResponse.TemplateSelectionExpression supports ${request.body.jsonPath},
// ${integration.response.statuscode}, ${integration.response.header.NAME},
// ${integration.response.multivalueheader.NAME} and static values; "\$default" is the literal
// "$default". Braces may be left out where the name ends the variable ($request.body.action).
// What the answer does not have reads as "", as in a route selection expression.
#include "../common/http_message.h"

#include <QByteArray>

#include <string>
#include <vector>

namespace gw {

class TemplateSelectionExpression {
public:
    explicit TemplateSelectionExpression(const std::string &expression);
    bool isValid() const { return m_error.empty(); }
    const std::string &error() const { return m_error; }

    // message: the client's frame; status and headers: the integration's answer. A multi-valued
    // header's values are joined with ",", as HTTP folds repeated headers.
    std::string evaluate(const QByteArray &message, int status, const std::vector<HttpHeader> &headers) const;

private:
    enum class Kind { Literal, Body, Status, Header, MultiValueHeader };
    struct Part {
        Kind kind = Kind::Literal;
        std::string text;              // the literal, or the header's name
        std::vector<std::string> path; // under request.body
    };
    std::string m_error;
    std::vector<Part> m_parts;
};

} // namespace gw
