// HTTP request -> Lambda event for HTTP APIs (payload 2.0 and 1.0), against the events recorded on
// the real service (../shared/conformance/events/aws-lambda-dotnet-recorded, request/* cases).
#include "common/clocks.h"
#include "gateway/deploy/project_compiler.h"
#include "gateway/http_api_frontend.h"
#include "pipeline/in_memory_downstream.h"
#include "pipeline/integration_requests.h"
#include "integrations/events/integration_request_headers.h"
#include "integrations/events/rest_api_event.h"
#include "pipeline/stages/http_api_route_stage.h"
#include "pipeline/stages/http_api_stage_selection_stage.h"

#include "../common/read_json.h"

#include <QFile>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace gw;
using nlohmann::json;

// QTest cannot compare nlohmann::json directly (it probes qfloat16 conversions): compare the dumps.
#define QCOMPARE_JSON(actual, expected) QCOMPARE(QString::fromStdString(nlohmann::json(actual).dump()), QString::fromStdString(nlohmann::json(expected).dump()))

namespace {
const QString kRecorded = QStringLiteral(GW_CONFORMANCE_DIR "/events/aws-lambda-dotnet-recorded/");


// The request the recording's client sent (.NET HttpClient), under stagePrefix ("/test" for a REST stage).
HttpRequest recordedClientRequest(const json &client, const QByteArray &stagePrefix = {})
{
    HttpRequest request;
    request.method = QByteArray::fromStdString(client["method"]);
    request.target = stagePrefix + QByteArray::fromStdString(client["path_suffix"]);
    if (client.contains("query"))
        request.target += "?" + QByteArray::fromStdString(client["query"]);
    if (client.contains("headers"))
        for (auto it = client["headers"].begin(); it != client["headers"].end(); ++it) {
            if (it->is_array()) // HttpClient sends a list as one comma-separated line
            {
                QByteArray joined;
                for (const json &v : *it)
                    joined += (joined.isEmpty() ? "" : ", ") + QByteArray::fromStdString(v.get<std::string>());
                request.headers.push_back({QByteArray::fromStdString(it.key()), joined});
            } else {
                request.headers.push_back({QByteArray::fromStdString(it.key()), QByteArray::fromStdString(it->get<std::string>())});
            }
        }
    if (client.contains("body_bytes_hex"))
        request.body = QByteArray::fromHex(QByteArray::fromStdString(client["body_bytes_hex"]));
    else if (client.contains("body"))
        request.body = QByteArray::fromStdString(client["body"]);
    if (request.method != "GET") {
        // What the recording client (.NET HttpClient with StringContent) sent on its own.
        request.headers.push_back({"Content-Length", QByteArray::number(request.body.size())});
        if (request.header("content-type").isNull())
            request.headers.push_back({"Content-Type", "text/plain; charset=utf-8"});
    }
    request.headers.push_back({"Host", "abcdefghij.execute-api.us-east-1.amazonaws.com"});
    request.peerAddress = QHostAddress(QStringLiteral("203.0.113.9"));
    request.localPort = 443;
    request.receivedAtMs = 1744668836573;
    return request;
}

// A request context as the gateway builds it, for one client request and one route: the
// project compiled as for serving, the request routed by the real route stage.
RequestContextPtr contextFor(const json &client, const std::string &routeKey, const std::vector<Stage> &moreStages = {})
{
    Project project;
    Api api;
    api.id = "api";
    api.name = "recorded";
    api.apiId = "abcdefghij";
    Route route;
    route.routeKey = routeKey;
    route.integration = "fn";
    api.http()->routes.push_back(route);
    Integration integration;
    integration.id = "fn";
    integration.function = "fn";
    api.http()->integrations.push_back(integration);
    api.stages.push_back(Stage{});
    for (const Stage &stage : moreStages)
        api.stages.push_back(stage);
    project.apis.push_back(api);

    const HttpRequest request = recordedClientRequest(client);

    const CompiledProjectPtr config = compileProject(project, QString(), DeployServices{nullptr, nullptr, systemClock()});
    const CompiledApi &compiled = *config->apis.front();
    auto ctx = std::make_shared<RequestContext>(config, &compiled, request, std::make_shared<InMemoryDownstream>(nullptr, nullptr));
    HttpApiFrontend::setInitialContextVariables(ctx->log, compiled, ctx->request);
    ctx->log.requestId = "JCJJxhz4PHcEJgQ=";
    ctx->traceId = "Root=1-67fd88a4-127eb8e773d2bb6f7df47ab6";
    HttpApiStageSelectionStage().onRequest(*ctx);
    HttpApiRouteStage().onRequest(*ctx);
    return ctx;
}

QByteArray serializeHttpApiEventV2(const RequestContext &ctx)
{
    return httpApiLambdaRequest(ctx, HttpApiPayloadFormat::V2).payload;
}

QByteArray serializeHttpApiEventV1(const RequestContext &ctx)
{
    return httpApiLambdaRequest(ctx, HttpApiPayloadFormat::V1).payload;
}

json orNull(const json &object, const char *key)
{
    return object.contains(key) ? object[key] : json(nullptr);
}

// Headers not tied to the client (anonymised host/IP, trace ids, the service's TLS port).
bool environmental(std::string name)
{
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    return name == "host" || name == "x-amzn-trace-id" || name.rfind("x-forwarded-", 0) == 0;
}
} // namespace

class TestLambdaEvent : public QObject {
    Q_OBJECT
private slots:
    void recordedV2_data();
    void recordedV2();
    void recordedV1_data();
    void recordedV1();
    void recordedRest_data();
    void recordedRest();
    void fixtureShapeV2();
    void namedStagePrefixStaysInRawPath();
    void emptyCookieHeaderGivesNoCookies();
    void queryNamesThatAreNotUtf8GroupAsOne();
    void auditedFields_data();
    void auditedFields();
};

void TestLambdaEvent::recordedV2_data()
{
    QTest::addColumn<QByteArray>("client");
    QTest::addColumn<QString>("snapshot");
    const json cases = readJsonFile(kRecorded + QStringLiteral("cases.json"));
    for (const json &c : cases["cases"]) {
        const std::string id = c["id"];
        if (id.rfind("request/V2_", 0) != 0)
            continue;
        QTest::newRow(id.c_str()) << QByteArray::fromStdString(c["client_request"].dump())
                                  << kRecorded + QString::fromStdString(c["recorded_event"].get<std::string>());
    }
}

void TestLambdaEvent::recordedV2()
{
    QFETCH(QByteArray, client);
    QFETCH(QString, snapshot);
    const json request = json::parse(client.constData());
    const json recorded = readJsonFile(snapshot);
    auto ctx = contextFor(request, request["route_key"]);
    QVERIFY(ctx->route);
    const json event = json::parse(serializeHttpApiEventV2(*ctx).toStdString());

    QCOMPARE_JSON(event["version"], json("2.0"));
    QCOMPARE_JSON(event["routeKey"], recorded["RouteKey"]);
    QCOMPARE_JSON(event["rawPath"], recorded["RawPath"]);
    QCOMPARE_JSON(event["rawQueryString"], recorded["RawQueryString"]);
    QCOMPARE_JSON(orNull(event, "cookies"), recorded["Cookies"]);
    QCOMPARE_JSON(orNull(event, "queryStringParameters"), recorded["QueryStringParameters"]);
    QCOMPARE_JSON(orNull(event, "pathParameters"), recorded["PathParameters"]);
    QCOMPARE_JSON(orNull(event, "body"), recorded["Body"]);
    QCOMPARE_JSON(event["isBase64Encoded"], recorded["IsBase64Encoded"]);
    QCOMPARE_JSON(event["requestContext"]["http"]["method"], recorded["RequestContext"]["Http"]["Method"]);
    QCOMPARE_JSON(event["requestContext"]["http"]["path"], recorded["RequestContext"]["Http"]["Path"]);
    QCOMPARE_JSON(event["requestContext"]["http"]["protocol"], recorded["RequestContext"]["Http"]["Protocol"]);
    QCOMPARE_JSON(event["requestContext"]["stage"], recorded["RequestContext"]["Stage"]);
    QCOMPARE_JSON(event["requestContext"]["routeKey"], recorded["RequestContext"]["RouteKey"]);
    for (auto it = recorded["Headers"].begin(); it != recorded["Headers"].end(); ++it) {
        if (environmental(it.key()))
            continue;
        QVERIFY2(event["headers"].contains(it.key()), it.key().c_str()); // names are lower-cased
        QCOMPARE_JSON(event["headers"][it.key()], *it);
    }
    QCOMPARE_JSON(event["headers"].contains("cookie"), false);
    QVERIFY(event["headers"].contains("x-amzn-trace-id"));
    QCOMPARE_JSON(event["headers"]["x-forwarded-for"], json("203.0.113.9"));
}

void TestLambdaEvent::recordedV1_data()
{
    QTest::addColumn<QByteArray>("client");
    QTest::addColumn<QString>("snapshot");
    const json cases = readJsonFile(kRecorded + QStringLiteral("cases.json"));
    for (const json &c : cases["cases"]) {
        const std::string id = c["id"];
        if (id.rfind("request/", 0) != 0 || id.find("HttpV1") == std::string::npos)
            continue;
        QTest::newRow(id.c_str()) << QByteArray::fromStdString(c["client_request"].dump())
                                  << kRecorded + QString::fromStdString(c["recorded_event"].get<std::string>());
    }
}

void TestLambdaEvent::recordedV1()
{
    QFETCH(QByteArray, client);
    QFETCH(QString, snapshot);
    const json request = json::parse(client.constData());
    const json recorded = readJsonFile(snapshot);
    const std::string routeKey = request.contains("route_key") ? request["route_key"].get<std::string>()
                                                               : request["method"].get<std::string>() + " " + request["route"].get<std::string>();
    auto ctx = contextFor(request, routeKey);
    QVERIFY(ctx->route);
    const json event = json::parse(serializeHttpApiEventV1(*ctx).toStdString());

    QCOMPARE_JSON(event["version"], json("1.0"));
    QCOMPARE_JSON(event["resource"], recorded["Resource"]);
    QCOMPARE_JSON(event["path"], recorded["Path"]);
    QCOMPARE_JSON(event["httpMethod"], recorded["HttpMethod"]);
    QCOMPARE_JSON(event["queryStringParameters"], recorded["QueryStringParameters"]);
    QCOMPARE_JSON(event["multiValueQueryStringParameters"], recorded["MultiValueQueryStringParameters"]);
    QCOMPARE_JSON(event["pathParameters"], recorded["PathParameters"]);
    QCOMPARE_JSON(event["body"], recorded["Body"]);
    QCOMPARE_JSON(event["isBase64Encoded"], recorded["IsBase64Encoded"]);
    QCOMPARE_JSON(event["stageVariables"], recorded["StageVariables"]);
    QCOMPARE_JSON(event["requestContext"]["path"], recorded["RequestContext"]["Path"]);
    QCOMPARE_JSON(event["requestContext"]["resourceId"], recorded["RequestContext"]["ResourceId"]);
    QCOMPARE_JSON(event["requestContext"]["stage"], recorded["RequestContext"]["Stage"]);
    for (auto it = recorded["Headers"].begin(); it != recorded["Headers"].end(); ++it) {
        if (environmental(it.key()))
            continue;
        QVERIFY2(event["headers"].contains(it.key()), it.key().c_str()); // 1.0 keeps the client's casing
        QCOMPARE_JSON(event["headers"][it.key()], *it);
        QCOMPARE_JSON(event["multiValueHeaders"][it.key()], recorded["MultiValueHeaders"][it.key()]);
    }
}

void TestLambdaEvent::recordedRest_data()
{
    QTest::addColumn<QByteArray>("client");
    QTest::addColumn<QString>("snapshot");
    const json cases = readJsonFile(kRecorded + QStringLiteral("cases.json"));
    int rows = 0;
    for (const json &c : cases["cases"]) {
        const std::string id = c["id"];
        if (id.rfind("request/", 0) != 0 || id.size() < 4 || id.compare(id.size() - 4, 4, "Rest") != 0)
            continue;
        QTest::newRow(id.c_str()) << QByteArray::fromStdString(c["client_request"].dump())
                                  << kRecorded + QString::fromStdString(c["recorded_event"].get<std::string>());
        ++rows;
    }
    QCOMPARE(rows, 5);
}

void TestLambdaEvent::recordedRest()
{
    // The REST API's proxy event (stage "test") for the recorded client requests: path without the
    // stage and percent-encoded as sent, requestContext.path with it, the query decoded.
    QFETCH(QByteArray, client);
    QFETCH(QString, snapshot);
    const json request = json::parse(client.constData());
    const json recorded = readJsonFile(snapshot);
    const HttpRequest http = recordedClientRequest(request, "/test");
    ContextVariables context;
    context.apiId = "abcdefghij";
    context.stage = "test";
    context.requestId = "4acd49e9-9210-4d04-8e04-0f26a4e92537";
    context.extendedRequestId = "JCIudEUfPHcEhog=";
    context.sourceIp = "203.0.113.9";
    context.requestTimeEpochMs = http.receivedAtMs;
    const QByteArray pathWithoutStage = QByteArray::fromStdString(request["path_suffix"]);
    const std::string resourcePath = request["route"];
    const std::vector<HttpHeader> headers = integrationRequestHeaders(http, context.sourceIp, "Root=1-67fd88a4-127eb8e773d2bb6f7df47ab6");
    // The recording's body came base64-encoded: its API listed application/octet-stream as binary.
    const std::vector<std::string> binaryMediaTypes{"application/octet-stream"};
    const json event = json::parse(restApiEvent({http, context, resourcePath, "RESOURCE_ID", "DEPLOYMENT", pathWithoutStage, nullptr,
                                                 headers, binaryMediaTypes})
                                       .toStdString());
    QVERIFY(!event.contains("version")); // REST sends 1.0 without naming it
    QCOMPARE_JSON(event["resource"], recorded["Resource"]);
    QCOMPARE_JSON(event["path"], recorded["Path"]);
    QCOMPARE_JSON(event["httpMethod"], recorded["HttpMethod"]);
    QCOMPARE_JSON(event["queryStringParameters"], recorded["QueryStringParameters"]);
    QCOMPARE_JSON(event["multiValueQueryStringParameters"], recorded["MultiValueQueryStringParameters"]);
    QCOMPARE_JSON(event["pathParameters"], recorded["PathParameters"]);
    QCOMPARE_JSON(event["body"], recorded["Body"]);
    QCOMPARE_JSON(event["isBase64Encoded"], recorded["IsBase64Encoded"]);
    QCOMPARE_JSON(event["stageVariables"], recorded["StageVariables"]);
    QCOMPARE_JSON(event["requestContext"]["path"], recorded["RequestContext"]["Path"]);
    QCOMPARE_JSON(event["requestContext"]["resourcePath"], recorded["RequestContext"]["ResourcePath"]);
    QCOMPARE_JSON(event["requestContext"]["httpMethod"], recorded["RequestContext"]["HttpMethod"]);
    QCOMPARE_JSON(event["requestContext"]["stage"], recorded["RequestContext"]["Stage"]);
    QCOMPARE_JSON(event["requestContext"]["identity"]["userAgent"], recorded["RequestContext"]["Identity"]["UserAgent"]);
    for (auto it = recorded["Headers"].begin(); it != recorded["Headers"].end(); ++it) {
        if (environmental(it.key()))
            continue;
        QVERIFY2(event["headers"].contains(it.key()), it.key().c_str());
        QCOMPARE_JSON(event["headers"][it.key()], *it);
        QCOMPARE_JSON(event["multiValueHeaders"][it.key()], recorded["MultiValueHeaders"][it.key()]);
    }
}

void TestLambdaEvent::fixtureShapeV2()
{
    // Every top-level and requestContext key of a captured 2.0 event appears in ours (and the
    // empty ones are left out as the service does).
    const json fixture = readJsonFile(QStringLiteral(GW_CONFORMANCE_DIR "/events/powertools-lambda-typescript/apigw-http/no-auth.json"));
    QVERIFY(fixture.is_object());
    json client{{"method", "GET"}, {"path_suffix", "/items/7"}, {"query", "a=1"}, {"headers", {{"Cookie", "c=1"}}}};
    auto ctx = contextFor(client, "GET /items/{id}");
    const json event = json::parse(serializeHttpApiEventV2(*ctx).toStdString());
    for (const char *key : {"version", "routeKey", "rawPath", "rawQueryString", "headers", "requestContext", "isBase64Encoded"})
        QVERIFY2(event.contains(key) && fixture.contains(key), key);
    for (auto it = fixture["requestContext"].begin(); it != fixture["requestContext"].end(); ++it) {
        if (it.key() == "authorizer" || it.key() == "authentication")
            continue; // authorizers are a later issue
        QVERIFY2(event["requestContext"].contains(it.key()), it.key().c_str());
    }
    QVERIFY(!event.contains("body"));
    QVERIFY(!event.contains("stageVariables"));
    QCOMPARE_JSON(event["requestContext"]["time"], json("14/Apr/2025:22:13:56 +0000"));
    QCOMPARE_JSON(event["requestContext"]["timeEpoch"], json(1744668836573));
}

void TestLambdaEvent::namedStagePrefixStaysInRawPath()
{
    json client{{"method", "GET"}, {"path_suffix", "/dev/items/7"}};
    Stage dev;
    dev.name = "dev";
    dev.stageVariables = {{"table", "orders-dev"}};
    auto ctx = contextFor(client, "GET /items/{id}", {dev});
    QVERIFY(ctx->route);
    const json event = json::parse(serializeHttpApiEventV2(*ctx).toStdString());
    QCOMPARE_JSON(event["rawPath"], json("/dev/items/7"));
    QCOMPARE_JSON(event["requestContext"]["stage"], json("dev"));
    QCOMPARE_JSON(event["pathParameters"]["id"], json("7"));
    QCOMPARE_JSON(event["stageVariables"]["table"], json("orders-dev"));
}

void TestLambdaEvent::emptyCookieHeaderGivesNoCookies()
{
    // No cookie in the header: no "cookies" field, as for a request without the header.
    json client{{"method", "GET"}, {"path_suffix", "/items/7"}, {"headers", {{"Cookie", " ; "}}}};
    auto ctx = contextFor(client, "GET /items/{id}");
    const json event = json::parse(serializeHttpApiEventV2(*ctx).toStdString());
    QVERIFY(!event.contains("cookies"));
    QVERIFY(!event["headers"].contains("cookie"));
}

void TestLambdaEvent::queryNamesThatAreNotUtf8GroupAsOne()
{
    // Two names that become the same after U+FFFD replacement are one parameter, not two keys.
    json client{{"method", "GET"}, {"path_suffix", "/items/7"}, {"query", "a%FF=1&a%FE=2"}};
    auto ctx = contextFor(client, "GET /items/{id}");
    const QByteArray text = serializeHttpApiEventV2(*ctx);
    QCOMPARE(text.count("\"a\xEF\xBF\xBD\""), 1);
    const json event = json::parse(text.toStdString());
    QCOMPARE_JSON(event["queryStringParameters"]["a\xEF\xBF\xBD"], json("1,2"));
    const json v1 = json::parse(serializeHttpApiEventV1(*ctx).toStdString());
    QCOMPARE_JSON(v1["multiValueQueryStringParameters"]["a\xEF\xBF\xBD"], json({"1", "2"}));
}

void TestLambdaEvent::auditedFields_data()
{
    // A client request, the payload version, a JSON pointer into the event and what the service
    // puts there (null: the field is absent). Each row names its source.
    QTest::addColumn<QByteArray>("client");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray plus = R"({"method": "GET", "path_suffix": "/items/7", "query": "q=a+b&n+m=1"})";
    // http-api-develop-integrations-lambda.html (queryStringParameters decoded; '+' is a space in
    // a form-encoded query) and the recorded V2_* cases (rawQueryString as sent).
    QTest::newRow("lambda-integrations: '+' is a space (2.0)") << plus << "2.0" << "/queryStringParameters/q" << QByteArray(R"("a b")");
    QTest::newRow("lambda-integrations: '+' in a name (2.0)") << plus << "2.0" << "/queryStringParameters/n m" << QByteArray(R"("1")");
    QTest::newRow("lambda-integrations: rawQueryString keeps '+'") << plus << "2.0" << "/rawQueryString" << QByteArray(R"("q=a+b&n+m=1")");
    QTest::newRow("lambda-integrations: '+' is a space (1.0)") << plus << "1.0" << "/queryStringParameters/q" << QByteArray(R"("a b")");
    QTest::newRow("lambda-integrations: '+' is a space (1.0 multi)") << plus << "1.0" << "/multiValueQueryStringParameters/q" << QByteArray(R"(["a b"])");
    QTest::newRow("lambda-integrations: %2B stays a plus") << QByteArray(R"({"method": "GET", "path_suffix": "/items/7", "query": "q=a%2Bb"})")
                                                     << "2.0" << "/queryStringParameters/q" << QByteArray(R"("a+b")");
    // RFC 9110 §7.6.1: connection-specific headers end at the gateway; none of the recorded events
    // (aws-lambda-dotnet-recorded, sent with Connection: keep-alive) carries them.
    const QByteArray hop = R"({"method": "GET", "path_suffix": "/items/7", "headers": {"Connection": "keep-alive, Upgrade",
        "Keep-Alive": "timeout=5", "TE": "trailers", "Upgrade": "h2c", "Expect": "100-continue", "Proxy-Connection": "keep-alive",
        "X-Kept": "yes"}})";
    for (const char *name : {"connection", "keep-alive", "te", "upgrade", "expect", "proxy-connection"}) {
        QTest::newRow(qPrintable(QStringLiteral("RFC 9110 7.6.1: no %1 in 2.0 headers").arg(QLatin1String(name))))
            << hop << "2.0" << QStringLiteral("/headers/%1").arg(QLatin1String(name)) << QByteArray("null");
    }
    QTest::newRow("RFC 9110 7.6.1: no Connection in 1.0 headers") << hop << "1.0" << "/headers/Connection" << QByteArray("null");
    QTest::newRow("RFC 9110 7.6.1: no TE in 1.0 multiValueHeaders") << hop << "1.0" << "/multiValueHeaders/TE" << QByteArray("null");
    QTest::newRow("RFC 9110 7.6.1: other headers stay") << hop << "2.0" << "/headers/x-kept" << QByteArray(R"("yes")");
    // RFC 9110 §5.1 (names are case-insensitive) and V1_HandlesHeadersCorrectlyHttpV1: one
    // header whatever the case, the first spelling kept, the last value in "headers".
    const QByteArray cases = R"({"method": "GET", "path_suffix": "/items/7", "headers": {"X-Dup": "one", "x-dup": "two"}})";
    QTest::newRow("RFC 9110 5.1: 1.0 groups names without case") << cases << "1.0" << "/multiValueHeaders/X-Dup" << QByteArray(R"(["one","two"])");
    QTest::newRow("RFC 9110 5.1: 1.0 has no second spelling") << cases << "1.0" << "/multiValueHeaders/x-dup" << QByteArray("null");
    QTest::newRow("RFC 9110 5.1: 1.0 headers keep the last") << cases << "1.0" << "/headers/X-Dup" << QByteArray(R"("two")");
    QTest::newRow("RFC 9110 5.1: 2.0 joins them") << cases << "2.0" << "/headers/x-dup" << QByteArray(R"("one,two")");
}

void TestLambdaEvent::auditedFields()
{
    QFETCH(QByteArray, client);
    QFETCH(QString, version);
    QFETCH(QString, pointer);
    QFETCH(QByteArray, expected);
    json request = json::parse(client.toStdString());
    // Keep the order the row gives (nlohmann sorts object keys; the case-grouping rows need X-Dup first).
    auto ctx = contextFor(request, "GET /items/{id}");
    if (request.contains("headers")) {
        std::vector<HttpHeader> ordered;
        const QByteArray text = client;
        for (auto it = request["headers"].begin(); it != request["headers"].end(); ++it)
            ordered.push_back({QByteArray::fromStdString(it.key()), QByteArray::fromStdString(it->get<std::string>())});
        std::sort(ordered.begin(), ordered.end(), [&](const HttpHeader &a, const HttpHeader &b) {
            return text.indexOf('"' + a.name + '"') < text.indexOf('"' + b.name + '"');
        });
        ordered.push_back({"Host", "abcdefghij.execute-api.us-east-1.amazonaws.com"});
        ctx->request.headers = ordered;
    }
    const QByteArray payload = version == "1.0" ? serializeHttpApiEventV1(*ctx) : serializeHttpApiEventV2(*ctx);
    const json event = json::parse(payload.toStdString());
    const json::json_pointer at(pointer.toStdString());
    const json want = json::parse(expected.toStdString());
    if (want.is_null())
        QVERIFY2(!event.contains(at), (pointer + " is " + QString::fromStdString(event.contains(at) ? event[at].dump() : "")).toUtf8());
    else
        QCOMPARE_JSON(event.contains(at) ? event[at] : json("<absent>"), want);
}

QTEST_GUILESS_MAIN(TestLambdaEvent)
#include "tst_lambda_event.moc"
