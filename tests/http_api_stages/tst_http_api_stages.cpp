// The HTTP API stages one by one: routing, the integration call (with a scripted backend),
// Lambda and HTTP proxy response mapping, the response headers. The whole gateway is tst_gateway.
#include "../testlib/pipeline_fixture.h"
#include "common/clocks.h"
#include "common/request_ids.h"
#include "gateway/deploy/project_compiler.h"
#include "pipeline/in_memory_downstream.h"
#include "pipeline/stages/http_api_cors_stage.h"
#include "pipeline/stages/http_api_response_headers_stage.h"
#include "pipeline/stages/http_api_route_stage.h"
#include "pipeline/stages/http_api_stage_selection_stage.h"
#include "pipeline/stages/http_api_stage_selection_stage.h"
#include "pipeline/stages/http_proxy_response_stage.h"
#include "pipeline/stages/integration_stage.h"
#include "pipeline/stages/lambda_proxy_response_stage.h"
#include "pipeline/stages/local_reply_stage.h"

#include <QTest>
#include <QThread>

using namespace gw;
using namespace gw::test;

namespace {

// An integration backend whose answer the test writes; delivered at once, from another thread,
// or never.
class ScriptedBackend : public IntegrationBackend {
public:
    enum class When { AtOnce, FromAnotherThread, Never };
    ScriptedBackend(IntegrationResult result, When when) : m_result(std::move(result)), m_when(when) {}
    const char *kind() const override { return "scripted"; }
    void invoke(IntegrationRequest request, IntegrationDone done) const override
    {
        lastRequest = request;
        if (m_when == When::AtOnce) {
            done->receive(m_result);
        } else if (m_when == When::FromAnotherThread) {
            QThread *thread = QThread::create([done, result = m_result] { done->receive(result); });
            QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
            thread->start();
        } else {
            held = std::move(done);
        }
    }
    mutable IntegrationRequest lastRequest;
    mutable IntegrationDone held;

private:
    IntegrationResult m_result;
    When m_when;
};

IntegrationResult lambdaResult(IntegrationResult::LambdaStatus status, QByteArray payload, QString message = {},
                               QByteArray type = {})
{
    IntegrationResult r;
    r.kind = IntegrationResult::Kind::Lambda;
    r.lambdaStatus = status;
    r.payload = std::move(payload);
    r.errorMessage = std::move(message);
    r.errorType = std::move(type);
    r.invocationId = "1b2c3d4e-0000-4000-8000-000000000000";
    r.logs = QStringLiteral("START\nhello\nEND\n");
    return r;
}

IntegrationRequest mapped(const RequestContext &)
{
    IntegrationRequest request;
    request.payload = "{}";
    request.invocationId = "1b2c3d4e-0000-4000-8000-000000000000";
    return request;
}

} // namespace

class TestHttpApiStages : public QObject {
    Q_OBJECT
private slots:
    void routeStagePicksStageAndRoute_data();
    void routeStagePicksStageAndRoute();
    void lambdaResponses_data();
    void lambdaResponses();
    void integrationAnswerFromAnotherThreadResumes();
    void integrationTimeoutIsTheDeadline();
    void httpProxyResponses_data();
    void httpProxyResponses();
    void responseHeadersAreCanonical();
    void requestIdsHaveTheServicesShape();
    void requestsThatReachNoStageAreNotLogged();
    void cors_data();
    void cors();
};

void TestHttpApiStages::routeStagePicksStageAndRoute_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("stage");
    QTest::addColumn<QByteArray>("route");
    QTest::addColumn<QString>("id");
    // http-api-stages.html: a first segment naming a stage selects it; anything else is $default.
    QTest::newRow("default stage") << QByteArray("/items/7") << QByteArray("$default") << QByteArray("GET /items/{id}") << "7";
    QTest::newRow("named stage") << QByteArray("/dev/items/8") << QByteArray("dev") << QByteArray("GET /items/{id}") << "8";
    QTest::newRow("encoded value") << QByteArray("/items/a%20b") << QByteArray("$default") << QByteArray("GET /items/{id}") << "a b";
    QTest::newRow("unmatched goes to $default") << QByteArray("/nothing") << QByteArray("$default") << QByteArray("$default") << "";
    QTest::newRow("stage named in the path only") << QByteArray("/dev") << QByteArray("dev") << QByteArray("$default") << "";
}

void TestHttpApiStages::routeStagePicksStageAndRoute()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, stage);
    QFETCH(QByteArray, route);
    QFETCH(QString, id);
    const Project project = Json::parse(R"({"format": "gatewright-project", "version": 1,
        "apis": [{"id": "a", "name": "a", "type": "HTTP", "apiId": "aaaaaaaaaa",
          "routes": [{"routeKey": "GET /items/{id}"}, {"routeKey": "$default"}],
          "stages": [{"name": "$default"}, {"name": "dev"}]}]})").get<Project>();
    const CompiledProjectPtr config = compileProject(project, QString(), DeployServices{nullptr, nullptr, systemClock()});
    HttpRequest request;
    request.method = "GET";
    request.target = target;
    RequestContext ctx(config, config->apis[0].get(), request, std::make_shared<InMemoryDownstream>(nullptr, nullptr));
    QCOMPARE(HttpApiStageSelectionStage().onRequest(ctx), StageStatus::Continue);
    QCOMPARE(HttpApiRouteStage().onRequest(ctx), StageStatus::Continue);
    QCOMPARE(ctx.log.stage, stage);
    QCOMPARE(ctx.route->routeKey, route);
    QCOMPARE(QString::fromStdString(ctx.pathParameters["id"]), id);
    if (ctx.log.routeKey != "$default")
        QCOMPARE(ctx.log.routeKey, route);
}

void TestHttpApiStages::lambdaResponses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<QString>("errorMessage");
    using S = IntegrationResult::LambdaStatus;
    QTest::newRow("2.0 answer") << int(S::Success) << QByteArray(R"({"statusCode":201,"body":"made"})") << 201 << int(Outcome::Ok) << "";
    QTest::newRow("statusCode 0") << int(S::Success) << QByteArray(R"({"statusCode":0})") << 500
                                  << int(Outcome::MalformedIntegrationResponse) << "invalid statusCode";
    QTest::newRow("handler raised") << int(S::FunctionError) << QByteArray() << 500 << int(Outcome::FunctionError)
                                    << "The Lambda function returned the following error: boom";
    QTest::newRow("function timed out") << int(S::Timeout) << QByteArray() << 500 << int(Outcome::FunctionTimeout) << "boom";
    QTest::newRow("runtime crashed") << int(S::Crashed) << QByteArray() << 500 << int(Outcome::FunctionCrashed) << "boom";
    QTest::newRow("Lambda refused") << int(S::ServiceError) << QByteArray() << 500 << int(Outcome::LambdaServiceError) << "boom";
}

void TestHttpApiStages::lambdaResponses()
{
    QFETCH(int, status);
    QFETCH(QByteArray, payload);
    QFETCH(int, expectedStatus);
    QFETCH(int, outcome);
    QFETCH(QString, errorMessage);
    PipelineFixture fixture;
    auto backend = std::make_shared<ScriptedBackend>(lambdaResult(IntegrationResult::LambdaStatus(status), payload, QStringLiteral("boom")),
                                                     ScriptedBackend::When::AtOnce);
    fixture.addRoute({std::make_shared<IntegrationStage>(backend, mapped, 30000, true),
                      std::make_shared<LambdaProxyResponseStage>(LambdaProxyResponseStage::PayloadFormat::V2)});
    fixture.start(this);
    QVERIFY(fixture.downstream->received);
    QCOMPARE(fixture.downstream->received->status, expectedStatus);
    const AccessLogEntry log = fixture.logs().value(0);
    QCOMPARE(int(log.outcome), outcome);
    QVERIFY2(log.integrationErrorMessage.contains(errorMessage), qPrintable(log.integrationErrorMessage));
    QCOMPARE(log.integrationRequestId, QByteArray("1b2c3d4e-0000-4000-8000-000000000000"));
    QCOMPARE(log.executionLog, QStringLiteral("START\nhello\nEND\n")); // the function's output, for the monitor
    QVERIFY(log.trace->spans.at(0).output.contains(QStringLiteral("hello"))); // and under the integration's bar
    if (expectedStatus == 500)
        QCOMPARE(fixture.downstream->received->body, QByteArray(R"({"message":"Internal Server Error"})"));
}

void TestHttpApiStages::integrationAnswerFromAnotherThreadResumes()
{
    PipelineFixture fixture;
    auto backend = std::make_shared<ScriptedBackend>(lambdaResult(IntegrationResult::LambdaStatus::Success, R"({"ok":true})"),
                                                     ScriptedBackend::When::FromAnotherThread);
    fixture.addRoute({std::make_shared<IntegrationStage>(backend, mapped, 30000, true),
                      std::make_shared<LambdaProxyResponseStage>(LambdaProxyResponseStage::PayloadFormat::V2)});
    fixture.start(this);
    QTRY_VERIFY(fixture.downstream->received); // resumed on this (the request's) thread
    QCOMPARE(fixture.downstream->received->status, 200);
    QCOMPARE(fixture.downstream->received->body, QByteArray(R"({"ok":true})"));
}

void TestHttpApiStages::integrationTimeoutIsTheDeadline()
{
    PipelineFixture fixture;
    auto backend = std::make_shared<ScriptedBackend>(IntegrationResult{}, ScriptedBackend::When::Never);
    fixture.addRoute({std::make_shared<IntegrationStage>(backend, mapped, 750, true),
                      std::make_shared<LambdaProxyResponseStage>(LambdaProxyResponseStage::PayloadFormat::V2)});
    fixture.start(this);
    QCOMPARE(backend->lastRequest.timeoutMs, 750);
    fixture.clock->advance(750);
    QTRY_VERIFY(fixture.downstream->received);
    QCOMPARE(fixture.downstream->received->status, 503);
    const AccessLogEntry log = fixture.logs().value(0);
    QCOMPARE(log.integrationErrorMessage, QStringLiteral("Integration timed out after 750 ms"));
    QCOMPARE(log.integrationRequestId, QByteArray("1b2c3d4e-0000-4000-8000-000000000000"));
    backend->held->receive(lambdaResult(IntegrationResult::LambdaStatus::Success, "{}")); // the late answer changes nothing
    QCOMPARE(fixture.downstream->sends, 1);
}

void TestHttpApiStages::httpProxyResponses_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("failure");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<int>("outcome");
    QTest::newRow("backend answered") << int(IntegrationResult::Kind::Http) << 0 << 201 << int(Outcome::Ok);
    QTest::newRow("backend timed out") << int(IntegrationResult::Kind::Failed) << int(IntegrationResult::Failure::TimedOut)
                                       << 503 << int(Outcome::IntegrationTimeout);
    QTest::newRow("backend unreachable") << int(IntegrationResult::Kind::Failed) << int(IntegrationResult::Failure::Unreachable)
                                         << 500 << int(Outcome::IntegrationUnreachable);
}

void TestHttpApiStages::httpProxyResponses()
{
    QFETCH(int, kind);
    QFETCH(int, failure);
    QFETCH(int, expectedStatus);
    QFETCH(int, outcome);
    IntegrationResult result;
    result.kind = IntegrationResult::Kind(kind);
    result.failure = IntegrationResult::Failure(failure);
    result.failureMessage = QStringLiteral("Could not reach the integration endpoint: refused");
    result.response.status = 201;
    result.response.headers = {{"Content-Type", "text/plain"}, {"Connection", "keep-alive"}, {"Transfer-Encoding", "chunked"},
                               {"X-Backend", "yes"}};
    result.response.body = "made";
    PipelineFixture fixture;
    auto backend = std::make_shared<ScriptedBackend>(result, ScriptedBackend::When::AtOnce);
    fixture.addRoute({std::make_shared<IntegrationStage>(backend, mapped, 1000, false), std::make_shared<HttpProxyResponseStage>(1000)});
    fixture.start(this);
    QVERIFY(fixture.downstream->received);
    const HttpResponse &response = *fixture.downstream->received;
    QCOMPARE(response.status, expectedStatus);
    const AccessLogEntry log = fixture.logs().value(0);
    QCOMPARE(int(log.outcome), outcome);
    if (expectedStatus == 201) {
        QCOMPARE(response.header("x-backend"), QByteArray("yes"));
        QVERIFY(!response.hasHeader("transfer-encoding")); // framing is the gateway's
        QVERIFY(!response.hasHeader("connection"));
        QCOMPARE(log.integrationStatus, 201);
        QVERIFY(log.integrationLatencyMs >= 0);
    } else if (expectedStatus == 503) {
        QCOMPARE(log.integrationLatencyMs, -1.0); // the service logs none for a timeout
        QCOMPARE(log.integrationErrorMessage, QStringLiteral("Integration timed out after 1000 ms"));
    } else {
        QVERIFY(log.integrationErrorMessage.contains(QStringLiteral("refused")));
    }
}

void TestHttpApiStages::responseHeadersAreCanonical()
{
    PipelineFixture fixture;
    auto backend = std::make_shared<ScriptedBackend>(
        lambdaResult(IntegrationResult::LambdaStatus::Success, R"({"statusCode":200,"headers":{"x-my-header":"1","content-TYPE":"a/b"}})"),
        ScriptedBackend::When::AtOnce);
    fixture.api().prelude = {std::make_shared<HttpApiResponseHeadersStage>()};
    fixture.addRoute({std::make_shared<IntegrationStage>(backend, mapped, 30000, true),
                      std::make_shared<LambdaProxyResponseStage>(LambdaProxyResponseStage::PayloadFormat::V2)});
    fixture.start(this);
    const HttpResponse &response = *fixture.downstream->received;
    QStringList names;
    for (const HttpHeader &h : response.headers)
        names << QString::fromLatin1(h.name);
    // V2_HandlesHeadersCorrectly (recorded): names in canonical MIME form; plus the request id.
    QCOMPARE(names, (QStringList{"Content-Type", "X-My-Header", "Apigw-Requestid"}));
    QCOMPARE(response.header("apigw-requestid"), QByteArray("fixtureReqId0001"));
}

void TestHttpApiStages::requestIdsHaveTheServicesShape()
{
    // Recorded ids ("JCInujOivHcEPVw=", V1_HandlesHeadersCorrectlyHttpV1) are 15 characters of
    // URL-safe base64 and one '='; the service's ids use '-' and '_' (never '+' or '/').
    QSet<QByteArray> seen;
    for (int i = 0; i < 4000; ++i) {
        const QByteArray id = newHttpApiRequestId();
        QCOMPARE(id.size(), 16);
        QCOMPARE(id.back(), '=');
        for (qsizetype c = 0; c < 15; ++c)
            QVERIFY2(std::isalnum(static_cast<unsigned char>(id[c])) || id[c] == '-' || id[c] == '_', id.constData());
        seen.insert(id);
    }
    QCOMPARE(seen.size(), 4000);
}

void TestHttpApiStages::requestsThatReachNoStageAreNotLogged()
{
    // http-api-logging.html: access logging is a stage's setting. An API with only a "dev" stage
    // answers /other with 404 but has no stage to log it in; /dev/... is logged.
    PipelineFixture fixture;
    CompiledStage dev;
    dev.name = "dev";
    fixture.api().stages = {dev};
    fixture.api().defaultStage = nullptr;
    fixture.api().prelude = {std::make_shared<HttpApiStageSelectionStage>(), std::make_shared<HttpApiRouteStage>()};
    fixture.api().routeTable = RouteTable({"GET /thing"});
    fixture.addRoute({std::make_shared<LocalReplyStage>("reply", GatewayResponseType::Default4xx, Outcome::Ok, QString())});
    HttpRequest elsewhere;
    elsewhere.method = "GET";
    elsewhere.target = "/other/thing";
    fixture.start(this, elsewhere, false);
    QCOMPARE(fixture.downstream->received->status, 404);
    QVERIFY(fixture.logs().isEmpty());
    HttpRequest inDev;
    inDev.method = "GET";
    inDev.target = "/dev/thing";
    fixture.start(this, inDev, false);
    QCOMPARE(fixture.downstream->received->status, 400);
    const auto logs = fixture.logs();
    QCOMPARE(logs.size(), 1);
    QCOMPARE(logs.front().stage, QByteArray("dev"));
}

namespace {
// An integration's answer that sets CORS headers of its own.
class BackendWithCorsHeaders : public PipelineStage {
public:
    const char *name() const override { return "backend"; }
    StageStatus onRequest(RequestContext &ctx) const override
    {
        HttpResponse response;
        response.status = 200;
        response.setHeader("Access-Control-Allow-Origin", "https://evil.example");
        response.setHeader("access-control-allow-methods", "DELETE");
        response.setHeader("X-From", "backend");
        ctx.reply(std::move(response));
        return StageStatus::StopAndReply;
    }
};
} // namespace

void TestHttpApiStages::cors_data()
{
    QTest::addColumn<bool>("anyOrigin");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("requestMethod"); // Access-Control-Request-Method
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("reachedBackend");
    QTest::addColumn<QStringList>("expected"); // "Name: value", or "Name" for a header that must be absent
    const QStringList none{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Credentials"};
    // http-api-cors.html: the service answers preflights itself when no route takes OPTIONS,
    // adds the configured headers to integration responses, and ignores the integration's own.
    QTest::newRow("http-api-cors: preflight answered without an OPTIONS route")
        << false << QByteArray("OPTIONS") << QByteArray("/items") << QByteArray("https://app.example") << QByteArray("POST")
        << 204 << false
        << QStringList{"Access-Control-Allow-Origin: https://app.example", "Access-Control-Allow-Methods: GET,POST",
                       "Access-Control-Allow-Headers: authorization,content-type", "Access-Control-Max-Age: 300",
                       "Access-Control-Allow-Credentials: true", "Access-Control-Expose-Headers"};
    QTest::newRow("http-api-cors: preflight for a path no route has")
        << false << QByteArray("OPTIONS") << QByteArray("/nowhere") << QByteArray("https://app.example") << QByteArray("GET")
        << 204 << false << QStringList{"Access-Control-Allow-Origin: https://app.example"};
    QTest::newRow("http-api-cors: preflight from an origin not allowed gets no CORS headers")
        << false << QByteArray("OPTIONS") << QByteArray("/items") << QByteArray("https://other.example") << QByteArray("GET")
        << 204 << false << none;
    QTest::newRow("http-api-cors: http://* allows any http origin")
        << false << QByteArray("OPTIONS") << QByteArray("/items") << QByteArray("http://localhost:5173") << QByteArray("GET")
        << 204 << false << QStringList{"Access-Control-Allow-Origin: http://localhost:5173"};
    QTest::newRow("http-api-cors: an OPTIONS without Access-Control-Request-Method is no preflight")
        << false << QByteArray("OPTIONS") << QByteArray("/items") << QByteArray("https://app.example") << QByteArray()
        << 404 << false << QStringList{"Access-Control-Allow-Origin: https://app.example"};
    QTest::newRow("http-api-cors ($default section): a route matching OPTIONS takes the preflight")
        << false << QByteArray("OPTIONS") << QByteArray("/explicit") << QByteArray("https://app.example") << QByteArray("GET")
        << 200 << true << QStringList{"Access-Control-Allow-Origin: https://app.example", "Access-Control-Allow-Methods: GET,POST", "X-From: backend"};
    QTest::newRow("http-api-cors: a simple request gets origin, credentials, expose")
        << false << QByteArray("GET") << QByteArray("/items") << QByteArray("https://app.example") << QByteArray()
        << 200 << true
        << QStringList{"Access-Control-Allow-Origin: https://app.example", "Access-Control-Allow-Credentials: true",
                       "Access-Control-Expose-Headers: x-request-id", "Access-Control-Allow-Methods", "X-From: backend"};
    QTest::newRow("http-api-cors: the integration's CORS headers are ignored (origin not allowed)")
        << false << QByteArray("GET") << QByteArray("/items") << QByteArray("https://evil.example") << QByteArray()
        << 200 << true << (none + QStringList{"X-From: backend"});
    QTest::newRow("http-api-cors: without Origin no CORS headers at all")
        << false << QByteArray("GET") << QByteArray("/items") << QByteArray() << QByteArray() << 200 << true << none;
    QTest::newRow("http-api-cors: a 404 carries the headers too")
        << false << QByteArray("GET") << QByteArray("/nowhere") << QByteArray("https://app.example") << QByteArray()
        << 404 << false << QStringList{"Access-Control-Allow-Origin: https://app.example"};
    QTest::newRow("http-api-cors: * answers *")
        << true << QByteArray("GET") << QByteArray("/items") << QByteArray("https://any.example") << QByteArray()
        << 200 << true << QStringList{"Access-Control-Allow-Origin: *", "Access-Control-Allow-Credentials"};
}

void TestHttpApiStages::cors()
{
    QFETCH(bool, anyOrigin);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, requestMethod);
    QFETCH(int, status);
    QFETCH(bool, reachedBackend);
    QFETCH(QStringList, expected);
    Cors cors;
    if (anyOrigin) {
        cors.allowOrigins = {"*"};
    } else {
        cors.allowOrigins = {"https://app.example", "http://*"};
        cors.allowCredentials = true;
    }
    cors.allowMethods = {"GET", "POST"};
    cors.allowHeaders = {"authorization", "content-type"};
    cors.exposeHeaders = {"x-request-id"};
    cors.maxAge = 300;
    PipelineFixture fixture;
    fixture.api().prelude = {std::make_shared<HttpApiResponseHeadersStage>(), std::make_shared<HttpApiStageSelectionStage>(),
                             std::make_shared<HttpApiCorsStage>(std::make_shared<CorsPolicy>(cors)),
                             std::make_shared<HttpApiRouteStage>()};
    fixture.api().corsPreflightRoute.chain = {std::make_shared<HttpApiCorsPreflightStage>()};
    fixture.api().routeTable = RouteTable({"GET /items", "OPTIONS /explicit"});
    fixture.addRoute({std::make_shared<BackendWithCorsHeaders>()}, "GET /items");
    fixture.addRoute({std::make_shared<BackendWithCorsHeaders>()}, "OPTIONS /explicit");
    HttpRequest request;
    request.method = method;
    request.target = target;
    request.headers.push_back({"Host", "api.example"});
    if (!origin.isEmpty())
        request.headers.push_back({"Origin", origin});
    if (!requestMethod.isEmpty())
        request.headers.push_back({"Access-Control-Request-Method", requestMethod});
    fixture.start(this, request, false);
    QVERIFY(fixture.downstream->received);
    const HttpResponse &response = *fixture.downstream->received;
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("x-from") == "backend", reachedBackend);
    for (const QString &line : expected) {
        const qsizetype colon = line.indexOf(QLatin1String(": "));
        const QByteArray name = line.left(colon).toLatin1();
        if (colon < 0)
            QVERIFY2(response.header(name).isNull(), qPrintable(line + QStringLiteral(" is ") + QString::fromLatin1(response.header(name))));
        else
            QCOMPARE(QString::fromLatin1(response.header(name)), line.mid(colon + 2));
    }
    QCOMPARE(std::count_if(response.headers.begin(), response.headers.end(),
                           [](const HttpHeader &h) { return h.name.compare("access-control-allow-origin", Qt::CaseInsensitive) == 0; }),
             response.header("access-control-allow-origin").isNull() ? 0 : 1);
}

QTEST_GUILESS_MAIN(TestHttpApiStages)
#include "tst_http_api_stages.moc"
