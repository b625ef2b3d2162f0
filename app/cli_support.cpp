#include "cli_support.h"
#include "cli_commands.h"

#include "model/json_locator.h"

#include <cstdio>

namespace gw {

void prepareProjectCommand(QCommandLineParser &parser, const QString &command, const QString &description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addPositionalArgument(command, QStringLiteral("the command"));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("the .gatewright.json file"));
}

std::variant<QString, int> parseProjectCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &command)
{
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "gatewright %s: %s\n", qPrintable(command), qPrintable(parser.errorText()));
        return kExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return kExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        std::fprintf(stderr, "gatewright %s: expected exactly one PROJECT file\n", qPrintable(command));
        return kExitBadInput;
    }
    return positional.at(1);
}

ProjectProblems locatedIn(ProjectProblems problems, const LoadedProject &loaded)
{
    for (ProjectError &problem : problems) {
        problem.file = loaded.filePath;
        if (const auto at = locateJsonPointer(loaded.text, problem.pointer)) {
            problem.line = at->first;
            problem.column = at->second;
        }
    }
    return problems;
}

} // namespace gw
