// REST APIs served for real: stage in the path, resource methods, MOCK integrations with mapping
// templates, integration response selection, header mapping, $context overrides, the REST ids
// and the service's gateway responses. Over sockets, with the gateway as `serve` runs it.
#include "observability/access_log_formatter.h"
#include "common/sigv4.h"
#include "gateway/deploy/project_compiler.h"
#include "pipeline/content_handling.h"
#include "gateway/gateway.h"
#include "model/project_loader.h"
#include "../testlib/http_reply.h"
#include "../testlib/local_backend.h"
#include "model/rest_deployments.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QMutex>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <nlohmann/json.hpp>

using namespace gw;
using nlohmann::json;
using gw::testlib::Reply;

namespace {

json method(const char *httpMethod, json integration)
{
    return {{"httpMethod", httpMethod}, {"integration", std::move(integration)}};
}

json mock(json requestTemplates, json responses, const char *passthrough = "WHEN_NO_MATCH")
{
    return {{"type", "MOCK"}, {"requestTemplates", std::move(requestTemplates)},
            {"passthroughBehavior", passthrough}, {"integrationResponses", std::move(responses)}};
}

// A function's code file under dir (its folder made); false when it cannot be written.
bool writeCode(const QTemporaryDir &dir, const QString &path, const QByteArray &text)
{
    if (!QDir(dir.path()).mkpath(QFileInfo(dir.filePath(path)).path()))
        return false;
    QFile file(dir.filePath(path));
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

json projectJson()
{
    json resources = json::array();
    resources.push_back({{"path", "/pets/{petId}"},
                         {"methods", {method("GET", mock({{"application/json", "{\"statusCode\": #if($input.params('petId') == '0')404#{else}200#end}"}},
                                                         {{{"statusCode", "200"},
                                                           {"responseTemplates", {{"application/json",
                                                                                   "{\"id\": \"$input.params('petId')\", \"stage\": \"$context.stage\", "
                                                                                   "\"greeting\": \"$stageVariables.greeting\", \"resource\": \"$context.resourcePath\", "
                                                                                   "\"requestId\": \"$context.requestId\", \"q\": \"$input.params('q')\"}"}}},
                                                           {"responseParameters", {{"method.response.header.X-Pet", "'yes'"},
                                                                                   {"method.response.header.X-Stage-Var", "stageVariables.greeting"}}}},
                                                          {{"statusCode", "404"}, {"selectionPattern", "4\\d\\d"},
                                                           {"responseTemplates", {{"application/json", "{\"message\": \"no pet $input.params('petId')\"}"}}}}}))}}});
    // Recorded against AWS (../shared/conformance/vtl, aws-mock-response-override-in-request-template):
    // the request template sets $context.responseOverride; the client gets status 444 and header foo.
    resources.push_back({{"path", "/override"},
                         {"methods", {method("GET", mock({{"application/json", "\n#set($context.responseOverride.status = 444)\n"
                                                                              "#set($context.responseOverride.header.foo = \"bar\")\n{\n  \"statusCode\": 200\n}\n"}},
                                                         {{{"statusCode", "200"},
                                                           {"responseTemplates", {{"application/json", "{\"statusOverride\": \"$context.responseOverride.status\"}"}}}}}))}}});
    resources.push_back({{"path", "/strict"},
                         {"methods", {method("POST", mock({{"application/json", "{\"statusCode\": #if($input.path('$.a.b') == 1)200#{else}400#end}"}},
                                                          {{{"statusCode", "200"}, {"responseTemplates", {{"application/json", "mapped"}}}},
                                                           {{"statusCode", "400"}, {"selectionPattern", "400"}, {"responseTemplates", {{"application/json", "bad"}}}}},
                                                          "NEVER"))}}});
    resources.push_back({{"path", "/broken-at-runtime"},
                         {"methods", {method("POST", mock({{"application/json", "{\"statusCode\": 200}"}},
                                                          {{{"statusCode", "200"},
                                                            {"responseTemplates", {{"application/json", "line one\n  $util.parseJson('{oops')"}}}}}))}}});
    resources.push_back({{"path", "/broken-at-deploy"},
                         {"methods", {method("GET", mock({{"application/json", "#if($x)never closed"}}, json::array()))}}});
    resources.push_back({{"path", "/no-default"},
                         {"methods", {method("GET", mock({{"application/json", "{\"statusCode\": 201}"}},
                                                         {{{"statusCode", "200"}, {"selectionPattern", "200"}}}))}}});
    resources.push_back({{"path", "/files/{proxy+}"},
                         {"methods", {method("ANY", mock({{"application/json", "{\"statusCode\": 200}"}},
                                                         {{{"statusCode", "200"},
                                                           {"responseTemplates", {{"application/json", "$context.httpMethod $input.params('proxy')"}}}}}))}}});
    // AWS (Lambda custom): the request template makes the event, selection patterns read a
    // function error's errorMessage, response templates read the result or the error document.
    const json custom = {
        {"type", "AWS"},
        {"httpMethod", "POST"},
        {"uri", "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/invocations"},
        {"requestTemplates", {{"application/json", "{\"id\": \"$input.params('id')\", \"action\": \"$input.params('action')\"}"}}},
        {"integrationResponses",
         {{{"statusCode", "200"},
           {"responseTemplates", {{"application/json", "{\"order\": $input.json('$.id'), \"count\": $input.path('$.items').size()}"}}}},
          {{"statusCode", "404"}, {"selectionPattern", "Order .* not found"},
           {"responseTemplates", {{"application/json", "{\"error\": \"$input.path('$.errorMessage')\", \"type\": \"$input.path('$.errorType')\"}"}}}},
          {{"statusCode", "504"}, {"selectionPattern", ".*Task timed out.*"}}}}};
    resources.push_back({{"path", "/orders/{id}"}, {"methods", {method("GET", custom)}}});
    // Request validation: required parameters, then the body against the model for its type.
    resources.push_back(
        {{"path", "/validated"},
         {"methods", {{{"httpMethod", "POST"},
                       {"requestValidator", "all"},
                       {"requestParameters", {{"method.request.header.x-token", true}, {"method.request.querystring.q", true},
                                              {"method.request.querystring.optional", false}}},
                       {"requestModels", {{"application/json", "Pet"}}},
                       {"integration", mock({{"application/json", "{\"statusCode\": 200}"}, {"text/plain", "{\"statusCode\": 200}"}},
                                            {{{"statusCode", "200"}, {"responseTemplates", {{"application/json", "valid"}}}}})}}}}});
    resources.push_back({{"path", "/tree"},
                         {"methods", {{{"httpMethod", "POST"},
                                       {"requestValidator", "body"},
                                       {"requestModels", {{"$default", "Tree"}}},
                                       {"integration", mock(json::object(), {{{"statusCode", "200"}}})}}}}});
    const json models = {
        {{"name", "Pet"}, {"contentType", "application/json"},
         {"schema", {{"type", "object"}, {"required", {"name"}}, {"properties", {{"name", {{"type", "string"}}}, {"tag", {{"$ref", "https://apigateway.amazonaws.com/restapis/a1b2c3d4e5/models/Tag"}}}}}}}},
        {{"name", "Tag"}, {"contentType", "application/json"}, {"schema", {{"type", "string"}, {"maxLength", 5}}}},
        // A model that refers to itself: a tree of any depth.
        {{"name", "Tree"}, {"contentType", "application/json"},
         {"schema", {{"type", "object"}, {"properties", {{"child", {{"$ref", "https://apigateway.amazonaws.com/restapis/a1b2c3d4e5/models/Tree"}}}}}, {"additionalProperties", false}}}}};
    const json validators = {{{"id", "all"}, {"name", "everything"}, {"validateRequestBody", true}, {"validateRequestParameters", true}},
                             {{"id", "body"}, {"name", "body"}, {"validateRequestBody", true}}};
    return {{"format", "gatewright-project"},
            {"version", 1},
            {"name", "REST"},
            {"functions", {{{"name", "orders"}, {"runtime", "python3"}, {"handler", "app.handler"}, {"codeDir", "orders"}, {"timeout", 1}}}},
            {"region", "us-east-1"},
            {"accountId", "123456789012"},
            {"apis", {{{"id", "pets"}, {"name", "Pets"}, {"type", "REST"}, {"apiId", "a1b2c3d4e5"}, {"port", 0},
                       {"stages", {{{"name", "dev"}, {"stageVariables", {{"greeting", "hello"}}}}}},
                       {"resources", resources}, {"models", models}, {"requestValidators", validators}}}}};
}

} // namespace

class TestRestApi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void mockPicksTheIntegrationResponseByStatus();
    void restIdsAndTraceHeaders();
    void unknownStageResourceOrMethodIsMissingAuthenticationToken_data();
    void unknownStageResourceOrMethodIsMissingAuthenticationToken();
    void requestTemplateOverridesReachTheClient();
    void passthroughNeverRefusesUnmappedContentTypes();
    void templateErrorsAre500AndSayWhere();
    void noMatchingResponseAndNoDefaultIs500();
    void greedyPathAndAnyMethod();
    void executionLogHasTheServicesLines();
    void everyAnswerEndsTheExecutionLogAsTheServiceDoes_data();
    void everyAnswerEndsTheExecutionLogAsTheServiceDoes();
    void deploymentProblemsAreFoundWithoutServing();
    void lambdaCustomMapsResultsAndErrorsBySelectionPattern();
    void requestValidationGivesTheServicesAnswers();
    void brokenModelsAreFoundAtDesignTime();
    void httpCustomMapsBothWaysAndFailsAsTheServiceDoes();
    void untrustedBackendCertificatesPassOnlyWithInsecureSkipVerification();
    void selectionPatternsMatchTheWholeStatusCode_data();
    void selectionPatternsMatchTheWholeStatusCode();
    void awsServiceCallsGoSignedToTheProjectsEndpoints();
    void textPayloadsAreReadAsUtf8AsTheServiceReadsThem_data();
    void textPayloadsAreReadAsUtf8AsTheServiceReadsThem();
    void stagesServeTheirDeploymentsSnapshot();
    void canaryTakesItsShareUnderASeed();
    void stageVariablesNameTheBackendAndFunction();
    void gatewayResponsesAreTheDeployedOnes();
    void lambdaProxyBase64IsDecodedForBinaryAccepts();
    void cleanupTestCase() { m_gateway.reset(); } // before the logs it flushes into and the code it runs

private:
    Reply send(const QByteArray &verb, const QString &path, const QByteArray &body = {}, const QByteArray &contentType = {});
    AccessLogEntry logFor(const QByteArray &requestId);
    std::unique_ptr<Gateway> m_gateway;
    QNetworkAccessManager m_nam;
    quint16 m_port = 0;
    QVector<AccessLogEntry> m_logs;
    QTemporaryDir m_dir;
};

void TestRestApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(writeCode(m_dir, QStringLiteral("orders/app.py"), "import time\n"
               "def handler(event, context):\n"
               "    if event['action'] == 'fail':\n"
               "        raise ValueError('Order ' + event['id'] + ' not found')\n"
               "    if event['action'] == 'sleep':\n"
               "        time.sleep(3)\n"
               "    return {'id': event['id'], 'items': [1, 2, 3]}\n"));
    LoadResult loaded = parseProject(QByteArray::fromStdString(projectJson().dump()), QStringLiteral("rest.json"), m_dir.path());
    if (auto *error = std::get_if<ProjectError>(&loaded))
        QFAIL(qPrintable(error->toString()));
    m_gateway = std::make_unique<Gateway>();
    connect(m_gateway.get(), &Gateway::accessLogBatch, this, [this](const QVector<AccessLogEntry> &batch) { m_logs += batch; });
    QString error;
    QVERIFY2(m_gateway->start(std::get<LoadedProject>(loaded).project, m_dir.path(), &error), qPrintable(error));
    QCOMPARE(m_gateway->endpoints().size(), 1);
    m_port = m_gateway->endpoints().first().port;
}

Reply TestRestApi::send(const QByteArray &verb, const QString &path, const QByteArray &body, const QByteArray &contentType)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!contentType.isEmpty())
        headers.append({QByteArrayLiteral("Content-Type"), contentType});
    return testlib::send(m_nam, m_port, verb, path, body, headers, 10000);
}

AccessLogEntry TestRestApi::logFor(const QByteArray &requestId)
{
    return testlib::logFor(m_logs, requestId);
}

void TestRestApi::mockPicksTheIntegrationResponseByStatus()
{
    Reply r = send("GET", QStringLiteral("/dev/pets/7?q=a%20b"));
    QCOMPARE(r.status, 200);
    const json body = json::parse(r.body.toStdString());
    QCOMPARE(QString::fromStdString(body["id"].get<std::string>()), QStringLiteral("7"));
    QCOMPARE(QString::fromStdString(body["stage"].get<std::string>()), QStringLiteral("dev"));
    QCOMPARE(QString::fromStdString(body["greeting"].get<std::string>()), QStringLiteral("hello"));
    QCOMPARE(QString::fromStdString(body["resource"].get<std::string>()), QStringLiteral("/pets/{petId}"));
    QCOMPARE(QString::fromStdString(body["q"].get<std::string>()), QStringLiteral("a b"));
    QCOMPARE(QByteArray::fromStdString(body["requestId"].get<std::string>()), r.header("x-amzn-RequestId"));
    QCOMPARE(r.header("X-Pet"), QByteArray("yes"));
    QCOMPARE(r.header("X-Stage-Var"), QByteArray("hello"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    // statusCode 404 from the request template: the "4\d\d" response, matched as a whole string.
    r = send("GET", QStringLiteral("/dev/pets/0"));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray(R"({"message": "no pet 0"})"));
}

void TestRestApi::restIdsAndTraceHeaders()
{
    const Reply r = send("GET", QStringLiteral("/dev/pets/1"));
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
                .match(QString::fromLatin1(r.header("x-amzn-RequestId"))).hasMatch());
    QCOMPARE(r.header("x-amz-apigw-id").size(), 16);
    // Recorded (rest-recorded, response-headers/trace-id/*-MOCK): a MOCK answer has no trace id.
    QVERIFY(r.header("X-Amzn-Trace-Id").isNull());
    const AccessLogEntry entry = logFor(r.header("x-amzn-RequestId"));
    QCOMPARE(entry.extendedRequestId, r.header("x-amz-apigw-id"));
    // The access log prints each id under its own name ($context.extendedRequestId is the short one).
    QByteArray line;
    AccessLogFormat(QStringLiteral("$context.requestId $context.extendedRequestId")).appendTo(line, entry);
    QCOMPARE(line, r.header("x-amzn-RequestId") + ' ' + r.header("x-amz-apigw-id"));
    QCOMPARE(entry.status, 200);
    // The MOCK backend answers at once, and its span is the integration latency.
    QVERIFY(entry.integrationLatencyMs >= 0);
    QVERIFY(entry.integrationLatencyMs <= entry.responseLatencyMs);
}

void TestRestApi::unknownStageResourceOrMethodIsMissingAuthenticationToken_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::newRow("unknown resource") << QByteArray("GET") << QStringLiteral("/dev/nothing");
    QTest::newRow("method the resource lacks") << QByteArray("DELETE") << QStringLiteral("/dev/pets/1");
    QTest::newRow("unknown stage") << QByteArray("GET") << QStringLiteral("/prod/pets/1");
    QTest::newRow("no stage") << QByteArray("GET") << QStringLiteral("/pets/1");
    QTest::newRow("root") << QByteArray("GET") << QStringLiteral("/");
}

void TestRestApi::unknownStageResourceOrMethodIsMissingAuthenticationToken()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    const Reply r = send(verb, path);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.body, QByteArray(R"({"message":"Missing Authentication Token"})"));
    QCOMPARE(r.header("x-amzn-ErrorType"), QByteArray("MissingAuthenticationTokenException"));
    QVERIFY(!r.header("x-amzn-RequestId").isEmpty());
}

void TestRestApi::requestTemplateOverridesReachTheClient()
{
    const Reply r = send("GET", QStringLiteral("/dev/override"));
    QCOMPARE(r.status, 444);
    QCOMPARE(r.header("foo"), QByteArray("bar"));
    QVERIFY(json::parse(r.body.toStdString()) == json({{"statusOverride", "444"}}));
}

void TestRestApi::passthroughNeverRefusesUnmappedContentTypes()
{
    Reply r = send("POST", QStringLiteral("/dev/strict"), "plain", "text/plain");
    QCOMPARE(r.status, 415);
    QCOMPARE(r.body, QByteArray(R"({"message":"Unsupported Media Type"})"));
    // The mapped type (with parameters, in any case) goes through its template; in a MOCK's
    // response template $input is the (empty) integration response, so the request template decides.
    r = send("POST", QStringLiteral("/dev/strict"), R"({"a": {"b": 1}})", "Application/JSON; charset=utf-8");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("mapped"));
    r = send("POST", QStringLiteral("/dev/strict"), R"({"a": {"b": 2}})", "application/json");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body, QByteArray("bad"));
}

void TestRestApi::templateErrorsAre500AndSayWhere()
{
    Reply r = send("POST", QStringLiteral("/dev/broken-at-runtime"), "{}", "application/json");
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray(R"({"message": "Internal server error"})")); // a configuration error, written as recorded
    QCOMPARE(r.header("x-amzn-ErrorType"), QByteArray("InternalServerErrorException"));
    AccessLogEntry entry = logFor(r.header("x-amzn-RequestId"));
    QVERIFY(entry.trace);
    QString log;
    for (const TraceSpan &span : entry.trace->spans)
        log += QString::fromUtf8(span.log);
    QVERIFY2(log.contains(QLatin1String("Unable to transform response: line 2, column 3")), qPrintable(log));
    QVERIFY2(log.contains(QLatin1String("not JSON")), qPrintable(log));
    // A template that does not parse is found when the API is deployed; its method answers 500
    // with the template's line and column in the log, and the other methods serve.
    r = send("GET", QStringLiteral("/dev/broken-at-deploy"));
    QCOMPARE(r.status, 500);
    entry = logFor(r.header("x-amzn-RequestId"));
    QVERIFY2(entry.integrationErrorMessage.contains(QLatin1String("line 1, column 1")), qPrintable(entry.integrationErrorMessage));
    QVERIFY2(entry.integrationErrorMessage.contains(QLatin1String("#if is not closed")), qPrintable(entry.integrationErrorMessage));
    QCOMPARE(send("GET", QStringLiteral("/dev/pets/3")).status, 200);
}

void TestRestApi::noMatchingResponseAndNoDefaultIs500()
{
    const Reply r = send("GET", QStringLiteral("/dev/no-default"));
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray(R"({"message": "Internal server error"})")); // a configuration error, written as recorded
    const AccessLogEntry entry = logFor(r.header("x-amzn-RequestId"));
    QString log;
    for (const TraceSpan &span : entry.trace->spans)
        log += QString::fromUtf8(span.log);
    QVERIFY2(log.contains(QLatin1String("No match for output mapping and no default output mapping configured. "
                                        "Endpoint Response Status Code: 201")),
             qPrintable(log));
}

void TestRestApi::greedyPathAndAnyMethod()
{
    Reply r = send("PUT", QStringLiteral("/dev/files/a/b/c.txt"), "x", "application/json");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("PUT a/b/c.txt"));
    r = send("GET", QStringLiteral("/dev/files/one"));
    QCOMPARE(r.body, QByteArray("GET one"));
}

void TestRestApi::executionLogHasTheServicesLines()
{
    const Reply r = send("GET", QStringLiteral("/dev/pets/5"));
    const AccessLogEntry entry = logFor(r.header("x-amzn-RequestId"));
    QVERIFY(entry.trace);
    QString log;
    for (const TraceSpan &span : entry.trace->spans)
        log += QString::fromUtf8(span.log);
    // The lines TestInvokeMethod returns (recorded: ../shared/conformance/vtl, aws-test-invoke/*).
    for (const char *line : {"Method request body before transformations: ", "Endpoint request body after transformations: {\"statusCode\": 200}",
                             "Method response body after transformations: {\"id\": \"5\"", "Successfully completed execution",
                             "Method completed with status: 200"})
        QVERIFY2(log.contains(QLatin1String(line)), qPrintable(line + QStringLiteral("\nin\n") + log));
}

void TestRestApi::everyAnswerEndsTheExecutionLogAsTheServiceDoes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("lastLines"); // a line ending in '*' is a prefix
    // The method response writes the log's end for every answer: a mapped answer's body, headers
    // and "Successfully completed execution" (recorded: rest-recorded test-invoke-method/*), the
    // service's own error answers only their status after the line that says why.
    QTest::newRow("mapped answer") << QByteArray("GET") << QStringLiteral("/dev/pets/5") << QByteArray() << 200
                                   << QStringList{QStringLiteral("Method response headers: {*"),
                                                  QStringLiteral("Successfully completed execution"),
                                                  QStringLiteral("Method completed with status: 200")};
    QTest::newRow("mapped error status") << QByteArray("GET") << QStringLiteral("/dev/pets/0") << QByteArray() << 404
                                         << QStringList{QStringLiteral("Successfully completed execution"),
                                                        QStringLiteral("Method completed with status: 404")};
    QTest::newRow("invalid body") << QByteArray("POST") << QStringLiteral("/dev/validated?q=1") << QByteArray(R"({"name": 5})") << 400
                                  << QStringList{QStringLiteral("Request body does not match model schema for content type application/json: [*"),
                                                 QStringLiteral("Method completed with status: 400")};
    QTest::newRow("no output mapping") << QByteArray("GET") << QStringLiteral("/dev/no-default") << QByteArray() << 500
                                       << QStringList{QStringLiteral("Execution failed due to configuration error: No match for output mapping*"),
                                                      QStringLiteral("Method completed with status: 500")};
}

void TestRestApi::everyAnswerEndsTheExecutionLogAsTheServiceDoes()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QStringList, lastLines);
    const Reply r = testlib::send(m_nam, m_port, method, path, body, {{"Content-Type", "application/json"}, {"x-token", "t"}}, 10000);
    QCOMPARE(r.status, status);
    const AccessLogEntry entry = logFor(r.header("x-amzn-RequestId"));
    QVERIFY(entry.trace);
    QStringList lines;
    for (const TraceSpan &span : entry.trace->spans) {
        QVERIFY2(qstrcmp(span.name, "method_response") != 0, "the method response has no request phase, so no span");
        lines += QString::fromUtf8(span.log).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    QVERIFY2(lines.size() >= lastLines.size(), qPrintable(lines.join(QLatin1Char('\n'))));
    const QStringList tail = lines.mid(lines.size() - lastLines.size());
    for (int i = 0; i < lastLines.size(); ++i) {
        const QString &wanted = lastLines[i];
        const bool matches = wanted.endsWith(QLatin1Char('*')) ? tail[i].startsWith(wanted.chopped(1)) : tail[i] == wanted;
        QVERIFY2(matches, qPrintable(QStringLiteral("line %1 of the end: expected '%2'\n%3").arg(i).arg(wanted, lines.join(QLatin1Char('\n')))));
    }
    // The closing lines are the response phase's.
    QVERIFY2(entry.trace->spans.back().log.endsWith("Method completed with status: " + QByteArray::number(status) + '\n'),
             entry.trace->spans.back().name);
    QCOMPARE(lines.count(QStringLiteral("Method completed with status: %1").arg(status)), 1);
}

void TestRestApi::deploymentProblemsAreFoundWithoutServing()
{
    // The same checks the compiler makes, for `validate` and the designer: the method the
    // broken template is on, the template's content type in the pointer, its line and column.
    LoadResult loaded = parseProject(QByteArray::fromStdString(projectJson().dump()), QStringLiteral("rest.json"), m_dir.path());
    QVERIFY(std::holds_alternative<LoadedProject>(loaded));
    ProjectProblems problems = deploymentProblems(std::get<LoadedProject>(loaded).project);
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(QString::fromStdString(problems[0].pointer),
             QStringLiteral("/apis/0/resources/4/methods/0/integration/requestTemplates/application~1json"));
    QCOMPARE(QString::fromStdString(problems[0].message),
             QStringLiteral("GET /broken-at-deploy: request template for application/json, line 1, column 1: #if is not closed with #end"));
    // A selection pattern that is not a regular expression, a response template that does not
    // parse, a Lambda integration that is not POST: each where it is.
    json project = projectJson();
    json &resources = project["apis"][0]["resources"];
    resources[0]["methods"][0]["integration"]["integrationResponses"][1]["selectionPattern"] = "4(\\d";
    resources[1]["methods"][0]["integration"]["integrationResponses"][0]["responseTemplates"]["text/html"] = "$a.b(";
    resources.push_back({{"path", "/lambda"},
                         {"methods", {method("GET", {{"type", "AWS_PROXY"}, {"function", "fn"}, {"httpMethod", "GET"}})}}});
    project["functions"].push_back({{"name", "fn"}, {"runtime", "python3"}, {"handler", "app.handler"}, {"codeDir", "."}});
    loaded = parseProject(QByteArray::fromStdString(project.dump()), QStringLiteral("rest.json"), QDir::tempPath());
    if (auto *error = std::get_if<ProjectError>(&loaded))
        QFAIL(qPrintable(error->toString()));
    problems = deploymentProblems(std::get<LoadedProject>(loaded).project);
    QStringList pointers;
    for (const ProjectError &p : problems)
        pointers << QString::fromStdString(p.pointer);
    QCOMPARE(pointers, (QStringList{"/apis/0/resources/0/methods/0/integration/integrationResponses/1/selectionPattern",
                                    "/apis/0/resources/1/methods/0/integration/integrationResponses/0/responseTemplates/text~1html",
                                    "/apis/0/resources/4/methods/0/integration/requestTemplates/application~1json",
                                    "/apis/0/resources/10/methods/0/integration/httpMethod"}));
    QVERIFY(QString::fromStdString(problems[0].message).contains(QLatin1String("is not a regular expression")));
    QVERIFY(QString::fromStdString(problems[3].message).contains(QLatin1String("must be POST (it is GET)")));
}

void TestRestApi::lambdaCustomMapsResultsAndErrorsBySelectionPattern()
{
    // A result: the default response's template reads it.
    Reply r = send("GET", QStringLiteral("/dev/orders/17"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray(R"({"order": "17", "count": 3})"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    AccessLogEntry log = logFor(r.header("x-amzn-RequestId"));
    QCOMPARE(log.integrationStatus, 200);
    QVERIFY(log.integrationLatencyMs >= 0);
    // A function error: its errorMessage is matched as a whole string.
    r = send("GET", QStringLiteral("/dev/orders/9?action=fail"));
    QVERIFY2(r.status == 404, r.body.constData());
    QCOMPARE(r.body, QByteArray(R"({"error": "Order 9 not found", "type": "ValueError"})"));
    QCOMPARE(logFor(r.header("x-amzn-RequestId")).outcome, Outcome::FunctionError);
    // A timeout is a function error too: Lambda's "Task timed out after 1.00 seconds".
    r = send("GET", QStringLiteral("/dev/orders/1?action=sleep"));
    QCOMPARE(r.status, 504);
    QVERIFY2(r.body.contains("Task timed out after 1.00 seconds"), r.body.constData());
    // A URI naming a function the project does not have is refused where it is written.
    json project = projectJson();
    json &uri = project["apis"][0]["resources"][7]["methods"][0]["integration"]["uri"];
    uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:absent/invocations";
    LoadResult loaded = parseProject(QByteArray::fromStdString(project.dump()), QStringLiteral("rest.json"), m_dir.path());
    QVERIFY(std::holds_alternative<ProjectError>(loaded));
    QVERIFY2(std::get<ProjectError>(loaded).toString().contains(
                 QLatin1String("/apis/0/resources/7/methods/0/integration/uri: no function named 'absent'")),
             qPrintable(std::get<ProjectError>(loaded).toString()));
}

void TestRestApi::requestValidationGivesTheServicesAnswers()
{
    const auto post = [this](const QString &path, const QByteArray &body, QList<QPair<QByteArray, QByteArray>> headers) {
        return testlib::send(m_nam, m_port, "POST", path, body, headers, 10000);
    };
    const QPair<QByteArray, QByteArray> json{"Content-Type", "application/json"};
    // Parameters first, named in the service's order (headers, then the query string); a blank
    // header is missing (the guide: "included and not blank").
    Reply r = post(QStringLiteral("/dev/validated"), "{}", {json, {"x-token", "  "}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body, QByteArray(R"({"message":"Missing required request parameters: [x-token, q]"})"));
    QCOMPARE(logFor(r.header("x-amzn-RequestId")).outcome, Outcome::SchemaInvalid);
    r = post(QStringLiteral("/dev/validated?q=1"), "{}", {json});
    QCOMPARE(r.body, QByteArray(R"({"message":"Missing required request parameters: [x-token]"})"));
    // Then the body, with the schema's complaint in the execution log.
    r = post(QStringLiteral("/dev/validated?q=1"), R"({"name": 5})", {json, {"x-token", "t"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body, QByteArray(R"({"message":"Invalid request body"})"));
    const AccessLogEntry entry = logFor(r.header("x-amzn-RequestId"));
    QVERIFY(entry.trace);
    QString log;
    for (const TraceSpan &span : entry.trace->spans)
        log += QString::fromUtf8(span.log);
    QVERIFY2(log.contains(QLatin1String("Request body does not match model schema for content type application/json: [")), qPrintable(log));
    // A $ref to another model of the API is followed.
    r = post(QStringLiteral("/dev/validated?q=1"), R"({"name": "rex", "tag": "too long"})", {json, {"x-token", "t"}});
    QCOMPARE(r.status, 400);
    r = post(QStringLiteral("/dev/validated?q=1"), R"({"name": "rex", "tag": "dog"})", {json, {"x-token", "t"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("valid"));
    // A content type without a model is not validated.
    r = post(QStringLiteral("/dev/validated?q=1"), "anything", {{"Content-Type", "text/plain"}, {"x-token", "t"}});
    QCOMPARE(r.status, 200);
    // "$default" validates every content type; a model may refer to itself.
    r = post(QStringLiteral("/dev/tree"), R"({"child": {"child": {}}})", {{"Content-Type", "text/plain"}});
    QCOMPARE(r.status, 200);
    r = post(QStringLiteral("/dev/tree"), R"({"child": {"child": {"leaf": 1}}})", {{"Content-Type", "text/plain"}});
    QCOMPARE(r.status, 400);
    r = post(QStringLiteral("/dev/tree"), "", {});
    QCOMPARE(r.status, 400);
}

void TestRestApi::brokenModelsAreFoundAtDesignTime()
{
    json project = projectJson();
    json &api = project["apis"][0];
    api["models"][1]["schema"] = {{"type", "string"}, {"maxLength", "five"}};
    api["resources"][9]["methods"][0]["requestModels"]["text/xml"] = "Missing";
    LoadResult loaded = parseProject(QByteArray::fromStdString(project.dump()), QStringLiteral("rest.json"), m_dir.path());
    QVERIFY(std::holds_alternative<LoadedProject>(loaded));
    const ProjectProblems problems = deploymentProblems(std::get<LoadedProject>(loaded).project);
    QStringList found;
    for (const ProjectError &p : problems)
        found << QString::fromStdString(p.pointer + " " + p.message);
    // The broken model is named (not Pet, which refers to it), with what is wrong; the problem
    // the project always has (/broken-at-deploy) is listed too.
    QVERIFY2(found.size() == 2, qPrintable(found.join('\n')));
    QVERIFY2(found[0].startsWith(QLatin1String("/apis/0/models/1/schema model Tag: its schema is not a draft-4 JSON Schema (")) &&
                 found[0].contains(QLatin1String("maxLength")),
             qPrintable(found.join('\n')));
    api["models"][1]["schema"] = {{"type", "string"}};
    loaded = parseProject(QByteArray::fromStdString(project.dump()), QStringLiteral("rest.json"), m_dir.path());
    found.clear();
    for (const ProjectError &p : deploymentProblems(std::get<LoadedProject>(loaded).project))
        found << QString::fromStdString(p.pointer + " " + p.message);
    QCOMPARE(found.size(), 2);
    QCOMPARE(found[1], QStringLiteral("/apis/0/resources/9/methods/0/requestModels/text~1xml POST /tree: request model for "
                                      "text/xml: no model named 'Missing' in this API"));
}

void TestRestApi::httpCustomMapsBothWaysAndFailsAsTheServiceDoes()
{
    // The backend: what it got, as JSON, with a header to map back; slow under /slow.
    test::LocalBackend backend([](const HttpRequest &request) {
        HttpResponse response;
        response.status = request.path().endsWith("/missing") ? 404 : 200;
        response.setHeader("Content-Type", "application/json");
        response.setHeader("X-Backend", "b1");
        response.body = QByteArray::fromStdString(json({{"target", (request.method + ' ' + request.target).toStdString()},
                                                        {"token", request.header("x-token").toStdString()},
                                                        {"agent", request.header("user-agent").toStdString()},
                                                        {"body", request.body.toStdString()}})
                                                      .dump());
        return response;
    });
    test::LocalBackend slow([](const HttpRequest &) { return HttpResponse{}; }, 2000);
    const std::string base = "http://127.0.0.1:" + std::to_string(backend.port());
    const json http = {
        {"type", "HTTP"},
        {"httpMethod", "PUT"},
        {"uri", base + "/items/{id}?v=1"},
        {"requestParameters", {{"integration.request.path.id", "method.request.path.itemId"},
                               {"integration.request.querystring.stage", "context.stage"},
                               {"integration.request.header.x-token", "method.request.querystring.token"}}},
        {"requestTemplates", {{"application/json", "{\"wrapped\": $input.json('$')}"}}},
        {"integrationResponses",
         {{{"statusCode", "200"},
           {"responseParameters", {{"method.response.header.X-Seen", "integration.response.header.X-Backend"},
                                   {"method.response.header.X-Target", "integration.response.body.target"}}},
           {"responseTemplates", {{"application/json", "$input.json('$.body')"}}}},
          {{"statusCode", "410"}, {"selectionPattern", "404"}}}}};
    json slowHttp = {{"type", "HTTP"}, {"httpMethod", "GET"}, {"uri", "http://127.0.0.1:" + std::to_string(slow.port()) + "/"},
                     {"timeoutInMillis", 100}, {"integrationResponses", {{{"statusCode", "200"}}}}};
    json refused = {{"type", "HTTP_PROXY"}, {"httpMethod", "ANY"}, {"uri", "http://127.0.0.1:9/"}};
    const json project = {
        {"format", "gatewright-project"}, {"version", 1}, {"name", "http"},
        {"apis", {{{"id", "h"}, {"name", "h"}, {"type", "REST"}, {"apiId", "h1h1h1h1h1"}, {"port", 0}, {"stages", {{{"name", "v1"}}}},
                   {"resources", {{{"path", "/items/{itemId}"}, {"methods", {method("POST", http)}}},
                                  {{"path", "/slow"}, {"methods", {method("GET", slowHttp)}}},
                                  {{"path", "/refused"}, {"methods", {method("GET", refused)}}}}}}}}};
    LoadResult loaded = parseProject(QByteArray::fromStdString(project.dump()), QStringLiteral("http.json"), m_dir.path());
    if (auto *error = std::get_if<ProjectError>(&loaded))
        QFAIL(qPrintable(error->toString()));
    Gateway gateway;
    QString error;
    QVERIFY2(gateway.start(std::get<LoadedProject>(loaded).project, m_dir.path(), &error), qPrintable(error));
    const quint16 port = gateway.endpoints().first().port;
    const QList<QPair<QByteArray, QByteArray>> jsonType{{"Content-Type", "application/json"}};

    Reply r = testlib::send(m_nam, port, "POST", QStringLiteral("/v1/items/a%20b?token=s3"), R"({"n": 1})", jsonType, 10000);
    QCOMPARE(r.status, 200);
    // The request: the integration's method, the URI's path variable and query, the mapped
    // query and header, the template's body, the service's User-Agent.
    QCOMPARE(r.header("X-Target"), QByteArray("PUT /items/a%20b?v=1&stage=v1"));
    QCOMPARE(r.header("X-Seen"), QByteArray("b1"));
    QCOMPARE(json::parse(r.body.toStdString()).get<std::string>(), std::string("{\"wrapped\": {\"n\":1}}"));
    QCOMPARE(r.header("X-Backend"), QByteArray()); // only mapped headers reach the client
    r = testlib::send(m_nam, port, "POST", QStringLiteral("/v1/items/missing"), "{}", jsonType, 10000);
    QCOMPARE(r.status, 410);
    r = testlib::send(m_nam, port, "GET", QStringLiteral("/v1/slow"), {}, {}, 10000);
    QCOMPARE(r.status, 504);
    QCOMPARE(r.body, QByteArray(R"({"message": "Endpoint request timed out"})"));
    r = testlib::send(m_nam, port, "GET", QStringLiteral("/v1/refused"), {}, {}, 10000);
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray(R"({"message": "Internal server error"})"));
}

void TestRestApi::awsServiceCallsGoSignedToTheProjectsEndpoints()
{
    // The endpoint: keeps what it got, answers as a JSON-protocol service does.
    QMutex mutex;
    std::vector<HttpRequest> received;
    test::LocalBackend service([&](const HttpRequest &request) {
        QMutexLocker lock(&mutex);
        received.push_back(request);
        HttpResponse response;
        response.setHeader("Content-Type", "application/x-amz-json-1.0");
        response.body = R"({"ok": true})";
        return response;
    });
    const std::string base = "http://127.0.0.1:" + std::to_string(service.port());
    const json sqs = {{"type", "AWS"}, {"httpMethod", "POST"},
                      {"uri", "arn:aws:apigateway:eu-west-1:sqs:action/SendMessage&QueueUrl=http%3A%2F%2Fq%2F1"},
                      {"credentials", "arn:aws:iam::123456789012:role/apigw"},
                      {"requestParameters", {{"integration.request.header.Content-Type", "'application/x-www-form-urlencoded'"}}},
                      {"requestTemplates", {{"application/json", "MessageBody=$util.urlEncode($input.body)"}}},
                      {"integrationResponses", {{{"statusCode", "200"}}}}};
    const json dynamodb = {{"type", "AWS"}, {"httpMethod", "POST"}, {"uri", "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem"},
                           {"requestTemplates", {{"application/json", "{\"TableName\": \"t\"}"}}},
                           {"integrationResponses", {{{"statusCode", "200"}}}}};
    const json states = {{"type", "AWS"}, {"httpMethod", "POST"}, {"uri", "arn:aws:apigateway:us-east-1:states:action/StartExecution"},
                         {"integrationResponses", {{{"statusCode", "200"}}}}};
    const json project = {
        {"format", "gatewright-project"}, {"version", 1}, {"name", "aws"},
        {"awsServiceEndpoints", {{"sqs", base + "/"}, {"dynamodb", base}}},
        {"awsCredentials", {{"accessKeyId", "AKIDLOCAL"}, {"secretAccessKey", "local/secret"}, {"sessionToken", "tok"}}},
        {"apis", {{{"id", "a"}, {"name", "a"}, {"type", "REST"}, {"apiId", "a1a1a1a1a1"}, {"port", 0}, {"stages", {{{"name", "v1"}}}},
                   {"resources", {{{"path", "/queue"}, {"methods", {method("POST", sqs)}}},
                                  {{"path", "/table"}, {"methods", {method("POST", dynamodb)}}},
                                  {{"path", "/nowhere"}, {"methods", {method("POST", states)}}}}}}}}};
    LoadResult loaded = parseProject(QByteArray::fromStdString(project.dump()), QStringLiteral("aws.json"), m_dir.path());
    if (auto *error = std::get_if<ProjectError>(&loaded))
        QFAIL(qPrintable(error->toString()));
    Gateway gateway;
    QVector<AccessLogEntry> logs;
    connect(&gateway, &Gateway::accessLogBatch, this, [&](const QVector<AccessLogEntry> &batch) { logs += batch; });
    QString error;
    QVERIFY2(gateway.start(std::get<LoadedProject>(loaded).project, m_dir.path(), &error), qPrintable(error));
    const quint16 port = gateway.endpoints().first().port;
    const QList<QPair<QByteArray, QByteArray>> jsonType{{"Content-Type", "application/json"}};

    Reply r = testlib::send(m_nam, port, "POST", QStringLiteral("/v1/queue"), "a b&c", jsonType, 10000);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray(R"({"ok": true})"));
    r = testlib::send(m_nam, port, "POST", QStringLiteral("/v1/table"), "{}", jsonType, 10000);
    QCOMPARE(r.status, 200);
    QMutexLocker lock(&mutex);
    QCOMPARE(int(received.size()), 2);
    // Query protocol: the action and its parameters in the query, the template's form body.
    const HttpRequest &send = received[0];
    QCOMPARE(send.method, QByteArray("POST"));
    QCOMPARE(send.target, QByteArray("/?Action=SendMessage&QueueUrl=http%3A%2F%2Fq%2F1"));
    QCOMPARE(send.body, QByteArray("MessageBody=a+b%26c"));
    QCOMPARE(send.header("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(send.header("x-amz-security-token"), QByteArray("tok"));
    // JSON protocol: POST / with the service's target header and content type.
    const HttpRequest &get = received[1];
    QCOMPARE(get.target, QByteArray("/"));
    QCOMPARE(get.header("x-amz-target"), QByteArray("DynamoDB_20120810.GetItem"));
    QCOMPARE(get.header("content-type"), QByteArray("application/x-amz-json-1.0"));
    QCOMPARE(get.body, QByteArray(R"({"TableName": "t"})"));
    // Each signature is over what went on the wire: recomputed here from the received request
    // (its headers as SignedHeaders lists them), it is the one the request carries.
    const std::pair<const HttpRequest *, const char *> calls[] = {{&send, "eu-west-1/sqs"}, {&get, "us-east-1/dynamodb"}};
    for (const auto &[request, scope] : calls) {
        const QByteArray authorization = request->header("authorization");
        const QByteArray date = request->header("x-amz-date");
        QVERIFY2(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDLOCAL/" + date.left(8) + '/' + scope + "/aws4_request, "),
                 authorization.constData());
        const QByteArray signedList = authorization.mid(authorization.indexOf("SignedHeaders=") + 14).split(',').front();
        SigV4Request signable{request->method, request->path(), request->rawQuery(), {}, sigV4PayloadHash(request->body)};
        for (const QByteArray &name : signedList.split(';'))
            signable.headers.push_back({name, request->header(name)});
        QVERIFY(signedList.contains("host") && signedList.contains("x-amz-date") && signedList.contains("content-type"));
        const QList<QByteArray> region = QByteArray(scope).split('/');
        const SigV4Scope sigScope{region[0].toStdString(), region[1].toStdString(), date, false};
        QCOMPARE(sigV4Authorization(signable, sigScope, {"AKIDLOCAL", "local/secret", "tok"}), authorization);
    }
    lock.unlock();
    // A service the project sets no endpoint for: the service's 500, and the reason for the user.
    r = testlib::send(m_nam, port, "POST", QStringLiteral("/v1/nowhere"), "{}", jsonType, 10000);
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray(R"({"message": "Internal server error"})"));
    QTRY_VERIFY(!logs.isEmpty() && testlib::logFor(logs, r.header("x-amzn-RequestId")).status == 500);
    const AccessLogEntry entry = testlib::logFor(logs, r.header("x-amzn-RequestId"));
    QVERIFY2(entry.integrationErrorMessage.contains(QLatin1String("set awsServiceEndpoints.states in the project")),
             qPrintable(entry.integrationErrorMessage));
}

void TestRestApi::textPayloadsAreReadAsUtf8AsTheServiceReadsThem_data()
{
    // Each maximal malformed part is one U+FFFD (what Python's and Java's decoders give, and the
    // recordings of binary-content-handling/*/no-binary-media/binary-raw show).
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("well formed, shared") << QByteArray("h\xC3\xA9 \xF0\x9F\x98\x80") << QByteArray("h\xC3\xA9 \xF0\x9F\x98\x80");
    QTest::newRow("lone continuation") << QByteArray("a\x80" "b") << QByteArray("a\xEF\xBF\xBD" "b");
    QTest::newRow("cut three-byte sequence") << QByteArray("\xE1\x88" "A") << QByteArray("\xEF\xBF\xBD" "A");
    QTest::newRow("cut at the end") << QByteArray("x\xF0\x9F\x98") << QByteArray("x\xEF\xBF\xBD");
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    QTest::newRow("overlong") << QByteArray("\xC0\xAF") << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD");
}

void TestRestApi::textPayloadsAreReadAsUtf8AsTheServiceReadsThem()
{
    QFETCH(QByteArray, in);
    QFETCH(QByteArray, out);
    QCOMPARE(utf8Sanitized(in), out);
    // CONVERT_TO_BINARY refuses a text body that is not base64; passthrough never fails.
    QByteArray converted;
    QVERIFY(!convertRequestPayload(in, "text/plain", {}, ContentHandling::ConvertToBinary, &converted));
    QVERIFY(convertRequestPayload(in, "text/plain", {}, ContentHandling::Passthrough, &converted));
    QCOMPARE(converted, out);
}

namespace {

json mockSaying(const std::string &text)
{
    json response = {{"statusCode", "200"}, {"responseTemplates", {{"application/json", text}}}};
    return mock({{"application/json", "{\"statusCode\": 200}"}}, json::array({response}));
}

json resourceWith(const std::string &path, json method)
{
    return {{"path", path}, {"methods", json::array({std::move(method)})}};
}

json restProject(json api)
{
    api["type"] = "REST";
    api["port"] = 0;
    return {{"format", "gatewright-project"}, {"version", 1}, {"name", "r"}, {"region", "us-east-1"}, {"accountId", "123456789012"},
            {"apis", {std::move(api)}}};
}

// Starts a gateway on the project; the port, or 0 with the test failed.
quint16 startOn(Gateway &gateway, const json &project, const QString &dir)
{
    LoadResult loaded = parseProject(QByteArray::fromStdString(project.dump()), QStringLiteral("r.json"), dir);
    if (auto *error = std::get_if<ProjectError>(&loaded)) {
        qWarning("%s", qPrintable(error->toString()));
        return 0;
    }
    QString error;
    if (!gateway.start(std::get<LoadedProject>(loaded).project, dir, &error)) {
        qWarning("%s", qPrintable(error));
        return 0;
    }
    return gateway.endpoints().first().port;
}

} // namespace

void TestRestApi::untrustedBackendCertificatesPassOnlyWithInsecureSkipVerification()
{
    // AWS TlsConfig.insecureSkipVerification (REST HTTP and HTTP_PROXY integrations): a backend
    // whose certificate no trusted issuer signed, a developer's self-signed one, is refused
    // (500, "Internal server error", as the service answers a failed TLS handshake) unless the
    // integration says to skip the issuer check.
    const QString cert = m_dir.filePath(QStringLiteral("self-signed-cert.pem"));
    const QString key = m_dir.filePath(QStringLiteral("self-signed-key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                   "/CN=self-signed backend", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert});
    QVERIFY(openssl.waitForFinished(30000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());
    QFile keyFile(key);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    auto tls = std::make_shared<QSslConfiguration>(QSslConfiguration::defaultConfiguration());
    tls->setLocalCertificate(QSslCertificate::fromPath(cert).value(0));
    tls->setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
    QVERIFY(!tls->localCertificate().isNull() && !tls->privateKey().isNull());
    ListenerOptions options;
    options.tls = tls;
    test::LocalBackend backend(
        [](const HttpRequest &request) {
            HttpResponse response;
            response.status = 200;
            response.setHeader("Content-Type", "application/json");
            response.body = "{\"over\": \"tls\", \"path\": \"" + request.path() + "\"}";
            return response;
        },
        0, options);
    const std::string https = "https://127.0.0.1:" + std::to_string(backend.port()) + "/{proxy}";
    const json strict = {{"type", "HTTP_PROXY"}, {"httpMethod", "ANY"}, {"uri", https},
                         {"requestParameters", {{"integration.request.path.proxy", "method.request.path.proxy"}}}};
    json skip = strict;
    skip["tlsConfig"] = {{"insecureSkipVerification", true}};
    const json project = restProject({{"id", "t"}, {"name", "t"}, {"apiId", "tls1tls1t1"}, {"stages", {{{"name", "v1"}}}},
                                      {"resources", {resourceWith("/strict/{proxy+}", method("GET", strict)),
                                                     resourceWith("/skip/{proxy+}", method("GET", skip))}}});
    Gateway gateway;
    const quint16 port = startOn(gateway, project, m_dir.path());
    QVERIFY(port > 0);
    Reply r = testlib::send(m_nam, port, "GET", QStringLiteral("/v1/skip/a/b"), {}, {}, 10000);
    QCOMPARE(r.status, 200);
    QVERIFY2(json::parse(r.body.toStdString()) == json({{"over", "tls"}, {"path", "/a/b"}}), r.body.constData());
    r = testlib::send(m_nam, port, "GET", QStringLiteral("/v1/strict/a"), {}, {}, 10000);
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray(R"({"message": "Internal server error"})"));
    QCOMPARE(backend.requests(), 1);
}

void TestRestApi::selectionPatternsMatchTheWholeStatusCode_data()
{
    // api-gateway-integration-settings-integration-response.html: for HTTP and MOCK backends the
    // selection pattern is a regular expression matched against the status code with Java's
    // Pattern.matches (the whole string, so "40[0-3]|409" is 400-403 or 409, never 4091), and the
    // response without one takes what nothing matched.
    QTest::addColumn<int>("backendStatus");
    QTest::addColumn<int>("methodStatus");
    QTest::newRow("exact pattern") << 404 << 404;
    QTest::newRow("alternation, first branch") << 401 << 409;
    QTest::newRow("alternation, second branch") << 409 << 409;
    QTest::newRow("outside every pattern: the default") << 405 << 200;
    QTest::newRow("class with repetition") << 503 << 500;
    QTest::newRow("2xx: no pattern names it, the default") << 201 << 200;
    QTest::newRow("a pattern that matches a prefix only is no match (4\\d against 418)") << 418 << 200;
}

void TestRestApi::selectionPatternsMatchTheWholeStatusCode()
{
    QFETCH(int, backendStatus);
    QFETCH(int, methodStatus);
    const json responses = json::array({{{"statusCode", "200"}, {"responseTemplates", {{"application/json", "default"}}}},
                                        {{"statusCode", "404"}, {"selectionPattern", "404"}},
                                        {{"statusCode", "409"}, {"selectionPattern", "40[0-3]|409"}},
                                        {{"statusCode", "500"}, {"selectionPattern", "5\\d{2}"}},
                                        {{"statusCode", "499"}, {"selectionPattern", "4\\d"}}});
    const json integration = mock({{"application/json", "{\"statusCode\": $input.params('code')}"}}, responses);
    const json project = restProject({{"id", "s"}, {"name", "s"}, {"apiId", "sel1sel1s1"}, {"stages", {{{"name", "v1"}}}},
                                      {"resources", {resourceWith("/select", method("GET", integration))}}});
    Gateway gateway;
    const quint16 port = startOn(gateway, project, m_dir.path());
    QVERIFY(port > 0);
    const Reply r = testlib::send(m_nam, port, "GET", QStringLiteral("/v1/select?code=%1").arg(backendStatus), {}, {}, 10000);
    QCOMPARE(r.status, methodStatus);
}

void TestRestApi::stagesServeTheirDeploymentsSnapshot()
{
    // how-to-deploy-api.html: a stage serves its deployment, a snapshot; the design changes
    // nothing there until it is deployed again. A stage with no deployment serves the design.
    json api = {{"id", "d"}, {"name", "d"}, {"apiId", "d1d1d1d1d1"}};
    api["resources"] = json::array({resourceWith("/v", method("GET", mockSaying("deployed $context.deploymentId")))});
    LoadResult loaded = parseProject(QByteArray::fromStdString(restProject(api).dump()), QStringLiteral("r.json"), m_dir.path());
    QVERIFY(std::holds_alternative<LoadedProject>(loaded));
    const RestApiSpec &designed = *std::get<LoadedProject>(loaded).project.apis[0].rest();
    const Deployment deployment = newRestDeployment(designed, "first", QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
    QVERIFY(QRegularExpression(QStringLiteral("^[a-z0-9]{6}$")).match(QString::fromStdString(deployment.id)).hasMatch());
    QCOMPARE(QString::fromStdString(*deployment.createdDate), QStringLiteral("2023-11-14T22:13:20Z"));
    api["deployments"] = json::array({Json(deployment)});
    // The design moves on: a changed answer, a new resource, a broken template.
    api["resources"][0]["methods"][0]["integration"] = mockSaying("edited");
    api["resources"].push_back(resourceWith("/new", method("GET", mockSaying("new"))));
    api["resources"].push_back(resourceWith("/broken", method("GET", mock({{"application/json", "#if("}}, json::array()))));
    api["stages"] = json::array({{{"name", "prod"}, {"deployment", deployment.id}}, {{"name", "dev"}}});
    Gateway gateway;
    const quint16 port = startOn(gateway, restProject(api), m_dir.path());
    QVERIFY(port);
    Reply r = testlib::send(m_nam, port, "GET", QStringLiteral("/prod/v"), {}, {}, 10000);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray::fromStdString("deployed " + deployment.id));
    QCOMPARE(testlib::send(m_nam, port, "GET", QStringLiteral("/prod/new"), {}, {}, 10000).status, 403); // not deployed
    QCOMPARE(testlib::send(m_nam, port, "GET", QStringLiteral("/dev/v"), {}, {}, 10000).body, QByteArray("edited"));
    QCOMPARE(testlib::send(m_nam, port, "GET", QStringLiteral("/dev/new"), {}, {}, 10000).body, QByteArray("new"));
    QCOMPARE(testlib::send(m_nam, port, "GET", QStringLiteral("/dev/broken"), {}, {}, 10000).status, 500);
    // What each stage serves is said where the user looks (serve's ready line, the window).
    for (const Endpoint &endpoint : gateway.endpoints())
        QCOMPARE(endpoint.deployment, endpoint.stage == QLatin1String("prod") ? QString::fromStdString(deployment.id) : QString());
    // A snapshot is checked as it was deployed: its problems are reported under the deployment.
    api["deployments"][0]["snapshot"]["resources"][0]["methods"][0]["integration"]["requestTemplates"]["application/json"] = "#foreach(";
    loaded = parseProject(QByteArray::fromStdString(restProject(api).dump()), QStringLiteral("r.json"), m_dir.path());
    QVERIFY(std::holds_alternative<LoadedProject>(loaded));
    QStringList pointers;
    for (const ProjectError &problem : deploymentProblems(std::get<LoadedProject>(loaded).project))
        pointers << QString::fromStdString(problem.pointer);
    QCOMPARE(pointers, (QStringList{"/apis/0/resources/2/methods/0/integration/requestTemplates/application~1json",
                                    "/apis/0/deployments/0/snapshot/resources/0/methods/0/integration/requestTemplates/application~1json"}));
    // A deployment no stage serves is history: not checked.
    api["stages"][0].erase("deployment");
    loaded = parseProject(QByteArray::fromStdString(restProject(api).dump()), QStringLiteral("r.json"), m_dir.path());
    QVERIFY(std::holds_alternative<LoadedProject>(loaded));
    QCOMPARE(deploymentProblems(std::get<LoadedProject>(loaded).project).size(), size_t(1));
}

void TestRestApi::canaryTakesItsShareUnderASeed()
{
    // canary-release.html: percentTraffic of the stage's requests go to the canary deployment,
    // with stageVariableOverrides (and the variables it adds); $context.isCanaryRequest says which.
    const std::string text = "$context.isCanaryRequest $stageVariables.color $stageVariables.added $context.deploymentId";
    json api = {{"id", "c"}, {"name", "c"}, {"apiId", "c1c1c1c1c1"}};
    api["resources"] = json::array({resourceWith("/v", method("GET", mockSaying("base " + text)))});
    LoadResult loaded = parseProject(QByteArray::fromStdString(restProject(api).dump()), QStringLiteral("r.json"), m_dir.path());
    QVERIFY(std::holds_alternative<LoadedProject>(loaded));
    Deployment base = newRestDeployment(*std::get<LoadedProject>(loaded).project.apis[0].rest(), "base", QDateTime::currentDateTimeUtc());
    base.id = "base01";
    api["resources"][0]["methods"][0]["integration"] = mockSaying("next " + text);
    loaded = parseProject(QByteArray::fromStdString(restProject(api).dump()), QStringLiteral("r.json"), m_dir.path());
    Deployment next = newRestDeployment(*std::get<LoadedProject>(loaded).project.apis[0].rest(), "next", QDateTime::currentDateTimeUtc());
    next.id = "next01";
    api["deployments"] = json::array({Json(base), Json(next)});
    json prod = {{"name", "prod"}, {"deployment", "base01"}, {"stageVariables", {{"color", "blue"}}}};
    prod["canarySettings"] = {{"deploymentId", "next01"}, {"percentTraffic", 25}, {"stageVariableOverrides", {{"color", "green"}, {"added", "yes"}}}};
    json plain = {{"name", "plain"}, {"deployment", "base01"}, {"stageVariables", {{"color", "blue"}}}};
    api["stages"] = json::array({prod, plain});
    const auto run = [&](QByteArray *sequence) {
        Gateway gateway;
        const quint16 port = startOn(gateway, restProject(api), m_dir.path());
        QVERIFY(port);
        for (int i = 0; i < 200; ++i) {
            const Reply r = testlib::send(m_nam, port, "GET", QStringLiteral("/prod/v"), {}, {}, 10000);
            QCOMPARE(r.status, 200);
            if (r.body == "next true green yes next01")
                *sequence += 'c';
            else if (r.body == "base false blue  base01")
                *sequence += 'b';
            else
                QFAIL(r.body.constData());
        }
        // A stage without a canary has no $context.isCanaryRequest ("present only when you enabled a canary").
        QCOMPARE(testlib::send(m_nam, port, "GET", QStringLiteral("/plain/v"), {}, {}, 10000).body, QByteArray("base  blue  base01"));
    };
    qputenv("GATEWRIGHT_CANARY_SEED", "42");
    QByteArray first, second;
    run(&first);
    run(&second);
    qunsetenv("GATEWRIGHT_CANARY_SEED");
    QVERIFY(!QTest::currentTestFailed());
    // The same seed, the same split; about a quarter of the requests (binomial: 50 +- 3 sigma).
    QCOMPARE(first, second);
    const qsizetype canaries = first.count('c');
    QVERIFY2(canaries >= 32 && canaries <= 68, qPrintable(QString::number(canaries)));
}

void TestRestApi::stageVariablesNameTheBackendAndFunction()
{
    // stage-variables.html: an HTTP integration's URI and a Lambda function's name may read the
    // stage's variables; each stage reaches its own backend and function.
    test::LocalBackend blue([](const HttpRequest &request) {
        HttpResponse response;
        response.body = "blue " + request.target;
        return response;
    });
    test::LocalBackend green([](const HttpRequest &request) {
        HttpResponse response;
        response.body = "green " + request.target;
        return response;
    });
    const json http = {{"type", "HTTP_PROXY"}, {"httpMethod", "GET"}, {"uri", "http://127.0.0.1:${stageVariables.port}/${stageVariables.prefix}/x"}};
    const json lambda = {{"type", "AWS"}, {"httpMethod", "POST"},
                         {"uri", "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations"},
                         {"requestTemplates", {{"application/json", "{\"id\": \"7\", \"action\": \"get\"}"}}},
                         {"integrationResponses", {{{"statusCode", "200"}, {"responseTemplates", {{"application/json", "$input.json('$.id')"}}}}}}};
    json api = {{"id", "s"}, {"name", "s"}, {"apiId", "s1s1s1s1s1"}};
    json blueStage = {{"name", "blue"}, {"stageVariables", {{"port", std::to_string(blue.port())}, {"prefix", "b"}, {"fn", "orders"}}}};
    json greenStage = {{"name", "green"}, {"stageVariables", {{"port", std::to_string(green.port())}, {"prefix", "g"}, {"fn", "missing"}}}};
    api["stages"] = json::array({blueStage, greenStage});
    api["resources"] = json::array({resourceWith("/backend", method("GET", http)), resourceWith("/function", method("GET", lambda))});
    json project = restProject(api);
    project["functions"] = {{{"name", "orders"}, {"runtime", "python3"}, {"handler", "app.handler"}, {"codeDir", "orders"}, {"timeout", 5}}};
    Gateway gateway;
    const quint16 port = startOn(gateway, project, m_dir.path());
    QVERIFY(port);
    QCOMPARE(testlib::send(m_nam, port, "GET", QStringLiteral("/blue/backend"), {}, {}, 10000).body, QByteArray("blue /b/x"));
    QCOMPARE(testlib::send(m_nam, port, "GET", QStringLiteral("/green/backend"), {}, {}, 10000).body, QByteArray("green /g/x"));
    Reply r = testlib::send(m_nam, port, "GET", QStringLiteral("/blue/function"), {}, {}, 20000);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("\"7\""));
    // The green stage names a function the project does not have: the service's 500.
    r = testlib::send(m_nam, port, "GET", QStringLiteral("/green/function"), {}, {}, 20000);
    QCOMPARE(r.status, 500);
}

void TestRestApi::gatewayResponsesAreTheDeployedOnes()
{
    // The API's gatewayResponses answer its refusals; DEFAULT_4XX stands for the 4XX types it
    // does not customise (supported-gateway-response-types.html), with request and stage values.
    json api = {{"id", "g"}, {"name", "g"}, {"apiId", "g1g1g1g1g1"}};
    api["stages"] = json::array({{{"name", "dev"}, {"stageVariables", {{"team", "pets"}}}}});
    json validated = {{"httpMethod", "POST"}, {"requestValidator", "all"},
                      {"requestParameters", {{"method.request.querystring.q", true}}}, {"integration", mockSaying("ok")}};
    api["resources"] = json::array({resourceWith("/v", validated)});
    api["requestValidators"] = json::array({{{"id", "all"}, {"name", "all"}, {"validateRequestParameters", true}}});
    api["gatewayResponses"]["DEFAULT_4XX"] = {
        {"responseParameters", {{"gatewayresponse.header.Access-Control-Allow-Origin", "'*'"}, {"gatewayresponse.header.X-Asked", "method.request.header.Accept"}}},
        {"responseTemplates", {{"application/json", "{\"error\": $context.error.messageString, \"team\": \"$stageVariables.team\"}"}}}};
    api["gatewayResponses"]["MISSING_AUTHENTICATION_TOKEN"] = {
        {"statusCode", "404"}, {"responseTemplates", {{"application/json", "{\"type\": \"$context.error.responseType\"}"}}}};
    Gateway gateway;
    const quint16 port = startOn(gateway, restProject(api), m_dir.path());
    QVERIFY(port);
    Reply r = testlib::send(m_nam, port, "GET", QStringLiteral("/dev/nowhere"), {}, {}, 10000);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray(R"({"type": "MISSING_AUTHENTICATION_TOKEN"})"));
    QVERIFY(r.header("Access-Control-Allow-Origin").isNull()); // customised itself: nothing from DEFAULT_4XX
    r = testlib::send(m_nam, port, "POST", QStringLiteral("/dev/v"), "{}", {{"Content-Type", "application/json"}, {"Accept", "text/x-test"}}, 10000);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body, QByteArray(R"({"error": "Missing required request parameters: [q]", "team": "pets"})"));
    QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("*"));
    QCOMPARE(r.header("X-Asked"), QByteArray("text/x-test"));
    QCOMPARE(testlib::send(m_nam, port, "POST", QStringLiteral("/dev/v?q=1"), "{}", {{"Content-Type", "application/json"}}, 10000).body,
             QByteArray("ok"));
}

void TestRestApi::lambdaProxyBase64IsDecodedForBinaryAccepts()
{
    // lambda-proxy-binary-media.html: an isBase64Encoded answer goes out as bytes when the
    // client's first Accept type is a binary media type of the API, else as the base64 text.
    QVERIFY(writeCode(m_dir, QStringLiteral("png/app.py"),
                      "import base64\n"
                      "def handler(event, context):\n"
                      "    return {'statusCode': 200, 'headers': {'Content-Type': 'image/png'},\n"
                      "            'body': base64.b64encode(b'\\x89PNG\\r\\n').decode(), 'isBase64Encoded': True}\n"));
    json api = {{"id", "b"}, {"name", "b"}, {"apiId", "b1b1b1b1b1"}, {"binaryMediaTypes", {"image/png"}}};
    api["stages"] = json::array({{{"name", "v1"}}});
    api["resources"] = json::array({resourceWith("/img", method("GET", {{"type", "AWS_PROXY"}, {"function", "png"}, {"httpMethod", "POST"}}))});
    json project = restProject(api);
    project["functions"] = {{{"name", "png"}, {"runtime", "python3"}, {"handler", "app.handler"}, {"codeDir", "png"}, {"timeout", 5}}};
    Gateway gateway;
    const quint16 port = startOn(gateway, project, m_dir.path());
    QVERIFY(port);
    Reply r = testlib::send(m_nam, port, "GET", QStringLiteral("/v1/img"), {}, {{"Accept", "image/png, */*"}}, 20000);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("\x89PNG\r\n"));
    r = testlib::send(m_nam, port, "GET", QStringLiteral("/v1/img"), {}, {{"Accept", "application/json, image/png"}}, 20000);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("\x89PNG\r\n").toBase64());
}

QTEST_MAIN(TestRestApi)
#include "tst_rest_api.moc"
