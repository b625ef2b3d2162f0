#pragma once
// REST "Method Request" validation, as the method's request validator asks: the required
// parameters (method.request.{header,path,querystring}.NAME: true) present and not blank, then
// the body against the model for its content type (the media type, "$default" for any other;
// none: not validated). Parameters are checked before the body (recorded:
// request-validation/params/missing-all-required-request-params-post), and the missing ones are
// named in the service's order (headers, path, query string).
#include "../../api/pipeline_stage.h"
#include "../model_schemas.h"

#include <memory>
#include <string>
#include <vector>

namespace gw {

class RestRequestValidationStage : public PipelineStage {
public:
    enum class Location { Header, Path, QueryString };
    struct RequiredParameter {
        Location location;
        std::string name;
    };
    struct BodyModel {
        std::string contentType; // a media type or "$default"
        const CompiledModel *model = nullptr;
    };
    RestRequestValidationStage(std::vector<RequiredParameter> required, std::vector<BodyModel> bodyModels,
                               std::shared_ptr<const ModelSchemas> schemas)
        : m_required(std::move(required)), m_bodyModels(std::move(bodyModels)), m_schemas(std::move(schemas))
    {
    }
    // The parameters a method requires, from its requestParameters, in the service's order.
    static std::vector<RequiredParameter> requiredParameters(const std::map<std::string, bool> &requestParameters);
    const char *name() const override { return "request_validation"; }
    StageStatus onRequest(RequestContext &ctx) const override;

private:
    std::vector<RequiredParameter> m_required; // empty when the validator does not check parameters
    std::vector<BodyModel> m_bodyModels;       // empty when it does not check the body
    std::shared_ptr<const ModelSchemas> m_schemas; // keeps the models alive
};

} // namespace gw
