#include "cli_commands.h"
#include "cli_support.h"
#include "metrics_endpoint.h"
#include "rotating_log_file.h"
#include "unix_signal_watcher.h"

#include "gateway/deploy/project_compiler.h"
#include "gateway/gateway.h"
#include "model/project_loader.h"
#include "net/local_ca.h"
#include "observability/access_log_formatter.h"
#include "observability/execution_log_text.h"
#include "observability/latency_stats.h"
#include "observability/har_log.h"
#include "observability/prometheus_metrics.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHash>
#include "common/atomic_file.h"
#include <QTextStream>

#include <nlohmann/json.hpp>
#include <cstdio>

namespace gw {

namespace {

// deploymentProblems, each with the file and the line and column its pointer names.
ProjectProblems locatedDeploymentProblems(const LoadedProject &loaded)
{
    return locatedIn(deploymentProblems(loaded.project), loaded);
}

QString accessLogFormatFor(const Project &project, const AccessLogEntry &entry)
{
    for (const Api &api : project.apis) {
        if (QByteArrayView(api.apiId) != entry.apiId)
            continue;
        for (const Stage &stage : api.stages)
            if (QByteArrayView(stage.name) == entry.stage && stage.accessLogFormat)
                return QString::fromStdString(*stage.accessLogFormat);
    }
    return defaultAccessLogFormat();
}

bool writeStats(const QString &path, const LatencyStats &stats)
{
    const std::string text = stats.summary().dump(2) + "\n";
    const QString failure = writeFileAtomically(path, QByteArray::fromStdString(text));
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "gatewright serve: cannot write %s: %s\n", qPrintable(path), qPrintable(failure));
        return false;
    }
    return true;
}

} // namespace

int runServeCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareProjectCommand(parser, QStringLiteral("serve"), QStringLiteral("Serve a project's APIs on this machine, without the window."));
    QCommandLineOption hostOption(QStringLiteral("host"), QStringLiteral("address to bind (default 127.0.0.1)"),
                                  QStringLiteral("H"), QStringLiteral("127.0.0.1"));
    QCommandLineOption portOption(QStringLiteral("port"),
                                  QStringLiteral("port of the first API; the next APIs take the following ports (0 = ephemeral)"),
                                  QStringLiteral("P"));
    QCommandLineOption logOption(QStringLiteral("access-log"), QStringLiteral("write access-log lines to FILE, or - for stdout (default)"),
                                 QStringLiteral("FILE"), QStringLiteral("-"));
    QCommandLineOption statsOption(QStringLiteral("stats"),
                                   QStringLiteral("on exit, write latency percentiles in microseconds (gateway overhead, "
                                                  "integration, response) as JSON to FILE"),
                                   QStringLiteral("FILE"));
    QCommandLineOption metricsOption(QStringLiteral("metrics-port"),
                                     QStringLiteral("serve request metrics in the Prometheus text format at http://HOST:P/metrics (0 = any free port)"),
                                     QStringLiteral("P"));
    QCommandLineOption harOption(QStringLiteral("har"),
                                 QStringLiteral("on exit, write every HTTP request and response of the run to FILE as HAR 1.2"),
                                 QStringLiteral("FILE"));
    QCommandLineOption rotateOption(QStringLiteral("access-log-max-mb"),
                                    QStringLiteral("with --access-log FILE: start a new FILE past N MB (FILE.1 .. FILE.5 keep the older ones)"),
                                    QStringLiteral("N"));
    QCommandLineOption executionLogOption(QStringLiteral("execution-log"),
                                          QStringLiteral("write each request's execution log (REST and WebSocket stages' "
                                                         "lines, as CloudWatch holds them) to FILE, or - for stderr"),
                                          QStringLiteral("FILE"));
    QCommandLineOption noTraceOption(QStringLiteral("no-trace"),
                                     QStringLiteral("keep no execution-log lines (the default without --execution-log; "
                                                    "the latencies are measured all the same)"));
    parser.addOptions({hostOption, portOption, logOption, statsOption, metricsOption, harOption, rotateOption,
                       executionLogOption, noTraceOption});
    const std::variant<QString, int> parsed = parseProjectCommand(parser, arguments, QStringLiteral("serve"));
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const QString projectPath = std::get<QString>(parsed);
    LoadResult loaded = loadProjectFile(projectPath);
    if (auto *error = std::get_if<ProjectError>(&loaded)) {
        for (const QString &line : error->allProblems())
            std::fprintf(stderr, "gatewright: %s\n", qPrintable(line));
        return kExitBadInput;
    }
    LoadedProject project = std::get<LoadedProject>(std::move(loaded));
    for (const ProjectError &warning : project.warnings)
        std::fprintf(stderr, "gatewright: %s\n", qPrintable(warning.toString()));
    // Served as they are: the methods they name answer 500 and say why in their trace.
    for (const ProjectError &problem : locatedDeploymentProblems(project))
        std::fprintf(stderr, "gatewright: %s (this method answers 500)\n", qPrintable(problem.toString()));

    GatewayOptions options;
    if (!options.host.setAddress(parser.value(hostOption))) {
        std::fprintf(stderr, "gatewright serve: --host needs an IP address, got '%s'\n", qPrintable(parser.value(hostOption)));
        return kExitBadInput;
    }
    if (parser.isSet(portOption)) {
        bool ok = false;
        options.basePort = parser.value(portOption).toInt(&ok);
        if (!ok || options.basePort < 0 || options.basePort > 65535) {
            std::fprintf(stderr, "gatewright serve: --port needs a number 0..65535\n");
            return kExitBadInput;
        }
    }

    const QString logTarget = parser.value(logOption);
    qint64 maxLogBytes = 0;
    if (parser.isSet(rotateOption)) {
        bool ok = false;
        const double mb = parser.value(rotateOption).toDouble(&ok);
        if (!ok || mb <= 0 || logTarget == QLatin1String("-")) {
            std::fprintf(stderr, "gatewright serve: --access-log-max-mb needs a size in MB above 0, and --access-log FILE\n");
            return kExitBadInput;
        }
        maxLogBytes = qint64(mb * 1024 * 1024);
    }
    std::unique_ptr<RotatingLogFile> logFile;
    if (logTarget != QLatin1String("-")) {
        logFile = std::make_unique<RotatingLogFile>(logTarget, maxLogBytes);
        QString openError;
        if (!logFile->open(&openError)) {
            std::fprintf(stderr, "gatewright serve: %s\n", qPrintable(openError));
            return kExitBadInput;
        }
    }

    int metricsPort = -1;
    if (parser.isSet(metricsOption)) {
        bool ok = false;
        metricsPort = parser.value(metricsOption).toInt(&ok);
        if (!ok || metricsPort < 0 || metricsPort > 65535) {
            std::fprintf(stderr, "gatewright serve: --metrics-port needs a number 0..65535\n");
            return kExitBadInput;
        }
    }

    // HAR keeps what each request carried: bodies up to 1 MiB each (larger ones are cut, and say so).
    const bool keepHar = parser.isSet(harOption);
    if (keepHar)
        options.captureBodyLimit = 1 << 20;
    // Execution logging is off unless asked for, as a stage's is on the service (loggingLevel OFF):
    // the notes cost 15% of a REST MOCK method's throughput and nothing else in serve reads them.
    if (parser.isSet(noTraceOption) && parser.isSet(executionLogOption)) {
        std::fprintf(stderr, "gatewright serve: --no-trace and --execution-log exclude each other\n");
        return kExitBadInput;
    }
    options.executionNotes = parser.isSet(executionLogOption);
    std::unique_ptr<RotatingLogFile> executionLogFile;
    const bool executionLogToStderr = parser.value(executionLogOption) == QLatin1String("-");
    if (options.executionNotes && !executionLogToStderr) {
        executionLogFile = std::make_unique<RotatingLogFile>(parser.value(executionLogOption), maxLogBytes);
        QString openError;
        if (!executionLogFile->open(&openError)) {
            std::fprintf(stderr, "gatewright serve: --execution-log: %s\n", qPrintable(openError));
            return kExitBadInput;
        }
    }

    Gateway gateway(options);
    QString error;
    if (!gateway.start(project.project, project.baseDir, &error)) {
        std::fprintf(stderr, "gatewright serve: %s\n", qPrintable(error));
        return kExitFailure;
    }
    auto currentProject = std::make_shared<Project>(project.project);
    // Formats parsed once per API and stage; cleared when the project reloads.
    QHash<std::pair<QByteArray, QByteArray>, std::shared_ptr<const AccessLogFormat>> formats;
    LatencyStats stats;
    const bool keepStats = parser.isSet(statsOption);
    PrometheusMetrics metrics;
    HarLog har(QCoreApplication::applicationVersion());
    QHash<QByteArray, QByteArray> apiNames; // apiId -> name, the metrics' api label
    const auto nameApis = [&apiNames](const Project &p) {
        apiNames.clear();
        for (const Api &api : p.apis)
            apiNames.insert(QByteArray::fromStdString(api.apiId), QByteArray::fromStdString(api.name));
    };
    nameApis(project.project);
    std::unique_ptr<MetricsEndpoint> metricsEndpoint;
    if (metricsPort >= 0) {
        metricsEndpoint = std::make_unique<MetricsEndpoint>([&metrics] { return metrics.render(); });
        if (!metricsEndpoint->listen(options.host, quint16(metricsPort), &error)) {
            std::fprintf(stderr, "gatewright serve: --metrics-port %d: %s\n", metricsPort, qPrintable(error));
            return kExitFailure;
        }
    }
    QObject::connect(&gateway, &Gateway::accessLogBatch, [&, currentProject](const QVector<AccessLogEntry> &batch) {
        QByteArray out;
        QByteArray executionLog;
        for (const AccessLogEntry &entry : batch) {
            const std::pair key(entry.apiId, entry.stage);
            auto format = formats.value(key);
            if (!format) {
                format = std::make_shared<const AccessLogFormat>(accessLogFormatFor(*currentProject, entry));
                formats.insert(key, format);
            }
            format->appendTo(out, entry);
            out += '\n';
            if (keepStats)
                stats.add(entry);
            if (metricsEndpoint)
                metrics.add(entry, apiNames.value(entry.apiId, entry.apiId));
            if (keepHar)
                har.add(entry);
            if (options.executionNotes)
                appendExecutionLogLines(executionLog, entry);
        }
        if (!executionLog.isEmpty()) {
            if (executionLogFile)
                executionLogFile->write(executionLog);
            else
                std::fwrite(executionLog.constData(), 1, size_t(executionLog.size()), stderr);
            executionLog.clear();
        }
        if (logFile) {
            logFile->write(out);
        } else {
            std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
            std::fflush(stdout);
        }
    });

    // What functions print goes to stderr, one line each after the function's name, as `sam local`
    // shows it (the Lambda service keeps it in the function's own log group, not the API's).
    QObject::connect(&gateway, &Gateway::functionOutputBatch, &gateway, [](const QVector<FunctionOutputLine> &lines) {
        QByteArray text;
        for (const FunctionOutputLine &line : lines)
            text += '[' + line.functionName.toUtf8() + "] " + line.text.toUtf8() + '\n';
        std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
    });

    // Auto-deploy: edits to the project file go live without a restart, like a stage with autoDeploy.
    QFileSystemWatcher watcher({project.filePath});
    QObject::connect(&watcher, &QFileSystemWatcher::fileChanged, [&, currentProject](const QString &path) {
        if (!watcher.files().contains(path) && QFileInfo::exists(path))
            watcher.addPath(path); // editors replace files by renaming
        LoadResult reloaded = loadProjectFile(path);
        if (auto *loadError = std::get_if<ProjectError>(&reloaded)) {
            std::fprintf(stderr, "gatewright: not reloaded, %s\n", qPrintable(loadError->toString()));
            return;
        }
        auto &next = std::get<LoadedProject>(reloaded);
        QString updateError;
        if (!gateway.update(next.project, next.baseDir, &updateError)) {
            std::fprintf(stderr, "gatewright: not reloaded, %s\n", qPrintable(updateError));
            return;
        }
        *currentProject = next.project;
        nameApis(next.project);
        formats.clear();
        std::fprintf(stderr, "gatewright: reloaded %s\n", qPrintable(path));
    });

    // Before the ready line: a client may send SIGTERM as soon as it has read it, and the default
    // action would end serve without its logs and files.
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, [](int) { QCoreApplication::quit(); });

    nlohmann::json endpoints = nlohmann::json::array();
    for (const Endpoint &endpoint : gateway.endpoints()) {
        nlohmann::json line{{"api", endpoint.apiName.toStdString()},
                            {"type", endpoint.type.toStdString()},
                            {"stage", endpoint.stage.toStdString()},
                            {"url", endpoint.url.toStdString()}};
        // A REST stage says what it serves: a deployment, or the design as it is (edits live).
        if (endpoint.type == QLatin1String("REST")) {
            line["deployment"] = endpoint.deployment.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(endpoint.deployment.toStdString());
            line["servesDesign"] = endpoint.deployment.isEmpty();
            if (!endpoint.canaryDeployment.isEmpty())
                line["canary"] = {{"deployment", endpoint.canaryDeployment.toStdString()}, {"percentTraffic", endpoint.canaryPercent}};
        }
        // A WebSocket port answers wss:// too, with a certificate of the local CA (its file: caFile).
        if (endpoint.type == QLatin1String("WEBSOCKET") && localCertificate().ok()) {
            line["tlsUrl"] = QString(endpoint.url).replace(0, 2, QStringLiteral("wss")).toStdString();
            line["caFile"] = localCertificate().caFile.toStdString();
        }
        endpoints.push_back(std::move(line));
    }
    nlohmann::json readyLine{{"event", "ready"}, {"endpoints", endpoints}};
    if (metricsEndpoint) {
        QString host = options.host.toString();
        if (options.host.protocol() == QAbstractSocket::IPv6Protocol)
            host = QLatin1Char('[') + host + QLatin1Char(']');
        readyLine["metricsUrl"] = QStringLiteral("http://%1:%2/metrics").arg(host).arg(metricsEndpoint->port()).toStdString();
    }
    const std::string ready = readyLine.dump() + "\n";
    std::fwrite(ready.data(), 1, ready.size(), stdout);
    std::fflush(stdout);

    QCoreApplication::exec();
    gateway.stop();
    logFile.reset();
    executionLogFile.reset();
    if (keepStats && !writeStats(parser.value(statsOption), stats))
        return kExitFailure;
    if (keepHar) {
        const QString failed = writeFileAtomically(parser.value(harOption), har.document());
        if (!failed.isEmpty()) {
            std::fprintf(stderr, "gatewright serve: --har: %s\n", qPrintable(failed));
            return kExitFailure;
        }
    }
    return kExitOk;
}

int runValidateCommand(const QStringList &arguments)
{
    if (arguments.size() != 3) {
        std::fprintf(stderr, "usage: gatewright validate PROJECT\n");
        return kExitBadInput;
    }
    LoadResult loaded = loadProjectFile(arguments.at(2));
    if (auto *error = std::get_if<ProjectError>(&loaded)) {
        // Every problem, each where it is: an editor can jump to file:line:column.
        for (const QString &line : error->allProblems())
            std::fprintf(stderr, "gatewright: %s\n", qPrintable(line));
        return kExitBadInput;
    }
    for (const ProjectError &warning : std::get<LoadedProject>(loaded).warnings)
        std::fprintf(stderr, "gatewright: %s\n", qPrintable(warning.toString()));
    // What only compiling finds (a mapping template that does not parse): invalid too.
    const ProjectProblems deployment = locatedDeploymentProblems(std::get<LoadedProject>(loaded));
    for (const ProjectError &problem : deployment)
        std::fprintf(stderr, "gatewright: %s\n", qPrintable(problem.toString()));
    if (!deployment.empty())
        return kExitBadInput;
    const Project &project = std::get<LoadedProject>(loaded).project;
    size_t routes = 0;
    for (const Api &api : project.apis)
        routes += api.routes().size() + (api.rest() ? api.rest()->resources.size() : 0);
    std::printf("%s: valid (%zu APIs, %zu routes/resources, %zu functions)\n", qPrintable(arguments.at(2)),
                project.apis.size(), routes, project.functions.size());
    return kExitOk;
}

QString usageText()
{
    return QStringLiteral(
        "Usage:\n"
        "  gatewright [PROJECT]                 open the designer (the sample project when none is given)\n"
        "  gatewright serve PROJECT [--host H] [--port P] [--access-log FILE|-] [--stats FILE] [--metrics-port P] [--har FILE]\n"
        "                       [--access-log-max-mb N] [--execution-log FILE|-]\n"
        "                                       serve the project's APIs headless; prints one JSON 'ready' line,\n"
        "                                       then one access-log line per request; --stats writes latency\n"
        "                                       percentiles (microseconds) to FILE on exit; --metrics-port serves\n"
        "                                       Prometheus metrics at /metrics (its URL: metricsUrl in the ready line);\n"
        "                                       --har FILE writes every request and response as HAR 1.2 on exit;\n"
        "                                       --access-log-max-mb N rotates the access-log file past N MB;\n"
        "                                       --execution-log writes each request's execution log\n"
        "  gatewright validate PROJECT          check a project file (exit 0 valid, 2 invalid)\n"
        "  gatewright invoke PROJECT --api NAME [--stage S] [--method M] --path '/p?q=1'\n"
        "                    [-H 'Name: value']... [--data TEXT|@FILE]\n"
        "                                       run one request through the API's pipeline without a\n"
        "                                       socket; prints {status, headers, body, latency, trace, log}\n"
        "  gatewright deploy PROJECT --api NAME --stage S [--description D] [--canary-percent P]\n"
        "                                       snapshot a REST API's design into a deployment the stage\n"
        "                                       (or its canary) serves; refused while the design has errors\n"
        "  gatewright --version | --help\n");
}

} // namespace gw
