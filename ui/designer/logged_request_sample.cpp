#include "logged_request_sample.h"

#include "common/percent_encoding.h"
#include "common/query_string.h"
#include "observability/exchange_capture.h"

#include <QDateTime>

namespace gw::ui {

namespace {
// "GET /dev/pets/5?q=1 HTTP/1.1" -> "/dev/pets/5?q=1"
QByteArray targetOf(const QByteArray &startLine)
{
    const qsizetype from = startLine.indexOf(' ');
    const qsizetype to = startLine.lastIndexOf(' ');
    return from < 0 || to <= from ? QByteArray() : startLine.mid(from + 1, to - from - 1);
}

// The resource's {name} and {name+} parts read off the path after the stage.
Json pathParameters(const QByteArray &pathAfterStage, const std::string &resourcePath)
{
    Json out = Json::object();
    const QList<QByteArray> have = pathAfterStage.split('/');
    const QList<QByteArray> want = QByteArray::fromStdString(resourcePath).split('/');
    for (qsizetype i = 0; i < want.size() && i < have.size(); ++i) {
        const QByteArray &part = want[i];
        if (!part.startsWith('{') || !part.endsWith('}'))
            continue;
        const bool greedy = part.endsWith("+}");
        const std::string name = part.mid(1, part.size() - (greedy ? 3 : 2)).toStdString();
        out[name] = greedy ? percentDecode(have.mid(i).join('/')) : percentDecode(have[i]);
        if (greedy)
            break;
    }
    return out;
}
} // namespace

QString loggedRequestSample(const AccessLogEntry &entry, const std::string &resourcePath, bool forResponse,
                            const StringMap &stageVariables)
{
    const ExchangeCapture *capture = entry.capture.get();
    const QByteArray target = capture ? targetOf(capture->request.startLine) : entry.path;
    const qsizetype question = target.indexOf('?');
    QByteArray path = question < 0 ? target : target.left(question);
    // REST paths carry the stage first: /dev/pets/5.
    const QByteArray stagePrefix = '/' + entry.stage;
    if (path.startsWith(stagePrefix + '/') || path == stagePrefix)
        path = path.mid(stagePrefix.size());
    Json sample = Json::object();
    QByteArray body;
    if (capture)
        body = forResponse ? capture->integrationResponse.body : capture->request.body;
    sample["body"] = body.toStdString();
    sample["path"] = pathParameters(path, resourcePath);
    Json query = Json::object();
    if (question >= 0)
        for (const auto &[name, values] : parseQueryString(target.mid(question + 1)))
            query[name] = values.back(); // $input.params() holds the last, as the service keeps it
    sample["querystring"] = query;
    Json headers = Json::object();
    if (capture)
        for (const HttpHeader &header : capture->request.headers)
            headers[header.name.toStdString()] = header.value.toStdString();
    sample["headers"] = headers;
    Json variables = Json::object();
    for (const auto &[name, value] : stageVariables)
        variables[name] = value;
    sample["stageVariables"] = variables;
    sample["context"] = {{"stage", entry.stage.toStdString()},
                         {"resourcePath", resourcePath},
                         {"httpMethod", entry.httpMethod.toStdString()},
                         {"requestId", entry.requestId.toStdString()},
                         {"extendedRequestId", entry.extendedRequestId.toStdString()},
                         {"apiId", entry.apiId.toStdString()},
                         {"accountId", entry.accountId.toStdString()},
                         {"path", path.isEmpty() ? std::string() : (stagePrefix + path).toStdString()},
                         {"sourceIp", entry.sourceIp.toStdString()},
                         {"userAgent", entry.userAgent.toStdString()},
                         {"requestTimeEpoch", entry.requestTimeEpochMs}};
    return QString::fromStdString(sample.dump(2));
}

QString loggedRequestLabel(const AccessLogEntry &entry)
{
    const QByteArray target = entry.capture ? targetOf(entry.capture->request.startLine) : entry.path;
    return QStringLiteral("%1  %2 %3  %4")
        .arg(QDateTime::fromMSecsSinceEpoch(entry.requestTimeEpochMs).toString(QStringLiteral("HH:mm:ss")),
             QString::fromLatin1(entry.httpMethod), QString::fromUtf8(target))
        .arg(entry.status);
}

} // namespace gw::ui
