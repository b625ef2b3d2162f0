// Lambda output -> HTTP response for HTTP APIs, against the pairs recorded on the real service
// (../shared/conformance/events/aws-lambda-dotnet-recorded, kind lambda-proxy-response->http-response).
#include "integrations/lambda_response_mapper.h"

#include "../common/read_json.h"

#include <QFile>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace gw;
using nlohmann::json;

namespace {
const QString kRecorded = QStringLiteral(GW_CONFORMANCE_DIR "/events/aws-lambda-dotnet-recorded/");
} // namespace

class TestLambdaResponse : public QObject {
    Q_OBJECT
private slots:
    void recorded_data();
    void recorded();
    void inference_data();
    void inference();
    void malformed_data();
    void malformed();
    void cookiesBecomeSetCookieHeaders();
};

void TestLambdaResponse::recorded_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("snapshot");
    QTest::addColumn<int>("shape"); // 0: HTTP API 1.0, 1: HTTP API 2.0, 2: REST API (1.0)
    const json cases = readJsonFile(kRecorded + QStringLiteral("cases.json"));
    QVERIFY2(cases.contains("cases"), "conformance data missing");
    int rows = 0;
    for (const json &c : cases["cases"]) {
        const std::string id = c["id"];
        if (c["kind"] != "lambda-proxy-response->http-response")
            continue;
        const bool httpV1 = id.find("HttpV1") != std::string::npos;
        const bool v2 = id.rfind("response/V2_", 0) == 0;
        const bool rest = id.size() > 4 && id.compare(id.size() - 4, 4, "Rest") == 0;
        if (!httpV1 && !v2 && !rest)
            continue;
        QTest::newRow(id.c_str()) << QByteArray::fromStdString(c["lambda_output"].dump())
                                  << kRecorded + QString::fromStdString(c["recorded_http_response"].get<std::string>())
                                  << (httpV1 ? 0 : v2 ? 1 : 2);
        ++rows;
    }
    QVERIFY(rows >= 20);
}

void TestLambdaResponse::recorded()
{
    QFETCH(QByteArray, output);
    QFETCH(QString, snapshot);
    QFETCH(int, shape);
    const json recorded = readJsonFile(snapshot);
    const MappedLambdaResponse mapped = shape == 0 ? mapHttpApiLambdaResponseV1(output)
                                        : shape == 1 ? mapHttpApiLambdaResponseV2(output)
                                                     : mapRestLambdaResponse(output, false);
    const int status = recorded["StatusCode"];
    const QByteArray content = QByteArray::fromStdString(recorded["Content"].get<std::string>());
    if (shape == 2 && status == 502) {
        // A REST API's answer to an invalid proxy response (set-up-lambda-proxy-integrations.html).
        QVERIFY2(!mapped.response, "an invalid output must be refused");
        QCOMPARE(content, QByteArray(R"({"message": "Internal server error"})"));
        return;
    }
    if (status == 500) {
        // The service's own answer to an invalid proxy response: the gateway builds it from this error.
        QVERIFY2(!mapped.response, "an invalid output must be refused");
        QCOMPARE(content, QByteArray(R"({"message":"Internal Server Error"})"));
        return;
    }
    QVERIFY2(mapped.response.has_value(), qPrintable(mapped.error));
    const HttpResponse &response = *mapped.response;
    QCOMPARE(response.status, status);
    QCOMPARE(response.body, content);
    // Every header the function set must arrive with the recorded values, in order.
    for (auto it = recorded["Headers"].begin(); it != recorded["Headers"].end(); ++it) {
        const QByteArray name = QByteArray::fromStdString(it.key());
        if (name == "Date" || name == "Connection" || name == "Apigw-Requestid" || name == "Content-Length" ||
            name == "x-amzn-RequestId" || name == "x-amz-apigw-id" || name == "X-Amzn-Trace-Id")
            continue; // added by the connection layer and the REST front end
        QList<QByteArray> ours;
        for (const HttpHeader &h : response.headers)
            if (h.name.compare(name, Qt::CaseInsensitive) == 0)
                ours << h.value;
        QList<QByteArray> theirs;
        for (const json &value : *it)
            theirs << QByteArray::fromStdString(value.get<std::string>());
        QCOMPARE(ours, theirs);
    }
}

void TestLambdaResponse::inference_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QByteArray>("body");
    // http-api-develop-integrations-lambda.html, "Lambda function response for format 2.0".
    QTest::newRow("object without statusCode") << QByteArray(R"({"message":"Hello from Lambda!"})")
                                               << QByteArray(R"({"message":"Hello from Lambda!"})");
    QTest::newRow("bare string") << QByteArray(R"("Hello from Lambda!")") << QByteArray("Hello from Lambda!");
    QTest::newRow("bare array") << QByteArray("[1,2,3]") << QByteArray("[1,2,3]");
    QTest::newRow("bare number") << QByteArray("42") << QByteArray("42");
}

void TestLambdaResponse::inference()
{
    QFETCH(QByteArray, output);
    QFETCH(QByteArray, body);
    const MappedLambdaResponse mapped = mapHttpApiLambdaResponseV2(output);
    QVERIFY(mapped.response.has_value());
    QCOMPARE(mapped.response->status, 200);
    QCOMPARE(mapped.response->header("content-type"), QByteArray("application/json"));
    QCOMPARE(mapped.response->body, body);
}

void TestLambdaResponse::malformed_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<bool>("v1");
    QTest::newRow("not JSON, 2.0") << QByteArray("{oops") << false;
    QTest::newRow("not JSON, 1.0") << QByteArray("{oops") << true;
    QTest::newRow("1.0 without statusCode") << QByteArray(R"({"body":"x"})") << true;
    QTest::newRow("statusCode out of range") << QByteArray(R"({"statusCode":700})") << false;
    QTest::newRow("body not a string") << QByteArray(R"({"statusCode":200,"body":{"a":1}})") << false;
    QTest::newRow("headers not an object") << QByteArray(R"({"statusCode":200,"headers":[1]})") << false;
    QTest::newRow("bad base64") << QByteArray(R"({"statusCode":200,"body":"***","isBase64Encoded":true})") << false;
    QTest::newRow("multiValueHeaders not arrays") << QByteArray(R"({"statusCode":200,"multiValueHeaders":{"a":"b"}})") << true;
}

void TestLambdaResponse::malformed()
{
    QFETCH(QByteArray, output);
    QFETCH(bool, v1);
    const MappedLambdaResponse mapped = v1 ? mapHttpApiLambdaResponseV1(output) : mapHttpApiLambdaResponseV2(output);
    QVERIFY(!mapped.response.has_value());
    QVERIFY(!mapped.error.isEmpty());
}

void TestLambdaResponse::cookiesBecomeSetCookieHeaders()
{
    // Sample response with cookies: events/aws-lambda-java-libs/apigw_v2_http_response.json
    const json sample = readJsonFile(QStringLiteral(GW_CONFORMANCE_DIR "/events/aws-lambda-java-libs/apigw_v2_http_response.json"));
    QVERIFY(sample.contains("cookies"));
    const MappedLambdaResponse mapped = mapHttpApiLambdaResponseV2(QByteArray::fromStdString(sample.dump()));
    QVERIFY2(mapped.response.has_value(), qPrintable(mapped.error));
    QList<QByteArray> setCookies;
    for (const HttpHeader &h : mapped.response->headers)
        if (h.name.compare("set-cookie", Qt::CaseInsensitive) == 0)
            setCookies << h.value;
    QCOMPARE(setCookies.size(), int(sample["cookies"].size()));
    QCOMPARE(setCookies.first(), QByteArray::fromStdString(sample["cookies"][0].get<std::string>()));
}

QTEST_GUILESS_MAIN(TestLambdaResponse)
#include "tst_lambda_response.moc"
