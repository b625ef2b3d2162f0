#pragma once
// A REST API's models (JSON Schema draft 4), compiled once per deployment for request
// validation. A model refers to another as the service writes it,
// {"$ref": "https://apigateway.amazonaws.com/restapis/API_ID/models/NAME"}: any URL whose path
// ends in /models/NAME names the model NAME of the same API.
#include "../model/project.h"

#include <QByteArray>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gw {

class CompiledModel {
public:
    virtual ~CompiledModel() = default;
    // True when body is JSON that the schema accepts; else *errors says why, one line each.
    virtual bool validate(const QByteArray &body, std::vector<std::string> *errors) const = 0;
};

class ModelSchemas {
public:
    // False with *error (naming the model) and *failed (its index) for a schema that cannot be
    // compiled: not an object, an unknown draft-4 construct, a $ref to a model that is not there.
    bool compile(const std::vector<Model> &models, std::string *error, size_t *failed);
    const CompiledModel *find(const std::string &name) const;

private:
    std::map<std::string, std::shared_ptr<const CompiledModel>> m_models;
};

} // namespace gw
