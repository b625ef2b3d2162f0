// $context access-log formatting (variables: ../shared/conformance/vtl/documented-variables.json).
#include "observability/access_log_formatter.h"

#include <QFile>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace gw;

// QTest cannot compare nlohmann::json directly (it probes qfloat16 conversions): compare the dumps.
#define QCOMPARE_JSON(actual, expected) QCOMPARE(QString::fromStdString(nlohmann::json(actual).dump()), QString::fromStdString(nlohmann::json(expected).dump()))

class TestAccessLog : public QObject {
    Q_OBJECT
private slots:
    void defaultFormatIsJson();
    void clfFormat();
    void documentedHttpApiVariablesAreKnown();
    void valuesAreEscaped();
};

namespace {
AccessLogEntry sampleEntry()
{
    AccessLogEntry e;
    e.requestId = "JCJJxhz4PHcEJgQ=";
    e.sourceIp = "127.0.0.1";
    e.requestTimeEpochMs = 1744668836573;
    e.httpMethod = "GET";
    e.routeKey = "GET /orders";
    e.status = 200;
    e.protocol = "HTTP/1.1";
    e.responseLength = 913;
    e.integrationLatencyMs = 4.4;
    e.responseLatencyMs = 5.2;
    e.integrationStatus = 200;
    return e;
}
} // namespace

void TestAccessLog::defaultFormatIsJson()
{
    const QByteArray line = formatAccessLog(sampleEntry(), defaultAccessLogFormat());
    const auto json = nlohmann::json::parse(line.constData(), nullptr, false);
    QVERIFY2(!json.is_discarded(), line.constData());
    QCOMPARE_JSON(json["requestId"], nlohmann::json("JCJJxhz4PHcEJgQ="));
    QCOMPARE_JSON(json["requestTime"], nlohmann::json("14/Apr/2025:22:13:56 +0000"));
    QCOMPARE_JSON(json["routeKey"], nlohmann::json("GET /orders"));
    QCOMPARE_JSON(json["status"], nlohmann::json("200"));
    QCOMPARE_JSON(json["integrationLatency"], nlohmann::json("4"));
    QCOMPARE_JSON(json["responseLatency"], nlohmann::json("5"));
    QCOMPARE_JSON(json["integrationErrorMessage"], nlohmann::json("-"));
}

void TestAccessLog::clfFormat()
{
    // The console's CLF example for HTTP APIs.
    const QString clf = QStringLiteral(
        "$context.identity.sourceIp - - [$context.requestTime] \"$context.httpMethod $context.routeKey $context.protocol\" "
        "$context.status $context.responseLength $context.requestId.");
    QCOMPARE(formatAccessLog(sampleEntry(), clf),
             QByteArray("127.0.0.1 - - [14/Apr/2025:22:13:56 +0000] \\\"GET GET /orders HTTP/1.1\\\" 200 913 JCJJxhz4PHcEJgQ=.")
                 .replace("\\\"", "\""));
}

void TestAccessLog::documentedHttpApiVariablesAreKnown()
{
    QFile file(QStringLiteral(GW_CONFORMANCE_DIR "/vtl/documented-variables.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto doc = nlohmann::json::parse(file.readAll().toStdString());
    QVERIFY(doc.contains("http_api_access_logging"));
    // The variables this version measures; the rest (authorizer, clientCert, ...) come with their features.
    const QStringList measured{"requestId", "extendedRequestId", "apiId", "stage", "routeKey", "httpMethod", "path", "protocol",
                               "identity.sourceIp", "identity.userAgent", "domainName", "domainPrefix", "requestTime",
                               "requestTimeEpoch", "status", "responseLength", "dataProcessed", "responseLatency",
                               "integrationLatency", "integrationStatus", "integrationErrorMessage", "integration.status",
                               "integration.latency", "integration.error", "integration.requestId", "error.message",
                               "error.messageString", "error.responseType", "accountId"};
    QStringList documented;
    for (const auto &entry : doc["http_api_access_logging"]) {
        std::string name = entry.is_string() ? entry.get<std::string>() : entry.value("name", std::string());
        if (name.rfind("$context.", 0) == 0)
            name = name.substr(9);
        documented << QString::fromStdString(name);
    }
    for (const QString &name : measured) {
        QVERIFY2(documented.contains(name), qPrintable(name + QStringLiteral(" is not a documented HTTP API variable")));
        QVERIFY2(contextVariable(sampleEntry(), name).has_value(), qPrintable(name));
    }
}

void TestAccessLog::valuesAreEscaped()
{
    AccessLogEntry e = sampleEntry();
    e.integrationErrorMessage = QStringLiteral("bad \"quote\"\nnewline");
    const QByteArray line = formatAccessLog(e, defaultAccessLogFormat());
    const auto json = nlohmann::json::parse(line.constData(), nullptr, false);
    QVERIFY2(!json.is_discarded(), line.constData());
    QCOMPARE_JSON(json["integrationErrorMessage"], nlohmann::json("bad \"quote\"\nnewline"));
}

QTEST_GUILESS_MAIN(TestAccessLog)
#include "tst_access_log.moc"
