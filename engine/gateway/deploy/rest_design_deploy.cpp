#include "rest_design_deploy.h"

#include "rest_api_compiler.h"

namespace gw {

RestDeployOutcome deployRestDesign(Api &api, const std::string &apiAt, const std::string &description, const DeployTarget &target,
                                   const QDateTime &now)
{
    RestDeployOutcome outcome;
    const RestApiSpec *rest = api.rest();
    if (!rest) {
        outcome.why = "API '" + api.name + "' is a " + api.typeName() + " API: only REST APIs have deployments (its stages serve the design)";
        return outcome;
    }
    outcome.problems = restSpecProblems(*rest, apiAt);
    if (!outcome.problems.empty())
        return outcome;
    outcome.deployment = newRestDeployment(*rest, description, now);
    Deployment copy = outcome.deployment;
    outcome.deployed = deployRestApi(api, std::move(copy), target, &outcome.why);
    return outcome;
}

} // namespace gw
