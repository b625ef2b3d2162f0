#include "project_schema.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <mutex>
#include <set>

namespace gw {

extern const char *const kProjectSchemaText; // generated from schema/ at configure time

std::string_view projectSchemaText()
{
    return kProjectSchemaText;
}

namespace {

const valijson::Schema &compiledSchema()
{
    static valijson::Schema schema;
    static std::once_flag once;
    std::call_once(once, [] {
        static const nlohmann::json document = nlohmann::json::parse(kProjectSchemaText);
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
        valijson::adapters::NlohmannJsonAdapter adapter(document);
        parser.populateSchema(adapter, schema);
    });
    return schema;
}

// valijson reports a context like {"<root>", "[apis]", "[0]", "[routeKey]"}.
std::string toPointer(const std::vector<std::string> &context)
{
    std::string pointer;
    for (const auto &part : context) {
        if (part == "<root>")
            continue;
        std::string token = part;
        if (token.size() >= 2 && token.front() == '[' && token.back() == ']')
            token = token.substr(1, token.size() - 2);
        std::string escaped;
        for (char c : token) {
            if (c == '~')
                escaped += "~0";
            else if (c == '/')
                escaped += "~1";
            else
                escaped += c;
        }
        pointer += '/' + escaped;
    }
    return pointer;
}

} // namespace

ProjectProblems projectSchemaProblems(const nlohmann::json &document)
{
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(document);
    if (validator.validate(compiledSchema(), target, &results))
        return {};

    // Parents repeat their children's failure in vaguer words: keep the deepest error of each
    // branch (an error whose place is the prefix of another's place is left out).
    std::vector<valijson::ValidationResults::Error> errors;
    valijson::ValidationResults::Error error;
    while (results.popError(error))
        errors.push_back(error);
    const auto isPrefix = [](const std::vector<std::string> &a, const std::vector<std::string> &b) {
        return a.size() < b.size() && std::equal(a.begin(), a.end(), b.begin());
    };
    ProjectProblems problems;
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto &candidate : errors) {
        const bool hasDeeper = std::any_of(errors.begin(), errors.end(),
                                           [&](const auto &other) { return isPrefix(candidate.context, other.context); });
        if (hasDeeper)
            continue;
        ProjectError problem;
        problem.pointer = toPointer(candidate.context);
        problem.message = candidate.description;
        if (seen.insert({problem.pointer, problem.message}).second)
            problems.push_back(std::move(problem));
    }
    return problems;
}

std::optional<ProjectError> validateAgainstProjectSchema(const nlohmann::json &document)
{
    ProjectProblems problems = projectSchemaProblems(document);
    if (problems.empty())
        return std::nullopt;
    ProjectError first = std::move(problems.front());
    first.more.assign(std::make_move_iterator(problems.begin() + 1), std::make_move_iterator(problems.end()));
    return first;
}

} // namespace gw
