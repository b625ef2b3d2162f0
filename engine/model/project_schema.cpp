#include "project_schema.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <mutex>

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

std::optional<ProjectError> validateAgainstProjectSchema(const nlohmann::json &document)
{
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(document);
    if (validator.validate(compiledSchema(), target, &results))
        return std::nullopt;

    // Parents repeat their children's failure in vaguer words; the deepest error is the useful one.
    valijson::ValidationResults::Error error, best;
    bool haveBest = false;
    while (results.popError(error)) {
        if (!haveBest || error.context.size() > best.context.size()) {
            best = error;
            haveBest = true;
        }
    }
    ProjectError result;
    result.pointer = toPointer(best.context);
    result.message = best.description;
    return result;
}

} // namespace gw
