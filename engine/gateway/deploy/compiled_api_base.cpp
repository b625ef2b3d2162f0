#include "compiled_api_base.h"

namespace gw {

std::shared_ptr<CompiledApi> compiledApiBase(const Api &api, const CompiledProject &project)
{
    auto compiled = std::make_shared<CompiledApi>();
    compiled->type = api.apiType();
    compiled->model = &api;
    compiled->key = api.id;
    compiled->apiId = QByteArray::fromStdString(api.apiId);
    compiled->name = QString::fromStdString(api.name);
    compiled->accountId = QByteArray::fromStdString(project.project.accountId);
    compiled->region = QByteArray::fromStdString(project.project.region);
    for (const Stage &stage : api.stages) {
        CompiledStage s;
        s.model = &stage;
        s.name = QByteArray::fromStdString(stage.name);
        s.stageVariables = stage.stageVariables;
        if (stage.name != "$default")
            s.pathPrefix = '/' + s.name;
        compiled->stages.push_back(std::move(s));
    }
    compiled->defaultStage = compiled->findStage("$default");
    compiled->responses = GatewayResponses::forApiType(compiled->type);
    return compiled;
}

} // namespace gw
