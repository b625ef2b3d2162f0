// $context access-log formatting (variables: ../shared/conformance/vtl/documented-variables.json).
#include "observability/access_log_formatter.h"
#include "common/http_dates.h"
#include "observability/latency_stats.h"
#include "observability/prometheus_metrics.h"
#include "observability/har_log.h"

#include <QLocale>
#include <clocale>

#include <QFile>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace gw;

// QTest cannot compare nlohmann::json directly (it probes qfloat16 conversions): compare the dumps.
#define QCOMPARE_JSON(actual, expected) QCOMPARE(QString::fromStdString(nlohmann::json(actual).dump()), QString::fromStdString(nlohmann::json(expected).dump()))

class TestAccessLog : public QObject {
    Q_OBJECT
private slots:
    void harKeepsBinaryBodiesAsBase64AndSkipsUncaptured();
    void prometheusLabelsAreEscapedAndBucketsCumulative();
    void defaultFormatIsJson();
    void clfFormat();
    void documentedHttpApiVariablesAreKnown();
    void valuesAreEscaped();
    void datesDoNotFollowTheLocale();
    void everyDocumentedVariableRenders();
    void errorMessageStringIsAJsonString_data();
    void errorMessageStringIsAJsonString();
    void oneFormatRendersManyEntries();
    void latencyStatsGiveOverheadPerRoute();
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
    e.accountId = "123456789012";
    e.apiId = "abcdefghij";
    e.stage = "$default";
    e.path = "/orders";
    e.domainName = "abcdefghij.execute-api.us-east-1.amazonaws.com";
    e.domainPrefix = "abcdefghij";
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

void TestAccessLog::everyDocumentedVariableRenders()
{
    // http-api-logging-variables.html: each documented variable prints its value, or "-" where
    // it has none (an authorizer's values on a route without one); never its own name.
    QFile file(QStringLiteral(GW_CONFORMANCE_DIR "/vtl/documented-variables.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto doc = nlohmann::json::parse(file.readAll().toStdString());
    QString format = QStringLiteral("{");
    QStringList keys;
    for (const auto &entry : doc["http_api_access_logging"]) {
        QString name = QString::fromStdString(entry.get<std::string>());
        name.replace(QLatin1String(".property"), QLatin1String(".sub")); // a placeholder in the docs
        if (name == QLatin1String("$context.error.messageString"))
            continue; // a JSON string of its own: the next test
        keys << name.mid(9); // the key without "$context.", which would be replaced too
        format += QStringLiteral("%1\"%2\":\"%3\"").arg(keys.size() > 1 ? QStringLiteral(",") : QString(), keys.back(), name);
    }
    format += QLatin1Char('}');
    const QByteArray line = formatAccessLog(sampleEntry(), format);
    QVERIFY2(!line.contains("\"$context."), line.constData());
    const auto json = nlohmann::json::parse(line.constData(), nullptr, false);
    QVERIFY2(!json.is_discarded(), line.constData());
    QCOMPARE(int(json.size()), keys.size());
    for (const QString &key : keys) {
        const std::string value = json[key.toStdString()].get<std::string>();
        QVERIFY2(!value.empty() && value.find("$context") == std::string::npos, qPrintable(key + " = " + QString::fromStdString(value)));
    }
    QCOMPARE_JSON(json["authorizer.error"], nlohmann::json("-"));
    QCOMPARE_JSON(json["identity.clientCert.subjectDN"], nlohmann::json("-"));
    QCOMPARE_JSON(json["status"], nlohmann::json("200"));
    // Not documented at all: "-" too.
    QCOMPARE(formatAccessLog(sampleEntry(), QStringLiteral("[$context.noSuchThing]")), QByteArray("[-]"));
}

void TestAccessLog::errorMessageStringIsAJsonString_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");
    // http-api-logging-variables.html: "The quoted value of $context.error.message".
    QTest::newRow("logging-variables: a message") << QStringLiteral("Not Found") << QStringLiteral("Not Found");
    QTest::newRow("logging-variables: quotes inside") << QStringLiteral("say \"hi\"") << QStringLiteral("say \"hi\"");
    QTest::newRow("logging-variables: no error") << QString() << QStringLiteral("-");
}

void TestAccessLog::errorMessageStringIsAJsonString()
{
    QFETCH(QString, message);
    QFETCH(QString, expected);
    AccessLogEntry e = sampleEntry();
    e.errorMessage = message;
    const QByteArray line = formatAccessLog(e, QStringLiteral(R"({"requestId":"$context.requestId","error":$context.error.messageString})"));
    const auto json = nlohmann::json::parse(line.constData(), nullptr, false);
    QVERIFY2(!json.is_discarded(), line.constData());
    QCOMPARE_JSON(json["error"], nlohmann::json(expected.toStdString()));
}

void TestAccessLog::datesDoNotFollowTheLocale()
{
    // RFC 9110 §5.6.7 (IMF-fixdate) and the CLF time of $context.requestTime use English names
    // whatever the process locale: under de_DE they must not read "Di, 01 Dez 2026".
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    std::setlocale(LC_ALL, "de_DE.UTF-8"); // may be missing on the machine; Qt's default is set either way
    const qint64 ms = 1796154450000; // Tue, 01 Dec 2026 19:47:30 GMT
    const QByteArray date = imfFixdate(ms);
    const QByteArray clf = clfTime(ms);
    const QByteArray line = formatAccessLog(sampleEntry(), QStringLiteral("$context.requestTime"));
    QLocale::setDefault(before);
    std::setlocale(LC_ALL, "C");
    QCOMPARE(date, QByteArray("Tue, 01 Dec 2026 19:47:30 GMT"));
    QCOMPARE(clf, QByteArray("01/Dec/2026:19:47:30 +0000"));
    QCOMPARE(line, QByteArray("14/Apr/2025:22:13:56 +0000"));
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

void TestAccessLog::oneFormatRendersManyEntries()
{
    // serve parses a stage's format once and renders every line with it: each line must carry its own
    // values, including the request time when the second changes between lines.
    const AccessLogFormat format(QStringLiteral("[$context.requestTime] $context.status $context.unknownThing "
                                                "$context.routeKey. \"$context.integrationErrorMessage\""));
    AccessLogEntry first = sampleEntry();
    AccessLogEntry second = sampleEntry();
    second.requestTimeEpochMs += 61'000;
    second.status = 404;
    second.routeKey.clear();
    second.integrationErrorMessage = QStringLiteral("say \"no\"");
    QByteArray out;
    format.appendTo(out, first);
    out += '\n';
    format.appendTo(out, second);
    format.appendTo(out, first);
    QCOMPARE(out, QByteArray("[14/Apr/2025:22:13:56 +0000] 200 - GET /orders. \"-\"\n"
                             "[14/Apr/2025:22:14:57 +0000] 404 - -. \"say \\\"no\\\"\""
                             "[14/Apr/2025:22:13:56 +0000] 200 - GET /orders. \"-\""));
    QCOMPARE(formatAccessLog(second, defaultAccessLogFormat()).count("404"), 1);
}

void TestAccessLog::latencyStatsGiveOverheadPerRoute()
{
    LatencyStats stats;
    for (int i = 1; i <= 100; ++i) {
        AccessLogEntry e = sampleEntry();
        e.integrationLatencyMs = 2.0;
        e.responseLatencyMs = 2.0 + i / 1000.0; // overhead 1..100 us
        stats.add(e);
    }
    AccessLogEntry notFound = sampleEntry();
    notFound.routeKey.clear();
    notFound.integrationLatencyMs = -1; // no integration: no overhead sample
    notFound.responseLatencyMs = 0.05;
    stats.add(notFound);

    const nlohmann::json summary = stats.summary();
    const nlohmann::json &orders = summary["routes"]["GET /orders"];
    QCOMPARE(orders["requests"].get<int>(), 100);
    QCOMPARE(orders["overheadUs"]["count"].get<int>(), 100);
    QCOMPARE(orders["overheadUs"]["p50"].get<double>(), 50.0);
    QCOMPARE(orders["overheadUs"]["p99"].get<double>(), 99.0);
    QCOMPARE(orders["overheadUs"]["max"].get<double>(), 100.0);
    QCOMPARE(orders["integrationLatencyUs"]["p50"].get<double>(), 2000.0);
    const nlohmann::json &unmatched = summary["routes"]["-"];
    QCOMPARE(unmatched["requests"].get<int>(), 1);
    QVERIFY(unmatched["overheadUs"].is_null());
    QCOMPARE(unmatched["responseLatencyUs"]["p50"].get<double>(), 50.0);
    QCOMPARE(summary["all"]["requests"].get<int>(), 101);
}

QTEST_GUILESS_MAIN(TestAccessLog)
void TestAccessLog::prometheusLabelsAreEscapedAndBucketsCumulative()
{
    // Label values escape \\, \" and line feeds (the exposition format's rule); buckets count every
    // sample at or under their bound; an answer without an integration adds no integration sample.
    PrometheusMetrics metrics;
    AccessLogEntry hostile;
    hostile.stage = "dev";
    hostile.routeKey = "GET /a\"b\\c\nd";
    hostile.status = 502;
    hostile.responseLatencyMs = 3;
    hostile.integrationLatencyMs = 2;
    metrics.add(hostile, "my\"api");
    AccessLogEntry slow = hostile;
    slow.status = 200;
    slow.responseLatencyMs = 40000; // above every bound: only +Inf
    slow.integrationLatencyMs = -1;
    metrics.add(slow, "my\"api");
    const QByteArray text = metrics.render();
    const QByteArray labels = R"(api="my\"api",stage="dev",route="GET /a\"b\\c\nd")";
    QVERIFY2(text.contains("gatewright_requests_total{" + labels + ",status=\"502\"} 1\n"), text.constData());
    QVERIFY(text.contains("gatewright_5xx_errors_total{" + labels + "} 1\n"));
    QVERIFY(text.contains("gatewright_latency_milliseconds_bucket{" + labels + ",le=\"2.5\"} 0\n"));
    QVERIFY(text.contains("gatewright_latency_milliseconds_bucket{" + labels + ",le=\"5\"} 1\n"));
    QVERIFY(text.contains("gatewright_latency_milliseconds_bucket{" + labels + ",le=\"30000\"} 1\n"));
    QVERIFY(text.contains("gatewright_latency_milliseconds_bucket{" + labels + ",le=\"+Inf\"} 2\n"));
    QVERIFY(text.contains("gatewright_latency_milliseconds_sum{" + labels + "} 40003\n"));
    QVERIFY(text.contains("gatewright_integration_latency_milliseconds_count{" + labels + "} 1\n"));
    QVERIFY(!text.contains("\nd\""));  // no raw line feed inside a label
}

void TestAccessLog::harKeepsBinaryBodiesAsBase64AndSkipsUncaptured()
{
    HarLog har(QStringLiteral("1.2.3"));
    AccessLogEntry uncaptured; // a WebSocket message, or a run without capture
    QVERIFY(!har.add(uncaptured));
    AccessLogEntry entry;
    entry.status = 200;
    entry.requestTimeEpochMs = 1764763200000;
    entry.responseLatencyMs = 4;
    entry.integrationLatencyMs = 3;
    entry.capture = std::make_shared<ExchangeCapture>();
    entry.capture->request = {"PUT /img?a=1&a=2 HTTP/1.1", {{"Host", "127.0.0.1:8080"}, {"Content-Type", "image/png"}}, QByteArray("\x89PNG\xff", 5), 5, true};
    entry.capture->response = {"HTTP/1.1 200", {{"Content-Type", "application/json"}}, "{\"ok\":true}", 20, true};
    QVERIFY(har.add(entry));
    const nlohmann::json doc = nlohmann::json::parse(har.document().toStdString());
    QVERIFY(doc["log"]["version"] == "1.2");
    QVERIFY(doc["log"]["creator"]["version"] == "1.2.3");
    const nlohmann::json &e = doc["log"]["entries"][0];
    QCOMPARE(doc["log"]["entries"].size(), size_t(1));

    QVERIFY(e["request"]["url"] == "http://127.0.0.1:8080/img?a=1&a=2");
    QVERIFY(e["request"]["queryString"] == nlohmann::json::parse(R"([{"name":"a","value":"1"},{"name":"a","value":"2"}])"));
    QVERIFY2(e["request"]["postData"]["text"] == QByteArray("\x89PNG\xff", 5).toBase64().toStdString(), e["request"].dump().c_str());
    QVERIFY(e["response"]["content"]["text"] == "{\"ok\":true}");
    QVERIFY(e["response"]["content"]["size"] == 20); // the whole body's size: the kept text was cut
    QVERIFY(e["response"]["content"].contains("comment"));
    QVERIFY(e["startedDateTime"] == "2025-12-03T12:00:00.000Z");
    QVERIFY(e["timings"]["blocked"].get<double>() + e["timings"]["wait"].get<double>() == 4.0);
    QVERIFY(!doc["log"].contains("comment"));
    // Bounded: the newest entries stay, and the log says how many went.
    HarLog small(QStringLiteral("1"), 2);
    for (int i = 0; i < 5; ++i) {
        AccessLogEntry numbered = entry;
        numbered.status = 200 + i;
        small.add(numbered);
    }
    const nlohmann::json bounded = nlohmann::json::parse(small.document().toStdString());
    QVERIFY(bounded["log"]["entries"].size() == 2 && bounded["log"]["entries"][0]["response"]["status"] == 203);
    QVERIFY(bounded["log"]["comment"] == "3 earlier requests are not here: the HAR keeps the newest 2");
}

#include "tst_access_log.moc"
