// HTTP API parameter mapping, one row per operation and value source, each naming the part of
// http-api-parameter-mapping.html it follows: requestParameters on an HTTP integration's request,
// responseParameters on its answer.
#include "common/clocks.h"
#include "gateway/deploy/project_compiler.h"
#include "pipeline/in_memory_downstream.h"
#include "pipeline/parameter_mapping.h"
#include "pipeline/request_context.h"
#include "pipeline/stages/http_api_route_stage.h"
#include "pipeline/stages/http_api_stage_selection_stage.h"

#include <QTest>

using namespace gw;

namespace {

struct Fixture {
    CompiledProjectPtr config;
    RequestContextPtr ctx;
};

// GET /dev/pets/42?kind=cat&kind=dog&q=a+b with a JSON body, routed as the gateway routes it.
Fixture fixture()
{
    const Project project = Json::parse(R"({"format": "gatewright-project", "version": 1,
        "apis": [{"id": "a", "name": "a", "type": "HTTP", "apiId": "aaaaaaaaaa",
          "routes": [{"routeKey": "GET /pets/{petId}"}],
          "stages": [{"name": "dev", "stageVariables": {"backend": "v2"}}]}]})").get<Project>();
    Fixture f;
    f.config = compileProject(project, QString(), DeployServices{nullptr, nullptr, systemClock()});
    HttpRequest request;
    request.method = "GET";
    request.target = "/dev/pets/42?kind=cat&kind=dog&q=a+b";
    request.headers = {{"Host", "api.example"}, {"X-Tenant", "t1"}, {"x-tenant", "t2"}, {"Accept", "text/html"}};
    request.body = R"({"owner": {"name": "Ana", "tags": ["a", "b"]}, "n": 3})";
    f.ctx = std::make_shared<RequestContext>(f.config, f.config->apis[0].get(), request,
                                             std::make_shared<InMemoryDownstream>(nullptr, nullptr));
    f.ctx->log.requestId = "req-0000000001=";
    f.ctx->log.httpMethod = "GET";
    HttpApiStageSelectionStage().onRequest(*f.ctx);
    HttpApiRouteStage().onRequest(*f.ctx);
    return f;
}

IntegrationRequest backendRequest()
{
    IntegrationRequest request;
    request.method = "GET";
    request.target = "/pets/42?kind=cat&kind=dog&q=a+b";
    request.headers = {{"X-Tenant", "t1,t2"}, {"Accept", "text/html"}, {"X-Forwarded-For", "127.0.0.1"}};
    return request;
}

QByteArray headerOf(const std::vector<HttpHeader> &headers, const QByteArray &name)
{
    QByteArray out;
    int count = 0;
    for (const HttpHeader &h : headers)
        if (h.name.compare(name, Qt::CaseInsensitive) == 0) {
            out += (count++ ? "|" : "") + h.value;
        }
    return count ? out : QByteArray("<none>");
}

} // namespace

class TestParameterMapping : public QObject {
    Q_OBJECT
private slots:
    void requestParameters_data();
    void requestParameters();
    void responseParameters_data();
    void responseParameters();
    void badKeysAndReferencesAreReported();
};

void TestParameterMapping::requestParameters_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("header");   // header to read afterwards; empty: read the target
    QTest::addColumn<QByteArray>("expected");
    // Operations ("Transforming API requests": append|overwrite|remove:header / :querystring, overwrite:path).
    QTest::newRow("overwrite:header with a static value") << "overwrite:header.x-api" << "v2" << "x-api" << QByteArray("v2");
    QTest::newRow("overwrite:header replaces every value") << "overwrite:header.x-tenant" << "one" << "x-tenant" << QByteArray("one");
    QTest::newRow("append:header joins with a comma") << "append:header.x-tenant" << "t3" << "x-tenant" << QByteArray("t1,t2,t3");
    QTest::newRow("append:header adds a new one") << "append:header.x-new" << "n" << "x-new" << QByteArray("n");
    QTest::newRow("remove:header") << "remove:header.accept" << "''" << "accept" << QByteArray("<none>");
    QTest::newRow("overwrite:querystring") << "overwrite:querystring.kind" << "bird" << "" << QByteArray("/pets/42?q=a+b&kind=bird");
    QTest::newRow("append:querystring") << "append:querystring.kind" << "fish" << "" << QByteArray("/pets/42?kind=cat&kind=dog&q=a+b&kind=fish");
    QTest::newRow("remove:querystring") << "remove:querystring.kind" << "" << "" << QByteArray("/pets/42?q=a+b");
    QTest::newRow("querystring values are encoded") << "overwrite:querystring.who" << "a b&c" << "" << QByteArray("/pets/42?kind=cat&kind=dog&q=a+b&who=a%20b%26c");
    QTest::newRow("overwrite:path keeps the query") << "overwrite:path" << "/v2/animals" << "" << QByteArray("/v2/animals?kind=cat&kind=dog&q=a+b");
    // Values ("supported values that you can map to parameters").
    QTest::newRow("$request.header: case-insensitive, comma-joined") << "overwrite:header.to" << "$request.header.X-TENANT" << "to" << QByteArray("t1,t2");
    QTest::newRow("$request.querystring: comma-joined") << "overwrite:header.to" << "$request.querystring.kind" << "to" << QByteArray("cat,dog");
    QTest::newRow("$request.querystring: names are case-sensitive") << "overwrite:header.to" << "$request.querystring.KIND" << "to" << QByteArray("<none>");
    QTest::newRow("$request.querystring: decoded") << "overwrite:header.to" << "$request.querystring.q" << "to" << QByteArray("a b");
    QTest::newRow("$request.body.name: a JSON path") << "overwrite:header.to" << "$request.body.owner.name" << "to" << QByteArray("Ana");
    QTest::newRow("$request.body: an index in a JSON path") << "overwrite:header.to" << "$request.body.owner.tags[1]" << "to" << QByteArray("b");
    QTest::newRow("$request.body: a number as JSON") << "overwrite:header.to" << "$request.body.n" << "to" << QByteArray("3");
    QTest::newRow("$request.body: a missing path is empty") << "overwrite:header.to" << "$request.body.nope" << "to" << QByteArray("<none>");
    QTest::newRow("$request.path: without the stage") << "overwrite:header.to" << "$request.path" << "to" << QByteArray("/pets/42");
    QTest::newRow("$request.path.name: a path parameter") << "overwrite:header.to" << "$request.path.petId" << "to" << QByteArray("42");
    QTest::newRow("$context.variableName") << "overwrite:header.to" << "$context.requestId" << "to" << QByteArray("req-0000000001=");
    QTest::newRow("$stageVariables.variableName") << "overwrite:header.to" << "$stageVariables.backend" << "to" << QByteArray("v2");
    QTest::newRow("static text mixed with braced references") << "overwrite:header.to" << "pet-${request.path.petId}-${context.httpMethod}"
                                                     << "to" << QByteArray("pet-42-GET");
    QTest::newRow("overwrite:path from a path parameter") << "overwrite:path" << "/animals/$request.path.petId" << "" << QByteArray("/animals/42?kind=cat&kind=dog&q=a+b");
}

void TestParameterMapping::requestParameters()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, header);
    QFETCH(QByteArray, expected);
    Fixture f = fixture();
    QVERIFY(f.ctx->route);
    QStringList errors;
    RequestParameterMapping mapping({{key.toStdString(), value.toStdString()}}, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    IntegrationRequest request = backendRequest();
    mapping.apply(*f.ctx, request);
    if (header.isEmpty())
        QCOMPARE(request.target, expected);
    else
        QCOMPARE(headerOf(request.headers, header.toLatin1()), expected);
}

void TestParameterMapping::responseParameters_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QString>("header");
    QTest::addColumn<QByteArray>("expected");
    // "Transforming API responses": per status code, append|overwrite|remove:header, overwrite:statuscode.
    QTest::newRow("overwrite:statuscode") << 404 << "overwrite:statuscode" << "200" << 200 << "x-why" << QByteArray("backend");
    QTest::newRow("another status code is left alone") << 200 << "overwrite:statuscode" << "204" << 200 << "x-why" << QByteArray("backend");
    QTest::newRow("$response.header into another header") << 404 << "append:header.x-copy" << "$response.header.x-why" << 404 << "x-copy" << QByteArray("backend");
    QTest::newRow("$response.body.name: a JSON path") << 404 << "overwrite:header.x-code" << "$response.body.error.code" << 404 << "x-code" << QByteArray("E42");
    QTest::newRow("append:header to an existing one") << 404 << "append:header.x-why" << "mapped" << 404 << "x-why" << QByteArray("backend,mapped");
    QTest::newRow("remove:header") << 404 << "remove:header.x-why" << "" << 404 << "x-why" << QByteArray("<none>");
    QTest::newRow("$context in a response") << 404 << "overwrite:header.x-request" << "id=$context.requestId" << 404 << "x-request" << QByteArray("id=req-0000000001=");
    QTest::newRow("a status code that is no number is ignored") << 404 << "overwrite:statuscode" << "abc" << 404 << "x-why" << QByteArray("backend");
}

void TestParameterMapping::responseParameters()
{
    QFETCH(int, status);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(int, expectedStatus);
    QFETCH(QString, header);
    QFETCH(QByteArray, expected);
    Fixture f = fixture();
    QStringList errors;
    ResponseParameterMapping mapping({{"404", {{key.toStdString(), value.toStdString()}}}}, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    HttpResponse response;
    response.status = status;
    response.headers = {{"X-Why", "backend"}, {"Content-Type", "application/json"}};
    response.body = R"({"error": {"code": "E42"}})";
    mapping.apply(*f.ctx, response);
    QCOMPARE(response.status, expectedStatus);
    QCOMPARE(headerOf(response.headers, header.toLatin1()), expected);
}

void TestParameterMapping::badKeysAndReferencesAreReported()
{
    QStringList errors;
    RequestParameterMapping request({{"replace:header.x", "1"}, {"overwrite:statuscode", "200"}, {"append:path", "/x"},
                                     {"overwrite:header.y", "$request.nothing"}, {"overwrite:header.z", "$response.body"},
                                     // "Reserved headers": never mapped, in any case
                                     {"overwrite:header.Via", "x"}, {"append:header.Access-Control-Allow-Origin", "*"},
                                     {"remove:header.x-amzn-trace-id", ""}},
                                    &errors);
    QCOMPARE(errors.size(), 8);
    QVERIFY(errors.filter(QStringLiteral("reserved header")).size() == 3);
    errors.clear();
    ResponseParameterMapping response({{"2xx", {{"overwrite:statuscode", "200"}}}, {"500", {{"overwrite:path", "/"}}}}, &errors);
    QCOMPARE(errors.size(), 2);
}

QTEST_GUILESS_MAIN(TestParameterMapping)
#include "tst_parameter_mapping.moc"
