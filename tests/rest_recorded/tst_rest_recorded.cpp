// The REST behaviours recorded against the real service (../shared/conformance/rest-recorded):
// each case's API is built as a project, served, and sent the recorded request over a socket.
// Pass counts per kind are printed at the end; a case this version cannot serve yet is skipped
// with the reason in its message.
#include "gateway/gateway.h"
#include "model/project_loader.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

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
    if (kind == "routing" || kind == "mock-integration")
        return {};
    if (kind == "response-headers")
        return id.find("AWS_PROXY") == std::string::npos ? std::string() : "the Lambda proxy integration of REST APIs is not served yet";
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
            json integration = {{"type", m["integration"]["type"]}};
            for (const char *field : {"requestTemplates", "passthroughBehavior", "integrationResponses"})
                if (m["integration"].contains(field))
                    integration[field] = m["integration"][field];
            if (integration.contains("integrationResponses"))
                for (json &response : integration["integrationResponses"])
                    response.erase("openapi_key");
            if (integration["type"] == "AWS_PROXY")
                integration["function"] = "echo"; // not invoked: the cases run here reach MOCK methods only
            method["integration"] = integration;
            methods.push_back(method);
        }
        resources.push_back({{"path", resource["path"]}, {"methods", methods}});
    }
    return {{"format", "gatewright-project"}, {"version", 1}, {"name", "recorded"}, {"region", "us-east-1"},
            {"accountId", "111111111111"},
            {"functions", {{{"name", "echo"}, {"runtime", "python3"}, {"handler", "app.handler"}, {"codeDir", "."}}}},
            {"apis", {{{"id", "api"}, {"name", "recorded"}, {"type", "REST"}, {"port", 0},
                       {"stages", {{{"name", setup.value("stage", std::string("dev"))}}}}, {"resources", resources}}}}};
}

bool isPlaceholder(const std::string &value)
{
    static const std::set<std::string> bare = {"datetime", "timestamp", "date", "content-length", "content_length", "x-amz-apigw-id"};
    return bare.count(value) || (value.size() > 2 && value.front() == '<' && value.back() == '>');
}

} // namespace

class TestRestRecorded : public QObject {
    Q_OBJECT
private slots:
    void recorded_data();
    void recorded();
    void cleanupTestCase();

private:
    QNetworkAccessManager m_nam;
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

    LoadResult loaded = parseProject(QByteArray::fromStdString(projectFor(c).dump()), QStringLiteral("recorded.json"), QDir::tempPath());
    if (auto *error = std::get_if<ProjectError>(&loaded))
        QFAIL(qPrintable(error->toString()));
    Gateway gateway;
    QString error;
    QVERIFY2(gateway.start(std::get<LoadedProject>(loaded).project, QDir::tempPath(), &error), qPrintable(error));
    const quint16 port = gateway.endpoints().first().port;

    const json &req = c["request"];
    QString path = QString::fromStdString(req["path"].get<std::string>());
    if (req.contains("query") && req["query"].is_string())
        path += QLatin1Char('?') + QString::fromStdString(req["query"].get<std::string>());
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    if (req.contains("headers") && req["headers"].is_object())
        for (auto &[name, value] : req["headers"].items())
            if (name != "Connection" && name != "Content-Length" && name != "Accept-Encoding")
                request.setRawHeader(QByteArray::fromStdString(name), QByteArray::fromStdString(value.get<std::string>()));
    const QByteArray body = req.contains("body") && req["body"].is_string() ? QByteArray::fromStdString(req["body"].get<std::string>())
                                                                            : QByteArray();
    QNetworkReply *reply = m_nam.sendCustomRequest(request, QByteArray::fromStdString(req["method"].get<std::string>()), body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray received = reply->readAll();
    std::map<std::string, std::string> headers;
    for (const auto &[name, value] : reply->rawHeaderPairs())
        headers[name.toLower().toStdString()] = value.toStdString();
    reply->deleteLater();

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
        QVERIFY2(got == expected["body"], ("got " + received.toStdString() + "\nexpected " + expected["body"].dump()).c_str());
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
