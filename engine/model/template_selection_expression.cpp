#include "template_selection_expression.h"

#include "selection_expression_text.h"

#include <cctype>
#include <optional>
#include <string_view>

namespace gw {

TemplateSelectionExpression::TemplateSelectionExpression(const std::string &expression)
{
    const auto nameEnd = [&](size_t i) {
        while (i < expression.size() && (std::isalnum(static_cast<unsigned char>(expression[i])) || expression[i] == '_' || expression[i] == '-'))
            ++i;
        return i;
    };
    // The variable at i: where it ended, or npos with m_error set.
    const auto readVariable = [&](size_t i) -> size_t {
        static constexpr std::string_view kStatus = "integration.response.statuscode";
        static constexpr std::string_view kHeader = "integration.response.header.";
        static constexpr std::string_view kMultiHeader = "integration.response.multivalueheader.";
        Part part;
        if (expression.compare(i, kStatus.size(), kStatus) == 0) {
            part.kind = Kind::Status;
            m_parts.push_back(std::move(part));
            return i + kStatus.size();
        }
        for (auto [prefix, kind] : {std::pair{kHeader, Kind::Header}, std::pair{kMultiHeader, Kind::MultiValueHeader}})
            if (expression.compare(i, prefix.size(), prefix) == 0) {
                const size_t end = nameEnd(i + prefix.size());
                if (end == i + prefix.size()) {
                    m_error = "a header name is expected at offset " + std::to_string(end);
                    return std::string::npos;
                }
                part.kind = kind;
                part.text = expression.substr(i + prefix.size(), end - i - prefix.size());
                m_parts.push_back(std::move(part));
                return end;
            }
        part.kind = Kind::Body;
        const size_t end = readRequestBodyPath(expression, i, &part.path, &m_error);
        if (end != std::string::npos)
            m_parts.push_back(std::move(part));
        else if (m_error.empty())
            m_error = "a template selection expression reads ${request.body.PATH}, ${integration.response.statuscode} or "
                      "${integration.response.header.NAME} (at offset " + std::to_string(i) + ")";
        return end;
    };
    scanSelectionExpression(expression, [this](std::string text) { m_parts.push_back(Part{Kind::Literal, std::move(text), {}}); },
                            readVariable, &m_error);
}

std::string TemplateSelectionExpression::evaluate(const QByteArray &message, int status, const std::vector<HttpHeader> &headers) const
{
    std::string key;
    std::optional<nlohmann::json> body;
    for (const Part &part : m_parts) {
        switch (part.kind) {
        case Kind::Literal: key += part.text; break;
        case Kind::Status: key += std::to_string(status); break;
        case Kind::Header:
        case Kind::MultiValueHeader: {
            std::string values;
            for (const HttpHeader &header : headers) {
                if (header.name.compare(QByteArray::fromStdString(part.text), Qt::CaseInsensitive) != 0)
                    continue;
                if (part.kind == Kind::Header)
                    values = header.value.toStdString(); // the last, as a single-valued header reads
                else
                    values += (values.empty() ? "" : ",") + header.value.toStdString();
            }
            key += values;
            break;
        }
        case Kind::Body: {
            if (!body)
                body = nlohmann::json::parse(message.constData(), message.constData() + message.size(), nullptr, false);
            if (const nlohmann::json *at = body->is_discarded() ? nullptr : atRequestBodyPath(*body, part.path); at && !at->is_null())
                key += selectionKeyText(*at);
            break;
        }
        }
    }
    return key;
}

} // namespace gw
