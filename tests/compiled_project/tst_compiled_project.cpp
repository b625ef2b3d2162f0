// Compiling a project for serving: every route gets its chain as data, references resolve to
// pointers, and each worker's snapshot slot holds a reference of its own.
#include "common/clocks.h"
#include "config/config_slots.h"
#include "gateway/deploy/project_compiler.h"

#include <QTest>
#include <QThread>

using namespace gw;

class TestCompiledProject : public QObject {
    Q_OBJECT
private slots:
    void httpApiChainsAreData();
    void workerSlotsHoldTheirOwnReference();
};

namespace {
Project sampleProject()
{
    return Json::parse(R"({
      "format": "gatewright-project", "version": 1,
      "functions": [{"name": "fn", "runtime": "python3", "handler": "app.handler", "codeDir": "fns"}],
      "apis": [
        {"id": "http", "name": "shop", "type": "HTTP", "apiId": "shop000001",
         "routes": [
           {"routeKey": "GET /a", "integration": "v2"},
           {"routeKey": "GET /b", "integration": "v2"},
           {"routeKey": "GET /legacy", "integration": "v1"},
           {"routeKey": "ANY /proxy/{proxy+}", "integration": "backend"},
           {"routeKey": "GET /mock", "integration": "mock"},
           {"routeKey": "GET /bad-uri", "integration": "bad"},
           {"routeKey": "$default"}],
         "integrations": [
           {"id": "v2", "type": "AWS_PROXY", "function": "fn"},
           {"id": "v1", "type": "AWS_PROXY", "function": "fn", "payloadFormatVersion": "1.0"},
           {"id": "backend", "type": "HTTP_PROXY", "uri": "http://127.0.0.1:9/{proxy}"},
           {"id": "mock", "type": "MOCK"},
           {"id": "bad", "type": "HTTP_PROXY", "uri": "not a url"}],
         "stages": [{"name": "$default"}, {"name": "dev", "stageVariables": {"t": "x"}}]},
        {"id": "rest", "name": "legacy", "type": "REST", "stages": [{"name": "prod"}],
         "resources": [{"path": "/x", "methods": [{"httpMethod": "GET", "integration": {"type": "MOCK"}},
                                                  {"httpMethod": "POST", "integration": {"type": "HTTP", "uri": "http://127.0.0.1:9"}}]}]}]
    })").get<Project>();
}

QStringList namesOf(const StageChain &chain)
{
    QStringList names;
    for (const StagePtr &stage : chain)
        names << QString::fromLatin1(stage->name());
    return names;
}
} // namespace

void TestCompiledProject::httpApiChainsAreData()
{
    const auto compiled = compileProject(sampleProject(), QStringLiteral("/srv/p"), DeployServices{nullptr, nullptr, systemClock()});
    QCOMPARE(compiled->apis.size(), size_t(2));
    // The REST API: its stage always in the path, a route per method, the service's method order.
    const CompiledApi &rest = *compiled->apis[1];
    QCOMPARE(rest.type, ApiType::Rest);
    QCOMPARE(rest.defaultStage, nullptr);
    QCOMPARE(rest.stages[0].pathPrefix, QByteArray("/prod"));
    QCOMPARE(namesOf(rest.prelude), (QStringList{"response_headers", "stage", "route"}));
    // Its stage serves a deployment: with no snapshot deployed, the design as it is.
    QVERIFY(rest.stages[0].deployment);
    QVERIFY(!rest.stages[0].deployment->fromSnapshot);
    QVERIFY(rest.routes.empty());
    const std::vector<CompiledRoute> &routes = rest.stages[0].deployment->routes;
    QCOMPARE(routes.size(), size_t(2));
    QCOMPARE(routes[0].routeKey, QByteArray("GET /x"));
    // The console's four parts: the method response first, as its work is all on the way back.
    QCOMPARE(namesOf(routes[0].chain),
             (QStringList{"method_response", "method_request", "integration_request", "integration", "integration_response"}));
    QVERIFY(!routes[0].chain[0]->hasRequestPhase());
    QVERIFY(routes[0].chain[3]->isIntegration());
    QCOMPARE(routes[0].resourceId.size(), size_t(10));
    // HTTP (custom): mapped, called, its answer mapped by the integration responses.
    QCOMPARE(namesOf(routes[1].chain),
             (QStringList{"method_response", "method_request", "integration_request", "integration", "integration_response"}));
    QVERIFY(routes[1].chain[3]->isIntegration());
    QCOMPARE(compiled->functions.size(), 1);
    QCOMPARE(compiled->functions[0].codeDir, QStringLiteral("/srv/p/fns"));
    const CompiledApi &api = *compiled->apis[0];
    QCOMPARE(api.model, &compiled->project.apis[0]); // points into the snapshot's own copy
    QCOMPARE(namesOf(api.prelude), (QStringList{"response_headers", "stage", "route"}));
    QCOMPARE(api.routes.size(), size_t(7));
    QCOMPARE(namesOf(api.routes[0].chain), (QStringList{"integration", "lambda_response"}));
    QVERIFY(api.routes[0].chain[0]->isIntegration());
    QCOMPARE(api.routes[0].chain[0].get(), api.routes[1].chain[0].get()); // one chain per integration, shared
    QVERIFY(api.routes[2].chain[0].get() != api.routes[0].chain[0].get());
    QCOMPARE(namesOf(api.routes[3].chain), (QStringList{"integration", "http_response"}));
    QCOMPARE(namesOf(api.routes[4].chain), (QStringList{"integration"})); // MOCK: answered with why
    QVERIFY(!api.routes[4].chain[0]->isIntegration());
    QCOMPARE(namesOf(api.routes[5].chain), (QStringList{"integration"}));
    QCOMPARE(namesOf(api.routes[6].chain), (QStringList{"integration"})); // no integration attached
    QCOMPARE(api.routes[2].resourcePath, std::string("/legacy"));
    QCOMPARE(api.routes[6].resourcePath, std::string("$default"));
    QCOMPARE(api.routes[0].integration, &compiled->project.apis[0].integrations()[0]);
    QCOMPARE(api.stages.size(), size_t(2));
    QCOMPARE(api.defaultStage, &api.stages[0]);
    QCOMPARE(api.stages[1].pathPrefix, QByteArray("/dev"));
    QCOMPARE(api.findStage("dev"), &api.stages[1]);
    QCOMPARE(api.responses.spec(GatewayResponseType::IntegrationTimeout).status, 503);
}

void TestCompiledProject::workerSlotsHoldTheirOwnReference()
{
    CompiledProjectPtr shared = compileProject(sampleProject(), QString(), DeployServices{nullptr, nullptr, systemClock()});
    const long before = shared.use_count();
    long duringRequests = 0;
    const CompiledProject *seen = nullptr;
    QThread *worker = QThread::create([&] {
        QVERIFY(!config_slots::current());
        config_slots::publishOnThisThread(shared);
        std::vector<CompiledProjectPtr> requests(16, config_slots::current()); // what requests copy
        seen = requests.front().get();
        duringRequests = shared.use_count();
        requests.clear();
        config_slots::publishOnThisThread(nullptr);
    });
    worker->start();
    worker->wait();
    delete worker;
    QCOMPARE(seen, shared.get());
    QCOMPARE(duringRequests, before + 1); // requests counted on the slot's own control block
    QCOMPARE(shared.use_count(), before);
}

QTEST_GUILESS_MAIN(TestCompiledProject)
#include "tst_compiled_project.moc"
