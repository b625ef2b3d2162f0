// Loading, checking and saving project files: clear errors that say where, and nothing lost.
#include "model/project_loader.h"
#include "model/json_locator.h"
#include "model/project_items.h"
#include "model/project_writer.h"

#include <QFile>
#include <cstring>
#include <QTemporaryDir>
#include <QDir>
#include <QTest>

#include <algorithm>

#include <csignal>
#include <set>
#include <sys/resource.h>

using namespace gw;

class TestProjectLoader : public QObject {
    Q_OBJECT
private slots:
    void sampleLoads();
    void errors_data();
    void errors();
    void arnReferencesResolve();
    void saveRoundTripsAndIsAtomic();
    void newerVersionIsRefused();
    void everyProblemIsReportedWithItsPlace();
    void fieldsOfOtherApiTypesAreWarnedAboutAndKept();
    void unenforcedSettingsAreWarnedAbout_data();
    void unenforcedSettingsAreWarnedAbout();
    void restQuotasAndDeploymentReferencesAreWarnedAbout();
    void restTimeoutsAboveTheDefaultNeedAQuotaIncrease();
    void itemIdsAreStableAndUnique();
    void unknownAccessLogVariablesAreWarnedAbout();
    void restAndWebSocketAccessLogFormatsAreCheckedAgainstTheirOwnTables();
    void pointersAreLocatedInTheText_data();
    void pointersAreLocatedInTheText();
};

void TestProjectLoader::sampleLoads()
{
    LoadResult result = loadProjectFile(QStringLiteral(GW_SOURCE_DIR "/resources/samples/orders/orders.gatewright.json"));
    auto *loaded = std::get_if<LoadedProject>(&result);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : std::get<ProjectError>(result).toString()));
    QCOMPARE(loaded->project.apis.size(), size_t(2)); // the shop's HTTP API and its live channel
    QCOMPARE(loaded->project.apis[1].apiType(), ApiType::WebSocket);
    QVERIFY(loaded->project.apis[0].routes().size() >= 8);
    QVERIFY(loaded->project.functions.size() >= 2);
}

void TestProjectLoader::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("messagePart");
    const QByteArray head = R"({"format":"gatewright-project","version":1,)";
    QTest::newRow("syntax error has line and column") << QByteArray("{\n  \"format\": \"gatewright-project\",\n  oops\n}") << 3 << 3 << "" << "invalid JSON";
    QTest::newRow("truncated file (error at the end of input)") << QByteArray("{\"format\": ") << 1 << 12 << "" << "invalid JSON";
    QTest::newRow("wrong format") << QByteArray(R"({"format":"other","version":1})") << 0 << 0 << "/format" << "";
    QTest::newRow("unknown property (typo)") << head + R"("functoins":[]})" << 0 << 0 << "" << "functoins";
    QTest::newRow("bad route key") << head + R"("apis":[{"id":"a","type":"HTTP","routes":[{"routeKey":"FETCH /x"}]}]})" << 0 << 0
                                   << "/apis/0/routes/0/routeKey" << "";
    QTest::newRow("unknown integration") << head + R"("apis":[{"id":"a","type":"HTTP","routes":[{"routeKey":"GET /x","integration":"i"}]}]})"
                                         << 0 << 0 << "/apis/0/routes/0/integration" << "no integration with id 'i'";
    QTest::newRow("unknown function") << head + R"("apis":[{"id":"a","type":"HTTP","integrations":[{"id":"i","type":"AWS_PROXY","function":"ghost"}]}]})"
                                      << 0 << 0 << "/apis/0/integrations/0/function" << "no function named 'ghost'";
    QTest::newRow("duplicate route") << head + R"("apis":[{"id":"a","type":"HTTP","routes":[{"routeKey":"GET /x"},{"routeKey":"GET /x"}]}]})"
                                     << 0 << 0 << "/apis/0/routes/1/routeKey" << "duplicate route key";
    QTest::newRow("greedy not last") << head + R"("apis":[{"id":"a","type":"HTTP","routes":[{"routeKey":"GET /{p+}/x"}]}]})"
                                     << 0 << 0 << "/apis/0/routes/0/routeKey" << "";
    QTest::newRow("timeout out of range") << head + R"("functions":[{"name":"f","timeout":0}]})" << 0 << 0 << "/functions/0/timeout" << "";
    QTest::newRow("same port twice") << head + R"("apis":[{"id":"a","type":"HTTP","port":8080},{"id":"b","type":"HTTP","port":8080}]})"
                                     << 0 << 0 << "/apis/1/port" << "port 8080";
}

void TestProjectLoader::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, pointer);
    QFETCH(QString, messagePart);
    LoadResult result = parseProject(text, QStringLiteral("broken.gatewright.json"));
    auto *error = std::get_if<ProjectError>(&result);
    QVERIFY2(error, "a broken file must not load");
    QCOMPARE(error->file, QStringLiteral("broken.gatewright.json"));
    QVERIFY(!error->message.empty());
    if (line > 0) {
        QCOMPARE(error->line, line);
        QCOMPARE(error->column, column);
    }
    if (!pointer.isEmpty())
        QCOMPARE(QString::fromStdString(error->pointer), pointer);
    if (!messagePart.isEmpty())
        QVERIFY2(error->toString().contains(messagePart), qPrintable(error->toString()));
    QVERIFY(error->toString().startsWith(QStringLiteral("broken.gatewright.json")));
}

void TestProjectLoader::arnReferencesResolve()
{
    const QByteArray text = R"({"format":"gatewright-project","version":1,"functions":[{"name":"orders"}],
        "apis":[{"id":"a","type":"HTTP","integrations":[{"id":"i","type":"AWS_PROXY",
        "function":"arn:aws:lambda:us-east-1:123456789012:function:orders"}]}]})";
    LoadResult result = parseProject(text);
    auto *loaded = std::get_if<LoadedProject>(&result);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : std::get<ProjectError>(result).toString()));
    QVERIFY(loaded->project.findFunction("arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST"));
    QCOMPARE(loaded->project.apis[0].apiId.size(), size_t(10)); // generated when the file has none
}

void TestProjectLoader::saveRoundTripsAndIsAtomic()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.gatewright.json"));
    LoadResult result = loadProjectFile(QStringLiteral(GW_SOURCE_DIR "/resources/samples/orders/orders.gatewright.json"));
    const Project original = std::get<LoadedProject>(result).project;
    QCOMPARE(saveProjectFile(original, path), QString());
    LoadResult again = loadProjectFile(path);
    auto *loaded = std::get_if<LoadedProject>(&again);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : std::get<ProjectError>(again).toString()));
    QCOMPARE(serializeProject(loaded->project), serializeProject(original));

    // A save that fails part-way leaves the old file as it was. The file-size limit stops the
    // write for any user, root included (permissions would not stop root).
    Project changed = original;
    changed.name = "changed";
    struct rlimit before {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &before), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of a signal
    struct rlimit tight = before;
    tight.rlim_cur = 64;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &tight), 0);
    const QString failure = saveProjectFile(changed, path);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &before), 0);
    std::signal(SIGXFSZ, previousHandler);
    QVERIFY2(!failure.isEmpty(), "the save reported success although it could not write the file");
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), serializeProject(original));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("p.gatewright.json")}); // no temporary left
}

void TestProjectLoader::newerVersionIsRefused()
{
    LoadResult result = parseProject(R"({"format":"gatewright-project","version":7})", QStringLiteral("future.json"));
    auto *error = std::get_if<ProjectError>(&result);
    QVERIFY(error);
    QCOMPARE(QString::fromStdString(error->pointer), QStringLiteral("/version"));
    QVERIFY(error->toString().contains(QStringLiteral("newer")));
}

void TestProjectLoader::everyProblemIsReportedWithItsPlace()
{
    // Three mistakes in one file: all three come back, each at its line, not just the first.
    const QByteArray text = "{\"format\":\"gatewright-project\",\"version\":1,\n"
                            "\"apis\":[{\"id\":\"a\",\"type\":\"HTTP\",\n"
                            "  \"routes\":[{\"routeKey\":\"GET /x\",\"integration\":\"nope\"},\n"
                            "            {\"routeKey\":\"GET /x\"}],\n"
                            "  \"integrations\":[{\"id\":\"i\",\"type\":\"AWS_PROXY\",\"function\":\"ghost\"}]}]}";
    LoadResult result = parseProject(text, QStringLiteral("three.gatewright.json"));
    auto *error = std::get_if<ProjectError>(&result);
    QVERIFY(error);
    const QStringList all = error->allProblems();
    QCOMPARE(all.size(), 3);
    QVERIFY2(all.filter(QStringLiteral("three.gatewright.json:3:")).filter(QStringLiteral("no integration with id 'nope'")).size() == 1,
             qPrintable(all.join(QLatin1Char('\n'))));
    QVERIFY2(all.filter(QStringLiteral("three.gatewright.json:4:")).filter(QStringLiteral("duplicate route key")).size() == 1,
             qPrintable(all.join(QLatin1Char('\n'))));
    QVERIFY2(all.filter(QStringLiteral("three.gatewright.json:5:")).filter(QStringLiteral("no function named 'ghost'")).size() == 1,
             qPrintable(all.join(QLatin1Char('\n'))));
    // Schema problems too: two bad values, two problems.
    LoadResult schema = parseProject(R"({"format":"gatewright-project","version":1,"functions":[{"name":"f","timeout":0,"memorySize":1}]})");
    auto *schemaError = std::get_if<ProjectError>(&schema);
    QVERIFY(schemaError);
    QCOMPARE(schemaError->allProblems().size(), 2);
}

void TestProjectLoader::fieldsOfOtherApiTypesAreWarnedAboutAndKept()
{
    const QByteArray text = R"({"format":"gatewright-project","version":1,"apis":[{"id":"a","type":"HTTP",
        "resources":[{"path":"/x","methods":[]}],"routes":[{"routeKey":"GET /x"}]}]})";
    LoadResult result = parseProject(text, QStringLiteral("mixed.json"));
    auto *loaded = std::get_if<LoadedProject>(&result);
    QVERIFY(loaded);
    QCOMPARE(loaded->warnings.size(), size_t(1));
    QCOMPARE(QString::fromStdString(loaded->warnings[0].pointer), QStringLiteral("/apis/0/resources"));
    QVERIFY(loaded->warnings[0].toString().contains(QStringLiteral("warning: 'resources' is not a field of HTTP APIs")));
    QCOMPARE(loaded->warnings[0].line, 2);
    // Saving writes back what the user wrote, ignored or not.
    const Json saved = Json::parse(serializeProject(loaded->project).toStdString());
    QCOMPARE(saved["apis"][0]["resources"][0]["path"].get<std::string>(), std::string("/x"));
}

void TestProjectLoader::unenforcedSettingsAreWarnedAbout_data()
{
    QTest::addColumn<QByteArray>("api"); // the HTTP API's own fields
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("says");
    // A route that looks protected but is not must never pass validate silently.
    QTest::newRow("a Lambda authorizer") << QByteArray(R"("routes":[{"routeKey":"GET /x","authorizationType":"CUSTOM","authorizer":"auth"}],
        "authorizers":[{"id":"auth","name":"auth","type":"REQUEST","function":"f"}])")
                                         << "/apis/0/routes/0/authorizer" << "authorizers are not enforced yet";
    QTest::newRow("a JWT route") << QByteArray(R"("routes":[{"routeKey":"GET /x","authorizationType":"JWT"}])")
                                 << "/apis/0/routes/0/authorizationType" << "answers requests without checking them";
    QTest::newRow("an API key") << QByteArray(R"("routes":[{"routeKey":"GET /x","apiKeyRequired":true}])")
                                << "/apis/0/routes/0/apiKeyRequired" << "API keys are not enforced yet";
    QTest::newRow("stage throttling") << QByteArray(R"("routes":[{"routeKey":"GET /x"}],"stages":[{"name":"$default","throttling":{"burstLimit":1,"rateLimit":1}}])")
                                      << "/apis/0/stages/0/throttling" << "throttling is not enforced yet";
    QTest::newRow("http-api-cors: no such wildcard") << QByteArray(R"("routes":[{"routeKey":"GET /x"}],"cors":{"allowOrigins":["https://*.example.com"]})")
                                                     << "/apis/0/cors/allowOrigins/0" << "is no origin";
    QTest::newRow("request mapping on a Lambda integration")
        << QByteArray(R"("routes":[{"routeKey":"GET /x","integration":"i"}],
            "integrations":[{"id":"i","type":"AWS_PROXY","function":"f","requestParameters":{"overwrite:header.a":"b"}}])")
        << "/apis/0/integrations/0/requestParameters" << "HTTP_PROXY integrations only";
    QTest::newRow("aws-tlsconfig: insecureSkipVerification is for REST APIs")
        << QByteArray(R"("routes":[{"routeKey":"GET /x","integration":"i"}],
            "integrations":[{"id":"i","type":"HTTP_PROXY","uri":"https://127.0.0.1:8443","tlsConfig":{"insecureSkipVerification":true}}])")
        << "/apis/0/integrations/0/tlsConfig/insecureSkipVerification" << "verifies every backend certificate";
    // The service's quotas (http-api-quotas.html): the design runs here, the service would refuse it.
    QByteArray stages = R"("routes":[{"routeKey":"GET /x"}],"stages":[)";
    for (int i = 0; i < 11; ++i)
        stages += (i ? "," : "") + QByteArray(R"({"name":"s)") + QByteArray::number(i) + R"("})";
    QTest::newRow("http-api-quotas: 10 stages per API") << stages + "]" << "/apis/0/stages/10" << "10 stages per API and this one has 11";
    QTest::newRow("http-api-quotas: stage variable values of 512 characters")
        << QByteArray(R"("routes":[{"routeKey":"GET /x"}],"stages":[{"name":"$default","stageVariables":{"big":")") + QByteArray(513, 'x') + R"("}}])"
        << "/apis/0/stages/0/stageVariables/big" << "takes at most 512";
}

void TestProjectLoader::unenforcedSettingsAreWarnedAbout()
{
    QFETCH(QByteArray, api);
    QFETCH(QString, pointer);
    QFETCH(QString, says);
    const QByteArray text = R"({"format":"gatewright-project","version":1,"functions":[{"name":"f","runtime":"nodejs","handler":"a.h","codeDir":"."}],
        "apis":[{"id":"a","type":"HTTP",)" + api + "}]}";
    LoadResult result = parseProject(text, QStringLiteral("unenforced.json"));
    auto *loaded = std::get_if<LoadedProject>(&result);
    QVERIFY2(loaded, std::get_if<ProjectError>(&result) ? qPrintable(std::get_if<ProjectError>(&result)->toString()) : "");
    QStringList found;
    for (const ProjectError &warning : loaded->warnings)
        found << QString::fromStdString(warning.pointer) + QStringLiteral(": ") + warning.toString();
    QVERIFY2(found.filter(pointer + QStringLiteral(": ")).filter(says).size() == 1, qPrintable(found.join('\n')));
}

void TestProjectLoader::unknownAccessLogVariablesAreWarnedAbout()
{
    // Every name http-api-logging-variables documents passes (../shared/conformance/vtl/
    // documented-variables.json, extracted from the guide's sources); a typo is said once, where it is.
    QFile documented(QStringLiteral(GW_CONFORMANCE_DIR "/vtl/documented-variables.json"));
    QVERIFY(documented.open(QIODevice::ReadOnly));
    const nlohmann::json names = nlohmann::json::parse(documented.readAll().toStdString())["http_api_access_logging"];
    QVERIFY(names.size() >= 50);
    nlohmann::json format = nlohmann::json::object();
    for (const auto &name : names) {
        std::string n = name.get<std::string>();
        if (n.size() > 9 && n.compare(n.size() - 9, 9, ".property") == 0)
            n = n.substr(0, n.size() - 9) + ".sub"; // "property" stands for any name
        format[n] = n;
    }
    format["typo"] = "$context.requestid";
    format["typoAgain"] = "$context.requestid";
    const nlohmann::json project = {
        {"format", "gatewright-project"}, {"version", 1},
        {"apis", {{{"id", "a"}, {"type", "HTTP"}, {"routes", {{{"routeKey", "GET /x"}}}},
                   {"stages", {{{"name", "$default"}, {"accessLogFormat", format.dump()}}}}}}}};
    LoadResult result = parseProject(QByteArray::fromStdString(project.dump()), QStringLiteral("log.json"));
    auto *loaded = std::get_if<LoadedProject>(&result);
    QVERIFY2(loaded, std::get_if<ProjectError>(&result) ? qPrintable(std::get_if<ProjectError>(&result)->toString()) : "");
    QStringList found;
    for (const ProjectError &warning : loaded->warnings)
        if (warning.pointer == "/apis/0/stages/0/accessLogFormat")
            found << warning.toString();
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.first().contains(QLatin1String("$context.requestid is not a documented access-log variable")), qPrintable(found.first()));
}

void TestProjectLoader::restAndWebSocketAccessLogFormatsAreCheckedAgainstTheirOwnTables()
{
    // Each API type has its own table (documented-variables.json: REST's two tables, and the names
    // WebSocket mapping templates document, which websocket-api-logging lists too). A name from
    // another type's table is a typo there: $context.resourcePath is REST's, $context.connectionId
    // WebSocket's, $context.dataProcessed HTTP's. A format without requestId or extendedRequestId is
    // refused by the service (set-up-access-logging).
    QFile documented(QStringLiteral(GW_CONFORMANCE_DIR "/vtl/documented-variables.json"));
    QVERIFY(documented.open(QIODevice::ReadOnly));
    const nlohmann::json all = nlohmann::json::parse(documented.readAll().toStdString());
    auto formatOf = [](const std::vector<std::string> &names, const std::vector<std::string> &extra) {
        nlohmann::json format = nlohmann::json::object();
        for (std::string n : names) {
            if (n.rfind("$context.", 0) != 0)
                continue; // $input, $util, $stageVariables: templates only
            for (const char *placeholder : {".property", ".header_name", ".path_name", ".querystring_name"})
                if (const size_t at = n.rfind(placeholder); at != std::string::npos && at + std::strlen(placeholder) == n.size())
                    n = n.substr(0, at) + ".x1"; // the placeholder stands for any name
            format[n] = n;
        }
        for (const std::string &n : extra)
            format["extra-" + n] = n;
        return format.dump();
    };
    std::vector<std::string> rest;
    for (const auto &[table, names] : all["rest_api"].items())
        if (table.rfind("$context", 0) == 0)
            for (const auto &n : names)
                rest.push_back(n.get<std::string>());
    const std::vector<std::string> webSocket = all["websocket_api_mapping_templates"].get<std::vector<std::string>>();
    QVERIFY(rest.size() >= 70);
    QVERIFY(webSocket.size() >= 30);
    const nlohmann::json project = {
        {"format", "gatewright-project"}, {"version", 1},
        {"apis",
         {{{"id", "r"}, {"type", "REST"}, {"resources", {{{"path", "/"}}}},
           {"stages", {{{"name", "prod"}, {"accessLogFormat", formatOf(rest, {"$context.connectionId", "$context.dataProcessed"})}},
                       {{"name", "bare"}, {"accessLogFormat", "$context.status $context.path"}}}}},
          {{"id", "w"}, {"type", "WEBSOCKET"}, {"routeSelectionExpression", "$request.body.action"},
           {"routes", {{{"routeKey", "$default"}}}},
           {"stages", {{{"name", "live"}, {"accessLogFormat", formatOf(webSocket, {"$context.resourcePath", "$context.integrationLatency"})}}}}}}}};
    LoadResult result = parseProject(QByteArray::fromStdString(project.dump()), QStringLiteral("log.json"));
    auto *loaded = std::get_if<LoadedProject>(&result);
    QVERIFY2(loaded, std::get_if<ProjectError>(&result) ? qPrintable(std::get_if<ProjectError>(&result)->toString()) : "");
    QMap<QString, QStringList> found;
    for (const ProjectError &warning : loaded->warnings)
        if (QString::fromStdString(warning.pointer).endsWith(QLatin1String("/accessLogFormat")))
            found[QString::fromStdString(warning.pointer)] << warning.toString();
    const QStringList restWarnings = found.value(QStringLiteral("/apis/0/stages/0/accessLogFormat"));
    QCOMPARE(restWarnings.size(), 2);
    QVERIFY2(restWarnings[0].contains(QLatin1String("$context.connectionId is not a documented access-log variable for REST APIs")), qPrintable(restWarnings[0]));
    QVERIFY2(restWarnings[1].contains(QLatin1String("$context.dataProcessed")), qPrintable(restWarnings[1]));
    const QStringList bare = found.value(QStringLiteral("/apis/0/stages/1/accessLogFormat"));
    QCOMPARE(bare.size(), 1);
    QVERIFY2(bare[0].contains(QLatin1String("without $context.requestId or $context.extendedRequestId")), qPrintable(bare[0]));
    const QStringList wsWarnings = found.value(QStringLiteral("/apis/1/stages/0/accessLogFormat"));
    QCOMPARE(wsWarnings.size(), 1); // integrationLatency is in websocket-api-logging's table
    QVERIFY2(wsWarnings[0].contains(QLatin1String("$context.resourcePath is not a documented access-log variable for WebSocket APIs")), qPrintable(wsWarnings[0]));
}

void TestProjectLoader::restQuotasAndDeploymentReferencesAreWarnedAbout()
{
    // api-gateway-execution-service-limits-table.html: 300 resources per REST API. A stage or a
    // canary naming a deployment the API lacks serves the design, and is told so.
    nlohmann::json resources = nlohmann::json::array();
    for (int i = 0; i < 301; ++i)
        resources.push_back({{"path", "/r" + std::to_string(i)}});
    const nlohmann::json project = {
        {"format", "gatewright-project"}, {"version", 1},
        {"apis", {{{"id", "r"}, {"type", "REST"}, {"resources", resources}, {"deployments", {{{"id", "d1"}}}},
                   {"stages", {{{"name", "prod"}, {"deployment", "gone"}, {"canarySettings", {{"deploymentId", "also-gone"}}}},
                               {{"name", "ok"}, {"deployment", "d1"}}}}}}}};
    LoadResult result = parseProject(QByteArray::fromStdString(project.dump()), QStringLiteral("quotas.json"));
    auto *loaded = std::get_if<LoadedProject>(&result);
    QVERIFY2(loaded, std::get_if<ProjectError>(&result) ? qPrintable(std::get_if<ProjectError>(&result)->toString()) : "");
    QStringList found;
    for (const ProjectError &warning : loaded->warnings)
        found << QString::fromStdString(warning.pointer);
    QCOMPARE(found, (QStringList{"/apis/0/stages/0/deployment", "/apis/0/stages/0/canarySettings/deploymentId", "/apis/0/resources/300"}));
    QVERIFY(loaded->warnings[2].toString().contains(QLatin1String("300 resources per REST API and this one has 301")));
    QVERIFY(loaded->warnings[0].toString().contains(QLatin1String("serves the design as it is")));
}

void TestProjectLoader::restTimeoutsAboveTheDefaultNeedAQuotaIncrease()
{
    // Since June 2024 a Regional or private REST API may wait up to 300 s for its integration,
    // after a quota increase (aws.amazon.com whats-new 2024/06 amazon-api-gateway-integration-
    // timeout-limit-29-seconds; re:Post QUlDTc_17EQ_mOJAhR3LHNDw gives 300,000 ms as the top).
    // Up to 29000 is silent, above it loads with a warning, above 300000 the schema refuses.
    const auto load = [](int timeoutMs) {
        const nlohmann::json project = {
            {"format", "gatewright-project"}, {"version", 1},
            {"apis", {{{"id", "r"}, {"type", "REST"}, {"stages", {{{"name", "prod"}}}},
                       {"resources", {{{"path", "/slow"}, {"methods", {{{"httpMethod", "GET"},
                           {"integration", {{"type", "HTTP_PROXY"}, {"uri", "http://127.0.0.1:9/"}, {"timeoutInMillis", timeoutMs}}}}}}}}}}}}};
        return parseProject(QByteArray::fromStdString(project.dump()), QStringLiteral("timeouts.json"));
    };
    const QString at = QStringLiteral("/apis/0/resources/0/methods/0/integration/timeoutInMillis");
    for (int quiet : {50, 29000}) {
        LoadResult result = load(quiet);
        auto *loaded = std::get_if<LoadedProject>(&result);
        QVERIFY(loaded);
        QVERIFY(std::none_of(loaded->warnings.begin(), loaded->warnings.end(),
                             [&](const ProjectError &w) { return QString::fromStdString(w.pointer) == at; }));
    }
    LoadResult slow = load(120000);
    auto *loaded = std::get_if<LoadedProject>(&slow);
    QVERIFY2(loaded, std::get_if<ProjectError>(&slow) ? qPrintable(std::get_if<ProjectError>(&slow)->toString()) : "");
    QCOMPARE(loaded->warnings.size(), size_t(1));
    QCOMPARE(QString::fromStdString(loaded->warnings[0].pointer), at);
    QVERIFY(loaded->warnings[0].toString().contains(QLatin1String("only for Regional and private REST APIs")));
    QCOMPARE(loaded->project.apis[0].rest()->resources[0].methods[0].integration->timeoutInMillis, 120000);
    for (int refused : {49, 300001}) {
        LoadResult result = load(refused);
        const auto *error = std::get_if<ProjectError>(&result);
        QVERIFY2(error, qPrintable(QString::number(refused)));
        QVERIFY2(QString::fromStdString(error->pointer) == at, error->pointer.c_str());
    }
}

void TestProjectLoader::itemIdsAreStableAndUnique()
{
    LoadResult result = loadProjectFile(QStringLiteral(GW_SOURCE_DIR "/resources/samples/orders/orders.gatewright.json"));
    const Project project = std::get<LoadedProject>(result).project;
    std::set<ItemId> ids;
    for (const Function &f : project.functions)
        ids.insert(f.itemId);
    for (const Api &api : project.apis) {
        ids.insert(api.itemId);
        for (const Route &r : api.routes())
            ids.insert(r.itemId);
        for (const Integration &i : api.integrations())
            ids.insert(i.itemId);
        for (const Stage &s : api.stages)
            ids.insert(s.itemId);
    }
    size_t items = project.functions.size();
    for (const Api &api : project.apis)
        items += 1 + api.routes().size() + api.integrations().size() + api.stages.size();
    QCOMPARE(ids.size(), items);
    QVERIFY(!ids.count(kNoItem));
    Project copy = project; // an undo snapshot: the same items, the same ids
    copy.apis[0].http()->routes[0].routeKey = "GET /changed";
    QCOMPARE(copy.apis[0].routes()[0].itemId, project.apis[0].routes()[0].itemId);
    Route fresh;
    QVERIFY(!ids.count(fresh.itemId));
    // An id finds its item, its kind and its place in the file.
    const auto where = locateItem(project, project.apis[0].routes()[2].itemId);
    QVERIFY(where);
    QCOMPARE(where->kind, ItemKind::Route);
    QCOMPARE(QString::fromStdString(where->pointer), QStringLiteral("/apis/0/routes/2"));
    QCOMPARE(findRouteItem(project, project.apis[0].routes()[2].itemId), &project.apis[0].routes()[2]);
    QCOMPARE(findRouteItem(project, project.functions[0].itemId), nullptr);
    QCOMPARE(apiOfItem(project, project.apis[0].stages[0].itemId), &project.apis[0]);
    QVERIFY(!locateItem(project, fresh.itemId));
}

void TestProjectLoader::pointersAreLocatedInTheText_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("root") << "" << 1 << 1;
    QTest::newRow("member") << "/b" << 2 << 7;
    QTest::newRow("array element") << "/b/1" << 2 << 11;
    QTest::newRow("nested") << "/c/d~1e/0" << 4 << 11;
    QTest::newRow("missing member: its object") << "/c/zzz" << 3 << 7;
}

void TestProjectLoader::pointersAreLocatedInTheText()
{
    QFETCH(QString, pointer);
    QFETCH(int, line);
    QFETCH(int, column);
    const QByteArray text = "{\"a\": \"\u00e9\\\"x\",\n"
                            " \"b\": [1, {\"k\": true}],\n"
                            " \"c\": {\n"
                            "  \"d/e\": [null]}}";
    const auto where = locateJsonPointer(text, pointer.toStdString());
    QVERIFY(where);
    QCOMPARE(where->first, line);
    QCOMPARE(where->second, column);
}

QTEST_GUILESS_MAIN(TestProjectLoader)
#include "tst_project_loader.moc"
