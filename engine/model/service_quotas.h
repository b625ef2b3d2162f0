#pragma once
// The quotas the service enforces on a design, checked as it is designed so that what runs here
// also deploys there (api-gateway-execution-service-limits-table.html, http-api-quotas.html).
// Warnings: the local gateway serves past them, the service would refuse.
#include "project.h"
#include "project_error.h"

namespace gw {

constexpr size_t kResourcesPerRestApi = 300;  // can be raised on request
constexpr size_t kRoutesPerHttpApi = 300;     // can be raised on request
constexpr size_t kStagesPerApi = 10;          // can be raised on request
constexpr size_t kStageVariablesPerStage = 100;
constexpr size_t kStageVariableNameLength = 64;
constexpr size_t kStageVariableValueLength = 512;

// The quota problems of the API at `at` ("/apis/0"), as warnings.
ProjectProblems serviceQuotaProblems(const Api &api, const std::string &at);

} // namespace gw
