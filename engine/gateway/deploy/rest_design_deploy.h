#pragma once
// "Deploy API" on a REST API's design, for the command line and the window alike: the design is
// checked as a deployment would compile it; with problems nothing changes, else a snapshot
// deployment is added and the stage (or its canary) is pointed at it.
#include "../../model/project_error.h"
#include "../../model/rest_deployments.h"

namespace gw {

struct RestDeployOutcome {
    bool deployed = false;
    ProjectProblems problems; // why not, each with its pointer below apiAt
    std::string why;          // or why the target cannot take it
    Deployment deployment;    // what was deployed (without its snapshot's copy being needed)
};

RestDeployOutcome deployRestDesign(Api &api, const std::string &apiAt, const std::string &description, const DeployTarget &target,
                                   const QDateTime &now);

} // namespace gw
