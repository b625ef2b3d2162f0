#include "cli_commands.h"
#include "cli_support.h"

#include "gateway/local_invoker.h"
#include "model/project_loader.h"
#include "observability/execution_log_text.h"
#include "observability/execution_trace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QStringDecoder>

#include <nlohmann/json.hpp>
#include <cstdio>

namespace gw {

namespace {

using nlohmann::json;

std::string text(const QByteArray &bytes)
{
    return bytes.toStdString();
}

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

const char *kindName(TraceSpan::Kind kind)
{
    switch (kind) {
    case TraceSpan::Kind::Gateway: return "gateway";
    case TraceSpan::Kind::Integration: return "integration";
    case TraceSpan::Kind::Response: return "response";
    }
    return "gateway";
}

json linesOf(const QString &text)
{
    json lines = json::array();
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        lines.push_back(line.toStdString());
    return lines;
}

json resultJson(const LocalResult &result)
{
    json headers = json::object();
    json multi = json::object();
    for (const HttpHeader &h : result.response.headers) {
        headers[text(h.name)] = text(h.value); // the last value, as a single-value map keeps it
        multi[text(h.name)].push_back(text(h.value));
    }
    const QByteArray &body = result.response.body;
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString decoded = utf8.decode(body);
    const bool binary = utf8.hasError();
    const AccessLogEntry &log = result.log;
    json trace = json::array();
    if (log.trace)
        for (const TraceSpan &span : log.trace->spans)
            trace.push_back({{"name", span.name},
                             {"kind", kindName(span.kind)},
                             {"startMs", ms(span.startNs)},
                             {"durationMs", ms(std::max<qint64>(0, span.durationNs))},
                             {"result", span.result},
                             {"log", linesOf(QString::fromUtf8(span.log) + span.output)}});
    json out{{"status", result.response.status},
             {"headers", headers},
             {"multiValueHeaders", multi},
             {"body", binary ? text(body.toBase64()) : decoded.toStdString()},
             {"latency",
              {{"responseMs", log.responseLatencyMs},
               {"integrationMs", log.integrationLatencyMs >= 0 ? json(log.integrationLatencyMs) : json(nullptr)},
               {"gatewayMs", log.overheadMs()}}},
             {"trace", trace},
             // TestInvokeMethod's log text; what the function printed is in functionLog (and its span).
             {"log", executionLogText(log).toStdString()},
             {"functionLog", linesOf(log.executionLog)},
             {"requestId", text(log.requestId)},
             {"outcome", outcomeName(log.outcome)}};
    if (binary)
        out["isBase64Encoded"] = true;
    return out;
}

int badInput(const QString &why)
{
    std::fprintf(stderr, "gatewright invoke: %s\n", qPrintable(why));
    return kExitBadInput;
}

} // namespace

int runInvokeCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareProjectCommand(parser, QStringLiteral("invoke"), QStringLiteral("Run one request through an API's pipeline, without a socket."));
    const QCommandLineOption apiOption(QStringLiteral("api"), QStringLiteral("the API's name (or id)"), QStringLiteral("NAME"));
    const QCommandLineOption stageOption(QStringLiteral("stage"), QStringLiteral("the stage (default: $default)"), QStringLiteral("S"));
    const QCommandLineOption methodOption(QStringLiteral("method"), QStringLiteral("the HTTP method (default GET)"),
                                          QStringLiteral("M"), QStringLiteral("GET"));
    const QCommandLineOption pathOption(QStringLiteral("path"), QStringLiteral("path and query, e.g. '/orders?status=NEW'"),
                                        QStringLiteral("PATH"));
    const QCommandLineOption headerOption(QStringList{QStringLiteral("H"), QStringLiteral("header")},
                                          QStringLiteral("a request header 'Name: value' (repeatable)"), QStringLiteral("HEADER"));
    const QCommandLineOption dataOption(QStringLiteral("data"), QStringLiteral("the body: TEXT, or @FILE for a file's bytes"),
                                        QStringLiteral("TEXT|@FILE"));
    parser.addOptions({apiOption, stageOption, methodOption, pathOption, headerOption, dataOption});
    const std::variant<QString, int> parsed = parseProjectCommand(parser, arguments, QStringLiteral("invoke"));
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const QString projectPath = std::get<QString>(parsed);
    if (!parser.isSet(apiOption))
        return badInput(QStringLiteral("--api NAME is required"));
    if (!parser.isSet(pathOption))
        return badInput(QStringLiteral("--path PATH is required"));

    LocalRequest request;
    request.api = parser.value(apiOption);
    request.stage = parser.value(stageOption);
    request.method = parser.value(methodOption).toUpper().toLatin1();
    request.target = parser.value(pathOption).toUtf8();
    for (const QString &header : parser.values(headerOption)) {
        const qsizetype colon = header.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return badInput(QStringLiteral("header '%1' is not 'Name: value'").arg(header));
        request.headers.push_back({header.left(colon).trimmed().toUtf8(), header.mid(colon + 1).trimmed().toUtf8()});
    }
    if (parser.isSet(dataOption)) {
        const QString data = parser.value(dataOption);
        if (data.startsWith(QLatin1Char('@'))) {
            QFile file(data.mid(1));
            if (!file.open(QIODevice::ReadOnly))
                return badInput(QStringLiteral("cannot read %1: %2").arg(data.mid(1), file.errorString()));
            request.body = file.readAll();
        } else {
            request.body = data.toUtf8();
        }
    }

    LoadResult loaded = loadProjectFile(projectPath);
    if (auto *error = std::get_if<ProjectError>(&loaded)) {
        std::fprintf(stderr, "gatewright: %s\n", qPrintable(error->toString()));
        return kExitBadInput;
    }
    const LoadedProject &project = std::get<LoadedProject>(loaded);
    LocalInvoker invoker(project.project, project.baseDir);
    QString error;
    int exitCode = kExitOk;
    if (!invoker.invoke(request,
                        [&](LocalResult result) {
                            const std::string out = resultJson(result).dump() + "\n";
                            std::fwrite(out.data(), 1, out.size(), stdout);
                            std::fflush(stdout);
                            QCoreApplication::quit();
                        },
                        &error))
        return badInput(error);
    QCoreApplication::exec();
    return exitCode;
}

} // namespace gw
