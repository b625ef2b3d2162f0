#include "template_selection_expression.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <optional>

namespace gw {

namespace {

bool isNameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

bool startsWithAt(const std::string &text, size_t at, std::string_view prefix)
{
    return text.compare(at, prefix.size(), prefix) == 0;
}

} // namespace

TemplateSelectionExpression::TemplateSelectionExpression(const std::string &expression)
{
    // A name (letters, digits, '_' and '-') at i; its end.
    const auto nameEnd = [&](size_t i) {
        while (i < expression.size() && isNameChar(expression[i]))
            ++i;
        return i;
    };
    // The variable at i (after "$" or "${"); where it ended, or npos with m_error set.
    const auto readVariable = [&](size_t i, Part &part) -> size_t {
        static constexpr std::string_view kBody = "request.body";
        static constexpr std::string_view kStatus = "integration.response.statuscode";
        static constexpr std::string_view kHeader = "integration.response.header.";
        static constexpr std::string_view kMultiHeader = "integration.response.multivalueheader.";
        if (startsWithAt(expression, i, kStatus)) {
            part.kind = Kind::Status;
            return i + kStatus.size();
        }
        for (auto [prefix, kind] : {std::pair{kHeader, Kind::Header}, std::pair{kMultiHeader, Kind::MultiValueHeader}})
            if (startsWithAt(expression, i, prefix)) {
                const size_t end = nameEnd(i + prefix.size());
                if (end == i + prefix.size()) {
                    m_error = "a header name is expected at offset " + std::to_string(end);
                    return std::string::npos;
                }
                part.kind = kind;
                part.text = expression.substr(i + prefix.size(), end - i - prefix.size());
                return end;
            }
        if (startsWithAt(expression, i, kBody)) {
            part.kind = Kind::Body;
            i += kBody.size();
            while (i < expression.size() && expression[i] == '.') {
                const size_t end = nameEnd(i + 1);
                if (end == i + 1) {
                    m_error = "an empty name in the body path at offset " + std::to_string(i);
                    return std::string::npos;
                }
                part.path.push_back(expression.substr(i + 1, end - i - 1));
                i = end;
            }
            return i;
        }
        m_error = "a template selection expression reads ${request.body.PATH}, ${integration.response.statuscode} or "
                  "${integration.response.header.NAME} (at offset " + std::to_string(i) + ")";
        return std::string::npos;
    };

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
            m_parts.push_back(Part{Kind::Literal, std::exchange(literal, {}), {}});
        Part part;
        const bool braced = i + 1 < expression.size() && expression[i + 1] == '{';
        const size_t end = readVariable(i + (braced ? 2 : 1), part);
        if (end == std::string::npos)
            return;
        if (braced && (end >= expression.size() || expression[end] != '}')) {
            m_error = "'}' expected at offset " + std::to_string(end);
            return;
        }
        i = braced ? end + 1 : end;
        m_parts.push_back(std::move(part));
    }
    if (!literal.empty())
        m_parts.push_back(Part{Kind::Literal, std::move(literal), {}});
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
            const nlohmann::json *at = body->is_discarded() ? nullptr : &*body;
            for (const std::string &name : part.path) {
                if (!at || !at->is_object() || !at->contains(name)) {
                    at = nullptr;
                    break;
                }
                at = &(*at)[name];
            }
            if (at && !at->is_null())
                key += at->is_string() ? at->get<std::string>() : at->dump();
            break;
        }
        }
    }
    return key;
}

} // namespace gw
