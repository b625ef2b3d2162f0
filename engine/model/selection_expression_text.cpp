#include "selection_expression_text.h"

#include <cctype>
#include <string_view>

namespace gw {

size_t readRequestBodyPath(const std::string &expression, size_t i, std::vector<std::string> *path, std::string *error)
{
    static constexpr std::string_view kBody = "request.body";
    if (expression.compare(i, kBody.size(), kBody) != 0)
        return std::string::npos;
    i += kBody.size();
    const auto isNameChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
    while (i < expression.size() && expression[i] == '.') {
        size_t end = i + 1;
        while (end < expression.size() && isNameChar(expression[end]))
            ++end;
        if (end == i + 1) {
            *error = "an empty name in the body path at offset " + std::to_string(i);
            return std::string::npos;
        }
        path->push_back(expression.substr(i + 1, end - i - 1));
        i = end;
    }
    return i;
}

const nlohmann::json *atRequestBodyPath(const nlohmann::json &body, const std::vector<std::string> &path)
{
    const nlohmann::json *at = &body;
    for (const std::string &name : path) {
        if (!at->is_object())
            return nullptr;
        const auto found = at->find(name);
        if (found == at->end())
            return nullptr;
        at = &*found;
    }
    return at;
}

std::string selectionKeyText(const nlohmann::json &value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

} // namespace gw
