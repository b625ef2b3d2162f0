#pragma once
// REST deployments as the service makes them: a deployment is a snapshot of the API's resources,
// models, validators, gateway responses and binary media types; deploying points a stage (or
// its canary) at one. A stage keeps serving its snapshot while the design changes
// (how-to-deploy-api.html: "you must redeploy the API for the changes to take effect").
#include "project.h"

#include <QDateTime>
#include <optional>

namespace gw {

// The deployed parts of the API, as the file writes them.
Json restSnapshotOf(const RestApiSpec &rest);
// What a stage serves: a snapshot read back (a part that does not read is left empty; the loader
// checked the shape against the schema), or the design's deployed parts without its history.
RestApiSpec restSpecOfSnapshot(const Json &snapshot);
RestApiSpec deployedPartsOf(const RestApiSpec &rest);

// A new deployment of the API as it is now: a fresh id (six lowercase letters and digits, as
// the service's look), the time, the description and the snapshot.
Deployment newRestDeployment(const RestApiSpec &rest, const std::string &description, const QDateTime &now);

struct DeployTarget {
    std::string stage;
    // Set: deploy to the stage's canary with this share of its traffic; the stage's own
    // deployment stays (create-deployment --canary-settings).
    std::optional<double> canaryPercent;
};

// Adds the deployment to the API and points the stage at it, creating the stage when the API
// has none of that name (as create-deployment --stage-name does). The API must be a REST API.
// False with *why when the target cannot take it (a canary on a stage that does not exist yet).
bool deployRestApi(Api &api, Deployment deployment, const DeployTarget &target, std::string *why);

} // namespace gw
