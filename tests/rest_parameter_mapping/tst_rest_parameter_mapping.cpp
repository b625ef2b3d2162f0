// REST request parameter mapping as a table: each row one mapping (target key = source) on one
// request, and what the integration request gets; the sources and their forms are the service's
// (rest-api-parameter-mapping-sources.html, "Map method request data to integration request
// parameters"); a source the request does not have leaves the parameter out (recorded:
// rest-recorded http-integration/http_proxy/request-parameter-mapping, testEmptyQs).
#include "../testlib/fake_downstream.h"
#include "common/clocks.h"
#include "config/compiled_project.h"
#include "pipeline/request_context.h"
#include "pipeline/rest_parameter_mapping.h"

#include <QTest>

using namespace gw;

class TestRestParameterMapping : public QObject {
    Q_OBJECT
private slots:
    void mapsEachSourceToEachTarget_data();
    void mapsEachSourceToEachTarget();
    void refusesWhatTheServiceRefuses_data();
    void refusesWhatTheServiceRefuses();
};

namespace {
// "path:id=7;query:who=ana;header:x-q=a b": what a mapping produced, in its order.
QString describe(const RestRequestMapping::Mapped &mapped)
{
    QStringList parts;
    for (const auto &[name, value] : mapped.path)
        parts << QStringLiteral("path:%1=%2").arg(QString::fromStdString(name), QString::fromStdString(value));
    for (const auto &[name, value] : mapped.query)
        parts << QStringLiteral("query:%1=%2").arg(QString::fromStdString(name), QString::fromStdString(value));
    for (const auto &[name, value] : mapped.headers)
        parts << QStringLiteral("header:%1=%2").arg(QString::fromUtf8(name), QString::fromUtf8(value));
    return parts.join(QLatin1Char(';'));
}
} // namespace

void TestRestParameterMapping::mapsEachSourceToEachTarget_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    // Every row runs on: GET /dev/pets/7?q=a%20b&t=x&t=y, headers X-User: ana, X-V: 1, X-V: 2,
    // body {"name": "rex", "age": 3, "owner": {"city": "Oslo"}}, path parameter petId = 7, stage
    // variable tier = gold, request id req-0001.
    QTest::newRow("path from path") << "integration.request.path.id" << "method.request.path.petId" << "path:id=7";
    QTest::newRow("header from query, decoded") << "integration.request.header.x-q" << "method.request.querystring.q" << "header:x-q=a b";
    QTest::newRow("query from header, any case") << "integration.request.querystring.who" << "method.request.header.x-user" << "query:who=ana";
    QTest::newRow("single-valued header: the last") << "integration.request.header.x-v" << "method.request.header.X-V" << "header:x-v=2";
    QTest::newRow("single-valued query: the last") << "integration.request.querystring.t" << "method.request.querystring.t" << "query:t=y";
    QTest::newRow("multi-valued query: every value")
        << "integration.request.multivaluequerystring.tag" << "method.request.multivaluequerystring.t" << "query:tag=x;query:tag=y";
    QTest::newRow("multi-valued header: every value")
        << "integration.request.multivalueheader.x-all" << "method.request.multivalueheader.X-V" << "header:x-all=1;header:x-all=2";
    QTest::newRow("static value") << "integration.request.header.x-static" << "'fixed value'" << "header:x-static=fixed value";
    QTest::newRow("the whole body") << "integration.request.header.x-body" << "method.request.body"
                                    << R"(header:x-body={"name": "rex", "age": 3, "owner": {"city": "Oslo"}})";
    QTest::newRow("body JSONPath, a string") << "integration.request.querystring.name" << "method.request.body.name" << "query:name=rex";
    QTest::newRow("body JSONPath, a number") << "integration.request.querystring.age" << "method.request.body.age" << "query:age=3";
    QTest::newRow("body JSONPath, nested") << "integration.request.path.city" << "method.request.body.owner.city" << "path:city=Oslo";
    QTest::newRow("body JSONPath, an object as JSON") << "integration.request.header.x-owner" << "method.request.body.owner"
                                                      << R"(header:x-owner={"city":"Oslo"})";
    QTest::newRow("context variable") << "integration.request.header.x-request" << "context.requestId" << "header:x-request=req-0001";
    QTest::newRow("context variable, nested") << "integration.request.header.x-ip" << "context.identity.sourceIp" << "header:x-ip=10.1.2.3";
    QTest::newRow("stage variable") << "integration.request.header.x-tier" << "stageVariables.tier" << "header:x-tier=gold";
    QTest::newRow("absent query: left out (testEmptyQs)") << "integration.request.querystring.q" << "method.request.querystring.absent" << "";
    QTest::newRow("absent header: left out") << "integration.request.header.x-none" << "method.request.header.X-None" << "";
    QTest::newRow("absent body path: left out") << "integration.request.header.x-none" << "method.request.body.missing.deeper" << "";
    QTest::newRow("absent stage variable: left out") << "integration.request.header.x-none" << "stageVariables.nope" << "";
}

void TestRestParameterMapping::mapsEachSourceToEachTarget()
{
    QFETCH(QString, key);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    RestRequestMapping mapping;
    std::string error, failedKey;
    QVERIFY2(mapping.compile({{key.toStdString(), source.toStdString()}}, &error, &failedKey), error.c_str());

    auto project = std::make_shared<CompiledProject>();
    project->clock = std::make_shared<ManualClock>();
    auto api = std::make_shared<CompiledApi>();
    api->type = ApiType::Rest;
    CompiledStage stage;
    stage.name = "dev";
    stage.stageVariables = {{"tier", "gold"}};
    HttpRequest request;
    request.method = "GET";
    request.target = "/dev/pets/7?q=a%20b&t=x&t=y";
    request.headers = {{"X-User", "ana"}, {"X-V", "1"}, {"X-V", "2"}};
    request.body = R"({"name": "rex", "age": 3, "owner": {"city": "Oslo"}})";
    auto ctx = std::make_shared<RequestContext>(project, api.get(), std::move(request), std::make_shared<test::FakeDownstream>(this));
    ctx->stage = &stage;
    ctx->pathParameters = {{"petId", "7"}};
    ctx->log.requestId = "req-0001";
    ctx->log.sourceIp = "10.1.2.3";
    QCOMPARE(describe(mapping.evaluate(*ctx)), expected);
}

void TestRestParameterMapping::refusesWhatTheServiceRefuses_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("reason");
    QTest::newRow("a target that is no integration request parameter")
        << "integration.request.cookie.c" << "method.request.header.x" << "is not integration.request.";
    QTest::newRow("a method request part that does not exist") << "integration.request.header.x" << "method.request.cookie.c"
                                                              << "is not 'static'";
    QTest::newRow("a static value without its quotes") << "integration.request.header.x" << "fixed" << "is not 'static'";
    QTest::newRow("a context variable the service does not have") << "integration.request.header.x" << "context.noSuchThing"
                                                                  << "names no $context variable";
}

void TestRestParameterMapping::refusesWhatTheServiceRefuses()
{
    QFETCH(QString, key);
    QFETCH(QString, source);
    QFETCH(QString, reason);
    RestRequestMapping mapping;
    std::string error, failedKey;
    QVERIFY(!mapping.compile({{key.toStdString(), source.toStdString()}}, &error, &failedKey));
    QVERIFY2(QString::fromStdString(error).contains(reason), error.c_str());
    QCOMPARE(QString::fromStdString(failedKey), key); // the designer marks the key that is wrong
}

QTEST_GUILESS_MAIN(TestRestParameterMapping)
#include "tst_rest_parameter_mapping.moc"
