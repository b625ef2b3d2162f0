#include "model_schemas.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <stdexcept>

namespace gw {

namespace {

class ValijsonModel final : public CompiledModel {
public:
    bool validate(const QByteArray &body, std::vector<std::string> *errors) const override
    {
        const nlohmann::json document = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
        if (document.is_discarded()) {
            errors->push_back(body.trimmed().isEmpty() ? "the body is empty, not JSON" : "the body is not JSON");
            return false;
        }
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter target(document);
        if (validator.validate(schema, target, &results))
            return true;
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            std::string where;
            for (const std::string &part : error.context)
                where += part == "<root>" ? "$" : part;
            errors->push_back(where + ": " + error.description);
        }
        return false;
    }
    valijson::Schema schema;
};

// "https://apigateway.amazonaws.com/restapis/abc/models/Pet" -> "Pet".
std::string modelNameOfUri(const std::string &uri)
{
    static const std::string kModels = "/models/";
    const size_t at = uri.rfind(kModels);
    return at == std::string::npos ? std::string() : uri.substr(at + kModels.size());
}

} // namespace

bool ModelSchemas::compile(const std::vector<Model> &models, std::string *error, size_t *failed)
{
    std::map<std::string, const Model *> byName;
    for (const Model &model : models)
        byName.emplace(model.name, &model);
    // Twice: first each model alone (what it refers to read as {}), so that a broken schema is
    // reported on itself and not on the models that refer to it; then each with its references.
    for (const bool alone : {true, false}) {
        for (size_t i = 0; i < models.size(); ++i) {
            const Model &model = models[i];
            auto compiled = std::make_shared<ValijsonModel>();
            std::string missing;
            const auto fetch = [&](const std::string &uri) -> const nlohmann::json * {
                const auto found = byName.find(modelNameOfUri(uri));
                if (found == byName.end()) {
                    missing = uri;
                    return nullptr;
                }
                return new nlohmann::json(alone ? nlohmann::json::object() : found->second->schema);
            };
            const auto release = [](const nlohmann::json *document) { delete document; };
            try {
                if (!model.schema.is_object())
                    throw std::runtime_error("a schema is a JSON object");
                valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
                valijson::adapters::NlohmannJsonAdapter adapter(model.schema);
                parser.populateSchema(adapter, compiled->schema, valijson::SchemaParser::FunctionPtrs<valijson::adapters::NlohmannJsonAdapter>::FetchDoc(fetch),
                                      valijson::SchemaParser::FunctionPtrs<valijson::adapters::NlohmannJsonAdapter>::FreeDoc(release));
            } catch (const std::exception &e) {
                *error = "model " + model.name + ": " +
                         (missing.empty() ? std::string("its schema is not a draft-4 JSON Schema (") + e.what() + ")"
                                          : "$ref " + missing + " names no model of this API");
                *failed = i;
                return false;
            }
            m_models[model.name] = std::move(compiled);
        }
    }
    return true;
}

const CompiledModel *ModelSchemas::find(const std::string &name) const
{
    const auto found = m_models.find(name);
    return found == m_models.end() ? nullptr : found->second.get();
}

} // namespace gw
