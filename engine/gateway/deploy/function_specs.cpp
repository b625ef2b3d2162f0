#include "function_specs.h"

#include "../../runtime/runtime_bootstraps.h"

#include <QDir>
#include <QStandardPaths>

namespace gw {

FunctionSpec resolveFunction(const Function &function, const Project &project, const QString &baseDir)
{
    FunctionSpec spec;
    spec.name = QString::fromStdString(function.name);
    spec.runtime = QString::fromStdString(function.runtime);
    spec.handler = QString::fromStdString(function.handler);
    const QString codeDir = QString::fromStdString(function.codeDir);
    spec.codeDir = QDir::cleanPath(QDir(baseDir.isEmpty() ? QDir::currentPath() : baseDir).absoluteFilePath(codeDir));
    spec.timeoutMs = function.timeout * 1000;
    spec.memorySize = function.memorySize;
    spec.maxConcurrency = function.reservedConcurrency.value_or(kDefaultFunctionConcurrency);
    spec.throttleBeyondConcurrency = function.reservedConcurrency.has_value();
    spec.region = QString::fromStdString(project.region);
    spec.arn = QByteArray::fromStdString("arn:aws:lambda:" + project.region + ":" + project.accountId + ":function:" +
                                         function.name);
    for (const auto &[key, value] : function.environment)
        spec.environment.append({QString::fromStdString(key), QString::fromStdString(value)});
    if (function.runtime == "python3") {
        spec.program = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (spec.program.isEmpty())
            spec.program = QStringLiteral("python3");
        spec.arguments = {runtimeBootstrapPath(spec.runtime)};
    } else if (function.runtime == "nodejs") {
        spec.program = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (spec.program.isEmpty())
            spec.program = QStringLiteral("node");
        spec.arguments = {runtimeBootstrapPath(spec.runtime)};
    } else if (!function.command.empty()) {
        // Relative programs ("./bootstrap") are found in the code directory, like Lambda's custom runtimes.
        QString program = QString::fromStdString(function.command.front());
        if (program.contains(QLatin1Char('/')) && QDir::isRelativePath(program))
            program = QDir(spec.codeDir).absoluteFilePath(program);
        spec.program = program;
        for (size_t i = 1; i < function.command.size(); ++i)
            spec.arguments.append(QString::fromStdString(function.command[i]));
    }
    return spec;
}

} // namespace gw
