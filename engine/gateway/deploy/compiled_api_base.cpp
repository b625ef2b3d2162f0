#include "compiled_api_base.h"

#include "../../pipeline/stages/local_reply_stage.h"

#include <map>

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

StageChain integrationFailure(Outcome outcome, const QString &why)
{
    return {std::make_shared<const LocalReplyStage>("integration", GatewayResponseType::IntegrationFailure, outcome, why)};
}

void compileRoutes(const Api &api, CompiledApi &compiled, const std::function<StageChain(const Integration &)> &chainFor,
                   const std::function<std::string(const std::string &routeKey)> &resourcePath)
{
    std::map<std::string, StageChain> chains;
    for (const Route &route : api.routes()) {
        CompiledRoute r;
        r.model = &route;
        r.routeKey = QByteArray::fromStdString(route.routeKey);
        r.resourcePath = resourcePath(route.routeKey);
        if (route.integration)
            r.integration = api.findIntegration(*route.integration);
        if (!r.integration) {
            r.chain = integrationFailure(Outcome::NoIntegration, QStringLiteral("No integration is attached to route %1")
                                                                     .arg(QString::fromStdString(route.routeKey)));
        } else {
            auto found = chains.find(r.integration->id);
            if (found == chains.end())
                found = chains.emplace(r.integration->id, chainFor(*r.integration)).first;
            r.chain = found->second;
        }
        compiled.routes.push_back(std::move(r));
    }
}

} // namespace gw
