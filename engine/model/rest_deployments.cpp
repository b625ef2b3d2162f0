#include "rest_deployments.h"

#include <random>

namespace gw {

Json restSnapshotOf(const RestApiSpec &rest)
{
    Json snapshot = Json::object();
    snapshot["resources"] = rest.resources;
    snapshot["models"] = rest.models;
    snapshot["requestValidators"] = rest.requestValidators;
    snapshot["gatewayResponses"] = rest.gatewayResponses.is_object() ? rest.gatewayResponses : Json::object();
    snapshot["binaryMediaTypes"] = rest.binaryMediaTypes;
    return snapshot;
}

RestApiSpec restSpecOfSnapshot(const Json &snapshot)
{
    RestApiSpec spec;
    const auto part = [&](const char *key, auto &into) {
        if (auto found = snapshot.find(key); found != snapshot.end() && !found->is_null())
            try {
                found->get_to(into);
            } catch (const std::exception &) {
            }
    };
    part("resources", spec.resources);
    part("models", spec.models);
    part("requestValidators", spec.requestValidators);
    part("binaryMediaTypes", spec.binaryMediaTypes);
    if (auto found = snapshot.find("gatewayResponses"); found != snapshot.end() && found->is_object())
        spec.gatewayResponses = *found;
    return spec;
}

RestApiSpec deployedPartsOf(const RestApiSpec &rest)
{
    RestApiSpec parts;
    parts.resources = rest.resources;
    parts.models = rest.models;
    parts.requestValidators = rest.requestValidators;
    parts.gatewayResponses = rest.gatewayResponses;
    parts.binaryMediaTypes = rest.binaryMediaTypes;
    parts.apiKeySource = rest.apiKeySource;
    return parts;
}

Deployment newRestDeployment(const RestApiSpec &rest, const std::string &description, const QDateTime &now)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device random;
    std::string id;
    do {
        id.clear();
        for (int i = 0; i < 6; ++i)
            id += alphabet[random() % 36];
        bool taken = false;
        for (const Deployment &existing : rest.deployments)
            taken = taken || existing.id == id;
        if (!taken)
            break;
    } while (true);
    Deployment deployment;
    deployment.id = id;
    deployment.description = description;
    deployment.createdDate = now.toUTC().toString(Qt::ISODate).toStdString();
    deployment.snapshot = restSnapshotOf(rest);
    return deployment;
}

bool deployRestApi(Api &api, Deployment deployment, const DeployTarget &target, std::string *why)
{
    RestApiSpec *rest = api.rest();
    if (!rest) {
        *why = "API '" + api.name + "' is " + api.typeName() + ", not REST: its stages serve the design as it is";
        return false;
    }
    Stage *stage = nullptr;
    for (Stage &s : api.stages)
        if (s.name == target.stage)
            stage = &s;
    if (!stage && target.canaryPercent) {
        *why = "stage '" + target.stage + "' does not exist: deploy to it before giving it a canary";
        return false;
    }
    if (!stage) {
        api.stages.emplace_back();
        stage = &api.stages.back();
        stage->name = target.stage;
    }
    const std::string id = deployment.id;
    rest->deployments.push_back(std::move(deployment));
    if (target.canaryPercent) {
        CanarySettings canary = stage->canarySettings.value_or(CanarySettings{});
        canary.deploymentId = id;
        canary.percentTraffic = *target.canaryPercent;
        stage->canarySettings = std::move(canary);
    } else {
        stage->deployment = id;
    }
    return true;
}

} // namespace gw
