// The REST behaviours recorded against the real service (../shared/conformance/rest-recorded):
// each case's API is built as a project, served, and sent the recorded request over a socket.
// Pass counts per kind are printed at the end; a case this version cannot serve yet is skipped
// with the reason in its message.
#include "gateway/gateway.h"
#include "model/project_loader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

using namespace gw;
using nlohmann::json;

namespace {

json readCases()
{
    QFile file(QStringLiteral(GW_CONFORMANCE_DIR "/rest-recorded/cases.json"));
    if (!file.open(QIODevice::ReadOnly))
        return json();
    return json::parse(file.readAll().toStdString());
}

std::map<std::string, std::pair<int, int>> g_counts; // kind -> (passed, of all cases of the kind)

// The headers an EDGE endpoint gets from CloudFront in front of the API; a local gateway has no
// CloudFront, so they are not expected here.
const std::set<std::string> kCloudFrontHeaders = {"via", "x-amz-cf-id", "x-amz-cf-pop", "x-cache"};

// Why a case is not run yet (empty: it runs).
std::string notServedYet(const json &c)
{
    const std::string kind = c["kind"];
    const std::string id = c["id"];
    if (kind == "routing" || kind == "mock-integration" || kind == "response-headers" || kind == "lambda-proxy-event" ||
        kind == "lambda-proxy-response" || kind == "lambda-custom-integration" || kind == "request-validation")
        return {};
    if (kind == "gateway-response-config" || kind == "integration-response-config" || kind == "integration-config")
        return "management API calls (Put/Get...) are not part of a local gateway's serving; the project file holds this configuration";
    if (kind == "test-invoke-method")
        return "gatewright invoke (TestInvokeMethod) is not built yet";
    return kind + ": this integration type or feature is not served on REST APIs yet";
}

json projectFor(const json &c)
{
    const json &setup = c["api_setup"];
    json resources = json::array();
    for (const json &resource : setup["resources"]) {
        json methods = json::array();
        for (const json &m : resource["methods"]) {
            json method = {{"httpMethod", m["httpMethod"]}};
            for (const char *field : {"requestParameters", "requestModels", "requestValidator"})
                if (m.contains(field))
                    method[field] = m[field]; // the recording names validators by name: here the name is the id
            json integration = {{"type", m["integration"]["type"]}};
            for (const char *field : {"requestTemplates", "passthroughBehavior", "integrationResponses"})
                if (m["integration"].contains(field))
                    integration[field] = m["integration"][field];
            if (integration.contains("integrationResponses"))
                for (json &response : integration["integrationResponses"])
                    response.erase("openapi_key");
            if (integration["type"] == "AWS_PROXY") {
                // The recorded backends: one returns the event it got as its body, one returns
                // the client's body as its proxy response.
                const std::string backend = m["integration"].value("backend", std::string());
                integration["function"] = backend.find("json.loads(event") != std::string::npos ? "mirror" : "echo";
                if (m["integration"].contains("httpMethod"))
                    integration["httpMethod"] = m["integration"]["httpMethod"];
            }
            if (integration["type"] == "AWS" &&
                m["integration"].value("uri", std::string()).find(":lambda:path/") != std::string::npos) {
                // The recorded Lambda custom backend (lambda_select_pattern.py below).
                integration["function"] = "select";
                integration["httpMethod"] = m["integration"]["httpMethod"];
            }
            method["integration"] = integration;
            methods.push_back(method);
        }
        resources.push_back({{"path", resource["path"]}, {"methods", methods}});
    }
    json validators = json::array();
    for (const json &v : setup.value("request_validators", json::array()))
        validators.push_back({{"id", v["name"]}, {"name", v["name"]}, {"validateRequestBody", v.value("validateRequestBody", false)},
                              {"validateRequestParameters", v.value("validateRequestParameters", false)}});
    json models = json::array();
    for (const json &model : setup.value("models", json::array()))
        models.push_back({{"name", model["name"]}, {"contentType", model["contentType"]}, {"schema", model["schema"]}});
    return {{"format", "gatewright-project"}, {"version", 1}, {"name", "recorded"}, {"region", "us-east-1"},
            {"accountId", "111111111111"},
            {"functions", {{{"name", "echo"}, {"runtime", "python3"}, {"handler", "app.handler"}, {"codeDir", "echo"}},
                           {{"name", "mirror"}, {"runtime", "python3"}, {"handler", "app.handler"}, {"codeDir", "mirror"}},
                           {{"name", "select"}, {"runtime", "python3"}, {"handler", "lambda_select_pattern.handler"}, {"codeDir", "select"}}}},
            {"apis", {{{"id", "api"}, {"name", "recorded"}, {"type", "REST"}, {"port", 0},
                       {"stages", {{{"name", setup.value("stage", std::string("dev"))}}}}, {"resources", resources},
                       {"models", models}, {"requestValidators", validators}}}}};
}

bool isPlaceholder(const std::string &value)
{
    static const std::set<std::string> bare = {"datetime", "timestamp", "date", "content-length", "content_length", "x-amz-apigw-id"};
    return bare.count(value) || (value.size() > 2 && value.front() == '<' && value.back() == '>');
}

bool isCloudFrontHeader(const std::string &name)
{
    const std::string lower = QByteArray::fromStdString(name).toLower().toStdString();
    return lower.rfind("cloudfront-", 0) == 0 || lower == "via" || lower == "x-amz-cf-id";
}

// Compares what the service recorded with what came back: a placeholder matches any value,
// the CloudFront headers of an EDGE endpoint are not expected locally, and a JSON text the
// recorder decoded is compared decoded. Returns "" or where they differ.
std::string differ(const json &expected, const json &actual, const std::string &at)
{
    if (expected.is_string() && isPlaceholder(expected.get<std::string>()))
        return {};
    if (expected.is_object() && actual.is_string()) {
        const json decoded = json::parse(actual.get<std::string>(), nullptr, false);
        if (!decoded.is_discarded())
            return differ(expected, decoded, at);
    }
    if (expected.type() != actual.type())
        return at + ": expected " + expected.dump() + ", got " + actual.dump();
    if (expected.is_object()) {
        const bool headers = at.size() >= 7 && (at.substr(at.size() - 7) == "headers" || at.substr(at.size() - 7) == "Headers");
        for (auto &[key, value] : expected.items()) {
            if (headers && isCloudFrontHeader(key))
                continue;
            if (!actual.contains(key))
                return at + "." + key + ": missing";
            if (std::string d = differ(value, actual[key], at + "." + key); !d.empty())
                return d;
        }
        for (auto &[key, value] : actual.items())
            if (!expected.contains(key))
                return at + "." + key + ": not in the service's answer (" + value.dump() + ")";
        return {};
    }
    if (expected.is_array()) {
        if (expected.size() != actual.size())
            return at + ": expected " + std::to_string(expected.size()) + " items, got " + std::to_string(actual.size());
        for (size_t i = 0; i < expected.size(); ++i)
            if (std::string d = differ(expected[i], actual[i], at + "[" + std::to_string(i) + "]"); !d.empty())
                return d;
        return {};
    }
    return expected == actual ? std::string() : at + ": expected " + expected.dump() + ", got " + actual.dump();
}

} // namespace

class TestRestRecorded : public QObject {
    Q_OBJECT
private slots:
    void recorded_data();
    void recorded();
    void cleanupTestCase();

};

void TestRestRecorded::recorded_data()
{
    QTest::addColumn<int>("index");
    const json cases = readCases();
    QVERIFY2(cases.is_object(), "../shared/conformance/rest-recorded/cases.json is missing");
    QCOMPARE(int(cases["cases"].size()), cases["count"].get<int>());
    for (size_t i = 0; i < cases["cases"].size(); ++i)
        QTest::newRow(cases["cases"][i]["id"].get<std::string>().c_str()) << int(i);
}

void TestRestRecorded::recorded()
{
    QFETCH(int, index);
    static const json cases = readCases();
    const json &c = cases["cases"][size_t(index)];
    auto &[passed, total] = g_counts[c["kind"].get<std::string>()];
    ++total;
    const std::string why = notServedYet(c);
    if (!why.empty())
        QSKIP(why.c_str());

    static QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        QDir().mkpath(dir.filePath(QStringLiteral("echo")));
        QFile app(dir.filePath(QStringLiteral("echo/app.py")));
        QVERIFY(app.open(QIODevice::WriteOnly));
        app.write("import json\ndef handler(event, context):\n"
                  "    return {'statusCode': 200, 'body': json.dumps(event), 'isBase64Encoded': False}\n");
        // The other recorded backend: the client's JSON body is the proxy response it returns.
        QDir().mkpath(dir.filePath(QStringLiteral("mirror")));
        QFile mirror(dir.filePath(QStringLiteral("mirror/app.py")));
        QVERIFY(mirror.open(QIODevice::WriteOnly));
        mirror.write("import base64, json\ndef handler(event, context):\n"
                     "    body = event['body']\n"
                     "    if event.get('isBase64Encoded'):\n        body = base64.b64decode(body)\n"
                     "    return json.loads(body)\n");
        // The selection-pattern backend, its raise statements on lines 7 and 9 as in the recording.
        QDir().mkpath(dir.filePath(QStringLiteral("select")));
        QFile select(dir.filePath(QStringLiteral("select/lambda_select_pattern.py")));
        QVERIFY(select.open(QIODevice::WriteOnly));
        select.write("# lambda-custom-integration/selection-pattern's backend\n"
                     "def handler(event, context):\n"
                     "    status = event['statusCode']\n"
                     "    if status == '200':\n"
                     "        return 'Pass'\n"
                     "    if status == '400':\n"
                     "        raise Exception(\"Error: Raising four hundred from within the Lambda function\")\n"
                     "    if status == '500':\n"
                     "        raise Exception(\"Error: Raising five hundred from within the Lambda function\")\n");
    }
    LoadResult loaded = parseProject(QByteArray::fromStdString(projectFor(c).dump()), QStringLiteral("recorded.json"), dir.path());
    if (auto *error = std::get_if<ProjectError>(&loaded))
        QFAIL(qPrintable(error->toString()));
    Gateway gateway;
    QString error;
    QVERIFY2(gateway.start(std::get<LoadedProject>(loaded).project, dir.path(), &error), qPrintable(error));
    const quint16 port = gateway.endpoints().first().port;

    const json &req = c["request"];
    QString path = QString::fromStdString(req["path"].get<std::string>());
    if (req.contains("query") && req["query"].is_string())
        path += QLatin1Char('?') + QString::fromStdString(req["query"].get<std::string>());
    // A raw request: exactly the recorded headers, nothing a client library would add.
    QByteArray wire = QByteArray::fromStdString(req["method"].get<std::string>()) + ' ' + path.toUtf8() + " HTTP/1.1\r\n";
    wire += "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    if (req.contains("headers") && req["headers"].is_object())
        for (auto &[name, value] : req["headers"].items())
            if (name != "Content-Length" && QByteArray::fromStdString(name).toLower() != "host")
                wire += QByteArray::fromStdString(name) + ": " + QByteArray::fromStdString(value.get<std::string>()) + "\r\n";
    const QByteArray body = req.contains("body") && req["body"].is_string() ? QByteArray::fromStdString(req["body"].get<std::string>())
                                                                            : QByteArray();
    if (!body.isEmpty() || req["method"] != "GET")
        wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    wire += "\r\n" + body;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write(wire);
    QByteArray answer;
    qsizetype headerEnd = -1;
    qsizetype length = -1;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 30000) {
        if (!socket.waitForReadyRead(200) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        answer += socket.readAll();
        if (headerEnd < 0 && (headerEnd = answer.indexOf("\r\n\r\n")) >= 0) {
            for (const QByteArray &line : answer.left(headerEnd).split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
        }
        if (headerEnd >= 0 && length >= 0 && answer.size() >= headerEnd + 4 + length)
            break;
    }
    QVERIFY2(headerEnd > 0, answer.constData());
    const QList<QByteArray> lines = answer.left(headerEnd).split('\n');
    const int status = lines.front().split(' ').value(1).toInt();
    std::map<std::string, std::string> headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            continue;
        // Repeated headers read as one, joined with ", " (as the recording client, requests, shows them).
        std::string &value = headers[lines[i].left(colon).trimmed().toLower().toStdString()];
        value += (value.empty() ? "" : ", ") + lines[i].mid(colon + 1).trimmed().toStdString();
    }
    QByteArray received = answer.mid(headerEnd + 4);
    // A function's stack trace names its code directory, /var/task on the service.
    received.replace(QDir(dir.filePath(QStringLiteral("select"))).absolutePath().toUtf8(), "/var/task");

    const json &expected = c["expected"];
    if (expected["status"].is_number())
        QCOMPARE(status, expected["status"].get<int>());
    const std::string assertion = expected.value("status_assertion", std::string());
    if (assertion == "ok")
        QVERIFY2(status >= 200 && status < 300, std::to_string(status).c_str());
    if (assertion.rfind("not ok", 0) == 0)
        QVERIFY2(status >= 400, std::to_string(status).c_str());
    if (expected.contains("headers") && expected["headers"].is_object()) {
        for (auto &[name, value] : expected["headers"].items()) {
            const std::string lower = QByteArray::fromStdString(name).toLower().toStdString();
            if (kCloudFrontHeaders.count(lower))
                continue;
            QVERIFY2(headers.count(lower), ("missing header " + name).c_str());
            if (!isPlaceholder(value.get<std::string>()))
                QCOMPARE(QString::fromStdString(headers[lower]), QString::fromStdString(value.get<std::string>()));
        }
        if (expected.value("headers_complete", false))
            for (const auto &[name, value] : headers) {
                bool listed = false;
                for (auto &[expectedName, v] : expected["headers"].items())
                    listed = listed || QByteArray::fromStdString(expectedName).toLower().toStdString() == name;
                QVERIFY2(listed, ("header the service does not send: " + name).c_str());
            }
    }
    const std::string format = expected.value("body_format", std::string());
    if (format == "json") {
        const json got = json::parse(received.toStdString(), nullptr, false);
        QVERIFY2(!got.is_discarded(), ("not JSON: " + received.toStdString()).c_str());
        const std::string d = differ(expected["body"], got, "body");
        QVERIFY2(d.empty(), d.c_str());
    } else if (format == "empty") {
        QCOMPARE(received, QByteArray());
    } else if (format == "text") {
        QCOMPARE(received, QByteArray::fromStdString(expected["body"].get<std::string>()));
    }
    ++passed;
}

void TestRestRecorded::cleanupTestCase()
{
    for (const auto &[kind, counts] : g_counts)
        qInfo("REST recorded, %s: %d of %d passed", kind.c_str(), counts.first, counts.second);
}

QTEST_MAIN(TestRestRecorded)
#include "tst_rest_recorded.moc"
