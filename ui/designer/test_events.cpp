#include "test_events.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QUuid>

#include <nlohmann/json.hpp>

namespace gw::ui {

using nlohmann::json;

QByteArray testEvent(TestEventKind kind, const QString &method, const QString &pathAndQuery, const QByteArray &body)
{
    if (kind == TestEventKind::Empty)
        return "{}\n";
    const int q = pathAndQuery.indexOf(QLatin1Char('?'));
    const QString path = q < 0 ? pathAndQuery : pathAndQuery.left(q);
    const QString query = q < 0 ? QString() : pathAndQuery.mid(q + 1);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const std::string requestId = QUuid::createUuid().toString(QUuid::WithoutBraces).left(16).toStdString();
    json headers = {{"accept", "*/*"}, {"host", "127.0.0.1"}, {"user-agent", "Gatewright test event"}};
    if (!body.isEmpty())
        headers["content-type"] = "application/json";
    json queryParams = json::object();
    json multiQuery = json::object();
    for (const auto &[name, value] : QUrlQuery(query).queryItems(QUrl::FullyDecoded)) {
        const std::string n = name.toStdString(), v = value.toStdString();
        queryParams[n] = queryParams.contains(n) ? queryParams[n].get<std::string>() + "," + v : v;
        multiQuery[n].push_back(v);
    }
    json event;
    if (kind == TestEventKind::HttpApiV2) {
        // The shape of HTTP API payload format 2.0 (http-api-develop-integrations-lambda).
        event = {{"version", "2.0"},
                 {"routeKey", (method + QLatin1Char(' ') + path).toStdString()},
                 {"rawPath", path.toStdString()},
                 {"rawQueryString", query.toStdString()},
                 {"headers", headers},
                 {"requestContext",
                  {{"accountId", "123456789012"},
                   {"apiId", "testapi000"},
                   {"domainName", "127.0.0.1"},
                   {"domainPrefix", "127"},
                   {"http", {{"method", method.toStdString()}, {"path", path.toStdString()}, {"protocol", "HTTP/1.1"},
                             {"sourceIp", "127.0.0.1"}, {"userAgent", "Gatewright test event"}}},
                   {"requestId", requestId},
                   {"routeKey", (method + QLatin1Char(' ') + path).toStdString()},
                   {"stage", "$default"},
                   {"time", now.toString(QStringLiteral("dd/MMM/yyyy:HH:mm:ss +0000")).toStdString()},
                   {"timeEpoch", now.toMSecsSinceEpoch()}}},
                 {"isBase64Encoded", false}};
        if (!queryParams.empty())
            event["queryStringParameters"] = queryParams;
        if (!body.isEmpty())
            event["body"] = body.toStdString();
    } else {
        json multiHeaders = json::object();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            multiHeaders[it.key()] = json::array({*it});
        event = {{"version", "1.0"},
                 {"resource", path.toStdString()},
                 {"path", path.toStdString()},
                 {"httpMethod", method.toStdString()},
                 {"headers", headers},
                 {"multiValueHeaders", multiHeaders},
                 {"queryStringParameters", queryParams.empty() ? json() : queryParams},
                 {"multiValueQueryStringParameters", multiQuery.empty() ? json() : multiQuery},
                 {"pathParameters", nullptr},
                 {"stageVariables", nullptr},
                 {"requestContext",
                  {{"accountId", "123456789012"}, {"apiId", "testapi000"}, {"httpMethod", method.toStdString()},
                   {"path", path.toStdString()}, {"protocol", "HTTP/1.1"}, {"requestId", requestId},
                   {"requestTimeEpoch", now.toMSecsSinceEpoch()}, {"resourcePath", path.toStdString()},
                   {"stage", "$default"}, {"identity", {{"sourceIp", "127.0.0.1"}, {"userAgent", "Gatewright test event"}}}}},
                 {"body", body.isEmpty() ? json() : json(body.toStdString())},
                 {"isBase64Encoded", false}};
    }
    return QByteArray::fromStdString(event.dump(2)) + '\n';
}

QStringList handlersIn(const QString &codeDir, const QString &runtime)
{
    QStringList found;
    const bool python = runtime == QLatin1String("python3");
    const QStringList patterns = python ? QStringList{QStringLiteral("*.py")}
                                        : QStringList{QStringLiteral("*.js"), QStringLiteral("*.mjs"), QStringLiteral("*.cjs")};
    static const QRegularExpression pythonDef(QStringLiteral("^(?:async\\s+)?def\\s+([A-Za-z_]\\w*)\\s*\\(\\s*\\w+\\s*,\\s*\\w+\\s*\\)"),
                                              QRegularExpression::MultilineOption);
    static const QRegularExpression nodeExport(
        QStringLiteral("(?:^|\\n)\\s*(?:module\\.)?exports\\.([A-Za-z_$][\\w$]*)\\s*=|"
                       "(?:^|\\n)\\s*export\\s+(?:async\\s+)?(?:function\\s+|const\\s+)([A-Za-z_$][\\w$]*)"));
    QDirIterator it(codeDir, patterns, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString relative = QDir(codeDir).relativeFilePath(file);
        if (relative.contains(QLatin1String("node_modules")) || relative.startsWith(QLatin1Char('.')))
            continue;
        QFile source(file);
        if (!source.open(QIODevice::ReadOnly) || source.size() > 1 << 20)
            continue;
        const QString text = QString::fromUtf8(source.readAll());
        QString module = relative.left(relative.lastIndexOf(QLatin1Char('.')));
        if (python)
            module.replace(QLatin1Char('/'), QLatin1Char('.'));
        auto matches = (python ? pythonDef : nodeExport).globalMatch(text);
        while (matches.hasNext()) {
            const auto match = matches.next();
            const QString name = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
            found << module + QLatin1Char('.') + name;
        }
    }
    found.removeDuplicates();
    found.sort();
    return found;
}

} // namespace gw::ui
