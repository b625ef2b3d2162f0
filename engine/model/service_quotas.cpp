#include "service_quotas.h"

namespace gw {

namespace {
ProjectError warning(std::string pointer, std::string message)
{
    ProjectError problem;
    problem.pointer = std::move(pointer);
    problem.message = std::move(message);
    problem.severity = ProjectError::Severity::Warning;
    return problem;
}

std::string escaped(const std::string &key)
{
    std::string out;
    for (char c : key)
        out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return out;
}
} // namespace

ProjectProblems serviceQuotaProblems(const Api &api, const std::string &at)
{
    ProjectProblems problems;
    if (const RestApiSpec *rest = api.rest(); rest && rest->resources.size() > kResourcesPerRestApi)
        problems.push_back(warning(at + "/resources/" + std::to_string(kResourcesPerRestApi),
                                   "the service allows " + std::to_string(kResourcesPerRestApi) + " resources per REST API and this one has " +
                                       std::to_string(rest->resources.size()) + ": deploying it needs a raised quota"));
    if (const HttpApiSpec *http = api.http(); http && http->routes.size() > kRoutesPerHttpApi)
        problems.push_back(warning(at + "/routes/" + std::to_string(kRoutesPerHttpApi),
                                   "the service allows " + std::to_string(kRoutesPerHttpApi) + " routes per HTTP API and this one has " +
                                       std::to_string(http->routes.size()) + ": deploying it needs a raised quota"));
    if (api.stages.size() > kStagesPerApi)
        problems.push_back(warning(at + "/stages/" + std::to_string(kStagesPerApi),
                                   "the service allows " + std::to_string(kStagesPerApi) + " stages per API and this one has " +
                                       std::to_string(api.stages.size()) + ": deploying it needs a raised quota"));
    for (size_t s = 0; s < api.stages.size(); ++s) {
        const Stage &stage = api.stages[s];
        const std::string stageAt = at + "/stages/" + std::to_string(s) + "/stageVariables";
        if (stage.stageVariables.size() > kStageVariablesPerStage)
            problems.push_back(warning(stageAt, "stage '" + stage.name + "' has " + std::to_string(stage.stageVariables.size()) +
                                                    " stage variables; the service allows " + std::to_string(kStageVariablesPerStage)));
        for (const auto &[name, value] : stage.stageVariables) {
            if (name.size() > kStageVariableNameLength)
                problems.push_back(warning(stageAt + "/" + escaped(name), "a stage variable's name has at most " +
                                                                              std::to_string(kStageVariableNameLength) + " characters on the service"));
            if (value.size() > kStageVariableValueLength)
                problems.push_back(warning(stageAt + "/" + escaped(name), "stage variable '" + name + "' has " + std::to_string(value.size()) +
                                                                              " characters; the service takes at most " +
                                                                              std::to_string(kStageVariableValueLength)));
        }
    }
    return problems;
}

} // namespace gw
