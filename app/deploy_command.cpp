// gatewright deploy: what the console's "Deploy API" does, for a project file. The design is
// checked first; a design with errors is refused and the stage keeps what it served.
#include "cli_commands.h"
#include "cli_support.h"

#include "gateway/deploy/rest_design_deploy.h"
#include "model/project_loader.h"
#include "model/project_writer.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <nlohmann/json.hpp>
#include <cstdio>

namespace gw {

namespace {

int badInput(const QString &why)
{
    std::fprintf(stderr, "gatewright deploy: %s\n", qPrintable(why));
    return kExitBadInput;
}

} // namespace

int runDeployCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareProjectCommand(parser, QStringLiteral("deploy"),
                          QStringLiteral("Deploy a REST API's design to a stage: a snapshot the stage serves until the next deploy."));
    const QCommandLineOption apiOption(QStringLiteral("api"), QStringLiteral("the API's name (or id)"), QStringLiteral("NAME"));
    const QCommandLineOption stageOption(QStringLiteral("stage"), QStringLiteral("the stage (made when the API has none of that name)"),
                                         QStringLiteral("S"));
    const QCommandLineOption descriptionOption(QStringLiteral("description"), QStringLiteral("the deployment's description"),
                                               QStringLiteral("TEXT"));
    const QCommandLineOption canaryOption(QStringLiteral("canary-percent"),
                                          QStringLiteral("deploy to the stage's canary, with this share (0-100) of its traffic"),
                                          QStringLiteral("P"));
    parser.addOptions({apiOption, stageOption, descriptionOption, canaryOption});
    const std::variant<QString, int> parsed = parseProjectCommand(parser, arguments, QStringLiteral("deploy"));
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const QString path = std::get<QString>(parsed);
    if (!parser.isSet(apiOption) || !parser.isSet(stageOption))
        return badInput(QStringLiteral("--api NAME and --stage S are required"));
    DeployTarget target;
    target.stage = parser.value(stageOption).toStdString();
    if (target.stage.empty() || target.stage == "$default")
        return badInput(QStringLiteral("a REST stage needs a name of its own (REST APIs have no $default stage)"));
    if (parser.isSet(canaryOption)) {
        bool ok = false;
        const double percent = parser.value(canaryOption).toDouble(&ok);
        if (!ok || percent < 0 || percent > 100)
            return badInput(QStringLiteral("--canary-percent takes a number from 0 to 100, not '%1'").arg(parser.value(canaryOption)));
        target.canaryPercent = percent;
    }

    LoadResult loaded = loadProjectFile(path);
    if (auto *error = std::get_if<ProjectError>(&loaded)) {
        for (const QString &line : error->allProblems())
            std::fprintf(stderr, "gatewright: %s\n", qPrintable(line));
        return kExitBadInput;
    }
    LoadedProject &project = std::get<LoadedProject>(loaded);
    const Json read(project.project);
    Api *api = nullptr;
    size_t index = 0;
    for (size_t i = 0; i < project.project.apis.size(); ++i) {
        const Api &candidate = project.project.apis[i];
        const QString wanted = parser.value(apiOption);
        if (QString::fromStdString(candidate.name) == wanted || QString::fromStdString(candidate.id) == wanted ||
            QString::fromStdString(candidate.apiId) == wanted) {
            api = &project.project.apis[i];
            index = i;
        }
    }
    if (!api)
        return badInput(QStringLiteral("no API named '%1' in the project").arg(parser.value(apiOption)));
    // Refused with every reason, each where it is; nothing is written.
    const std::string description = parser.value(descriptionOption).toStdString();
    const RestDeployOutcome outcome =
        deployRestDesign(*api, "/apis/" + std::to_string(index), description, target, QDateTime::currentDateTimeUtc());
    if (!outcome.problems.empty()) {
        const ProjectProblems problems = locatedIn(outcome.problems, project);
        for (const ProjectError &problem : problems)
            std::fprintf(stderr, "gatewright: %s\n", qPrintable(problem.toString()));
        std::fprintf(stderr, "gatewright deploy: not deployed (%zu problem%s); stage '%s' keeps what it serves\n", problems.size(),
                     problems.size() == 1 ? "" : "s", target.stage.c_str());
        return kExitBadInput;
    }
    if (!outcome.deployed)
        return badInput(QString::fromStdString(outcome.why));
    const nlohmann::json summary{{"deploymentId", outcome.deployment.id},
                                 {"createdDate", outcome.deployment.createdDate.value_or(std::string())},
                                 {"description", description},
                                 {"api", api->name},
                                 {"stage", target.stage},
                                 {"canaryPercent", target.canaryPercent ? nlohmann::json(*target.canaryPercent) : nlohmann::json(nullptr)}};
    const QString failure = saveProjectFile(serializeProject(project.project, project.text, read), path);
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "gatewright deploy: cannot write %s: %s\n", qPrintable(path), qPrintable(failure));
        return kExitFailure;
    }
    std::printf("%s\n", summary.dump().c_str());
    return kExitOk;
}

} // namespace gw
