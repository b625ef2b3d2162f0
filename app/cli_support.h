#pragma once
// What every `gatewright COMMAND PROJECT [options]` shares: the parser's common part, and
// problems located in the file (line and column) for an editor to jump to.
#include "model/project_loader.h"

#include <QCommandLineParser>
#include <optional>

namespace gw {

// The description, --help and the COMMAND PROJECT positionals.
void prepareProjectCommand(QCommandLineParser &parser, const QString &command, const QString &description);
// Parses; an exit code when the command ends here (--help printed: 0; a bad option or not exactly
// one PROJECT: 2, said on stderr), else the project file's path.
std::variant<QString, int> parseProjectCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &command);
// Each problem with the loaded file's name and the line and column its pointer names.
ProjectProblems locatedIn(ProjectProblems problems, const LoadedProject &loaded);

} // namespace gw
