// WebSocket APIs served for real: the route selection table, the CONNECT/MESSAGE/DISCONNECT
// events next to captured ones, $connect decisions, two-way and one-way routes, the service's
// error frames, its limits (frames, messages, binary, idle time and lifetime under an injected
// clock), a client that vanishes, and the @connections API on the same port. Clients are real
// sockets (QWebSocket, raw TCP); the handlers are real Python processes.
#include "common/clocks.h"
#include "gateway/gateway.h"
#include "integrations/events/websocket_event.h"
#include "gateway/deploy/project_compiler.h"
#include "model/project_loader.h"
#include "model/route_selection_expression.h"
#include "observability/prometheus_metrics.h"
#include "observability/request_metrics.h"
#include "websocket/connect_authorizer.h"
#include "websocket/connection_registry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <thread>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace gw;
using nlohmann::json;

namespace {

// The routes' handlers: each event is appended to events.jsonl beside them, so the test reads
// what the function received.
const char *kHandlers = R"PY(import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
def record(event):
    with open(os.path.join(HERE, "events.jsonl"), "a") as f:
        f.write(json.dumps(event) + "\n")
def connect(event, context):
    record(event)
    q = event.get("queryStringParameters") or {}
    if q.get("deny"):
        return {"statusCode": int(q["deny"])}
    protocols = (event.get("headers") or {}).get("Sec-WebSocket-Protocol")
    if protocols:
        return {"statusCode": 200, "headers": {"Sec-WebSocket-Protocol": protocols.split(",")[-1].strip()}}
    return {"statusCode": 200}
def disconnect(event, context):
    record(event)
def echo(event, context):
    record(event)
    return {"statusCode": 200, "body": json.dumps({"route": event["requestContext"]["routeKey"], "body": event["body"]})}
def whoami(event, context):
    return {"statusCode": 200, "body": event["requestContext"]["connectionId"]}
def trust(event, context):
    # The bundle the user named (REQUESTS_CA_BUNDLE, set before the gateway started) still holds
    # their issuers, and now trusts the gateway's own https:// too.
    import ssl, urllib.parse, urllib.request
    rc = event["requestContext"]
    bundle = os.environ["REQUESTS_CA_BUNDLE"]
    url = "https://%s/%s/@connections/%s" % (rc["domainName"], rc["stage"], urllib.parse.quote(rc["connectionId"], safe=""))
    with urllib.request.urlopen(url, context=ssl.create_default_context(cafile=bundle), timeout=10) as r:
        status = r.status
    return {"statusCode": 200, "body": json.dumps({"status": status, "kept": "USER-BUNDLE-MARKER" in open(bundle).read()})}
def malformed(event, context):
    return {"ConnectionId": "x", "Data": "y", "statusCode": 200}
)PY";

json projectJson()
{
    json functions = json::array();
    for (const char *name : {"connect", "disconnect", "echo", "whoami", "malformed", "trust"})
        functions.push_back({{"name", name}, {"runtime", "python3"}, {"handler", std::string("app.") + name}, {"codeDir", "fn"}});
    json integrations = json::array();
    for (const char *name : {"connect", "disconnect", "echo", "whoami", "malformed", "trust"})
        integrations.push_back({{"id", name}, {"type", "AWS_PROXY"}, {"function", name}});
    integrations.push_back({{"id", "mock"}, {"type", "MOCK"}, {"requestTemplates", {{"$default", "{\"statusCode\": 200}"}}}});
    const json twoWay = "$default";
    json chat = {{"id", "chat"}, {"name", "chat"}, {"type", "WEBSOCKET"}, {"apiId", "wschat1234"}, {"port", 0},
                 {"routeSelectionExpression", "${request.body.service}/${request.body.action}"},
                 {"routes", json::array({{{"routeKey", "$connect"}, {"integration", "connect"}},
                                         {{"routeKey", "$disconnect"}, {"integration", "disconnect"}},
                                         {{"routeKey", "chat/echo"}, {"integration", "echo"}, {"routeResponseSelectionExpression", twoWay}},
                                         {{"routeKey", "chat/whoami"}, {"integration", "whoami"}, {"routeResponseSelectionExpression", twoWay}},
                                         {{"routeKey", "chat/oneway"}, {"integration", "echo"}},
                                         {{"routeKey", "chat/trust"}, {"integration", "trust"}, {"routeResponseSelectionExpression", twoWay}},
                                         {{"routeKey", "chat/malformed"}, {"integration", "malformed"}},
                                         {{"routeKey", "$default"}, {"integration", "echo"}, {"routeResponseSelectionExpression", twoWay}}})},
                 {"integrations", integrations},
                 {"stages", json::array({{{"name", "dev"}}})}};
    // No $connect (every handshake is accepted) and no $default (the "Forbidden" frame).
    json strict = {{"id", "strict"}, {"name", "strict"}, {"type", "WEBSOCKET"}, {"apiId", "wsstrict12"}, {"port", 0},
                   {"routeSelectionExpression", "$request.body.action"},
                   {"routes", json::array({{{"routeKey", "whoami"}, {"integration", "whoami"}, {"routeResponseSelectionExpression", twoWay}}})},
                   {"integrations", integrations},
                   {"stages", json::array({{{"name", "prod"}}})}};
    return {{"format", "gatewright-project"}, {"version", 1}, {"name", "ws"}, {"region", "us-east-1"}, {"accountId", "123456789012"},
            {"functions", functions}, {"apis", json::array({chat, strict})}};
}

// A MOCK-only API for the clock-driven limits (no function processes to wait for).
json limitsProjectJson()
{
    return {{"format", "gatewright-project"}, {"version", 1}, {"name", "limits"},
            {"apis", json::array({{{"id", "l"}, {"name", "l"}, {"type", "WEBSOCKET"}, {"apiId", "wslimits12"}, {"port", 0},
                                   {"routeSelectionExpression", "$request.body.action"},
                                   {"routes", json::array({{{"routeKey", "$default"}, {"integration", "mock"}},
                                                           {{"routeKey", "$disconnect"}, {"integration", "mock"}}})},
                                   {"integrations", json::array({{{"id", "mock"}, {"type", "MOCK"}}})},
                                   {"stages", json::array({{{"name", "dev"}}})}}})}};
}

std::optional<Project> load(const json &doc, const QString &dir, QString *error)
{
    LoadResult loaded = parseProject(QByteArray::fromStdString(doc.dump()), QStringLiteral("ws.json"), dir);
    if (auto *problem = std::get_if<ProjectError>(&loaded)) {
        *error = problem->toString();
        return std::nullopt;
    }
    return std::get<LoadedProject>(loaded).project;
}

// A client: its socket, what came back, how it ended.
struct Client {
    QWebSocket socket;
    QStringList frames;
    bool connected = false;
    bool closed = false;

    Client()
    {
        QObject::connect(&socket, &QWebSocket::connected, [this] { connected = true; });
        QObject::connect(&socket, &QWebSocket::disconnected, [this] { closed = true; });
        QObject::connect(&socket, &QWebSocket::textMessageReceived, [this](const QString &text) { frames << text; });
    }
    bool open(const QUrl &url, const QStringList &protocols = {})
    {
        QWebSocketHandshakeOptions options;
        options.setSubprotocols(protocols);
        socket.open(QNetworkRequest(url), options);
        QElapsedTimer timer;
        timer.start();
        while (!connected && !closed && timer.elapsed() < 30000)
            QTest::qWait(5);
        return connected;
    }
    // The next frame, or a null string after timeoutMs.
    QString next(int timeoutMs = 30000)
    {
        QElapsedTimer timer;
        timer.start();
        while (frames.isEmpty() && !closed && timer.elapsed() < timeoutMs)
            QTest::qWait(5);
        return frames.isEmpty() ? QString() : frames.takeFirst();
    }
};

} // namespace

class TestWebSocketApi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void routeSelectionExpressions_data();
    void routeSelectionExpressions();
    void invalidExpressionsAreRefused();
    void eventsHaveTheCapturedShapes();
    void connectEventCarriesHeadersAndQuery();
    void connectRefusalIsTheHandshakeStatus();
    void subprotocolIsTheOneConnectChose();
    void messagesAreRoutedBySelection_data();
    void messagesAreRoutedBySelection();
    void oneWayRoutesSendNothingBack();
    void noRouteAndNoDefaultIsTheForbiddenFrame();
    void malformedProxyAnswerIsTheInternalErrorFrame();
    void binaryFramesCloseWith1003();
    void oversizeMessagesAndFramesCloseWith1009();
    void vanishedClientIsReportedToDisconnect();
    void connectionsAreProbedForVanishedNetworks();
    void authorizerDecidesConnectAndItsContextReachesEveryEvent();
    void connectionsApiPostsGetsAndDeletes();
    void handshakesWithoutTheRightHeadersAreRefused();
    void malformedFramesCloseWithTheirCodes_data();
    void malformedFramesCloseWithTheirCodes();
    void pingIsAnsweredWithPong();
    void aFloodingClientDoesNotStopTheOthers();
    void plainRequestsAndUnknownStages();
    void idleAndLifetimeLimitsUnderAnInjectedClock();
    void sessionEventsReportConnectionsAndFrames();
    void windowPushesGoThroughTheConnectionsRegistry();
    void userBundleKeepsItsIssuersAndGainsTheLocalCa();
    void templatesMapConnectsAndMessagesForMockAndHttp();
    void integrationResponsesMapTheBackendsAnswer();
    void integrationResponseTemplatesAreChosenByTheirExpression();
    void brokenIntegrationResponsesAreFoundBeforeServing();
    void metricsSortErrorsAsTheServiceDoes();

private:
    QUrl url(const char *api, const QString &suffix = {}) const;
    QUrl managementUrl(const QString &connectionId) const;
    std::vector<json> events(const char *eventType);
    json lastEvent(const char *eventType, const QString &connectionId);
    QNetworkReply *call(const QByteArray &verb, const QUrl &target, const QByteArray &body = {});

    QVector<WebSocketSessionEvent> sessionEventsOf(const QString &connectionId) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Gateway> m_gateway;
    QVector<WebSocketSessionEvent> m_sessionEvents;
    QVector<AccessLogEntry> m_accessLog;
    QNetworkAccessManager m_nam;
};

void TestWebSocketApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("fn")));
    QFile code(m_dir.filePath(QStringLiteral("fn/app.py")));
    QVERIFY(code.open(QIODevice::WriteOnly));
    code.write(kHandlers);
    code.close();
    QString error;
    std::optional<Project> project = load(projectJson(), m_dir.path(), &error);
    QVERIFY2(project, qPrintable(error));
    // A trust store the user already names, as on machines behind a corporate proxy: functions
    // get it back with the local CA added (userBundleKeepsItsIssuersAndGainsTheLocalCa).
    QFile userBundle(m_dir.filePath(QStringLiteral("user-bundle.pem")));
    QVERIFY(userBundle.open(QIODevice::WriteOnly));
    QFile system(QStringLiteral("/etc/ssl/certs/ca-certificates.crt"));
    QVERIFY(system.open(QIODevice::ReadOnly));
    userBundle.write("# USER-BUNDLE-MARKER\n" + system.readAll());
    userBundle.close();
    qputenv("REQUESTS_CA_BUNDLE", QFile::encodeName(userBundle.fileName()));
    GatewayOptions options;
    options.webSocketSessions = true; // every case also runs the window's session feed
    options.flushIntervalMs = 10;
    m_gateway = std::make_unique<Gateway>(options);
    connect(m_gateway.get(), &Gateway::webSocketBatch, this, [this](const QVector<WebSocketSessionEvent> &batch) { m_sessionEvents += batch; });
    connect(m_gateway.get(), &Gateway::accessLogBatch, this, [this](const QVector<AccessLogEntry> &batch) { m_accessLog += batch; });
    QVERIFY2(m_gateway->start(*project, m_dir.path(), &error), qPrintable(error));
    QCOMPARE(m_gateway->endpoints().size(), 2);
    QCOMPARE(m_gateway->endpoints().first().type, QStringLiteral("WEBSOCKET"));
    QVERIFY(m_gateway->endpoints().first().url.startsWith(QLatin1String("ws://127.0.0.1:")));
}

void TestWebSocketApi::cleanupTestCase()
{
    m_gateway.reset();
}

QUrl TestWebSocketApi::url(const char *api, const QString &suffix) const
{
    for (const Endpoint &endpoint : m_gateway->endpoints())
        if (endpoint.apiKey == QLatin1String(api))
            return QUrl(endpoint.url + suffix);
    return {};
}

QUrl TestWebSocketApi::managementUrl(const QString &connectionId) const
{
    QUrl target = url("chat");
    target.setScheme(QStringLiteral("http"));
    // Encoded as SDKs send it ('=' as %3D).
    target.setPath(target.path() + QStringLiteral("/@connections/") + QString::fromLatin1(QUrl::toPercentEncoding(connectionId)),
                   QUrl::TolerantMode);
    return target;
}

std::vector<json> TestWebSocketApi::events(const char *eventType)
{
    std::vector<json> out;
    QFile file(m_dir.filePath(QStringLiteral("fn/events.jsonl")));
    if (!file.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : file.readAll().split('\n'))
        if (!line.isEmpty()) {
            json event = json::parse(line.toStdString());
            if (event["requestContext"]["eventType"] == eventType)
                out.push_back(std::move(event));
        }
    return out;
}

json TestWebSocketApi::lastEvent(const char *eventType, const QString &connectionId)
{
    for (int i = 0; i < 3000; ++i) {
        std::vector<json> all = events(eventType);
        for (auto it = all.rbegin(); it != all.rend(); ++it)
            if (connectionId.isEmpty() || (*it)["requestContext"]["connectionId"] == connectionId.toStdString())
                return *it;
        QTest::qWait(10);
    }
    return json();
}

QNetworkReply *TestWebSocketApi::call(const QByteArray &verb, const QUrl &target, const QByteArray &body)
{
    QNetworkRequest request(target);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    return reply;
}

void TestWebSocketApi::routeSelectionExpressions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("key"); // null: $default
    // The table of websocket-api-develop-routes.html, on its sample message.
    const QByteArray sample = R"({"service": "chat", "action": "join", "data": {"room": "room1234"}})";
    QTest::newRow("docs $request.body.action") << "$request.body.action" << sample << "join";
    QTest::newRow("docs ${request.body.action}") << "${request.body.action}" << sample << "join";
    QTest::newRow("docs service/action") << "${request.body.service}/${request.body.action}" << sample << "chat/join";
    QTest::newRow("docs missing path reads as empty") << "${request.body.action}-${request.body.invalidPath}" << sample << "join-";
    QTest::newRow("docs static") << "action" << sample << "action";
    QTest::newRow("docs escaped dollar") << "\\$default" << sample << "$default";
    QTest::newRow("nested path") << "$request.body.data.room" << sample << "room1234";
    QTest::newRow("a number is its JSON text") << "$request.body.n" << QByteArray(R"({"n": 7})") << "7";
    QTest::newRow("not JSON goes to $default") << "$request.body.action" << QByteArray("hello") << QString();
    QTest::newRow("a JSON array goes to $default") << "$request.body.action" << QByteArray("[1]") << QString();
}

void TestWebSocketApi::routeSelectionExpressions()
{
    QFETCH(QString, expression);
    QFETCH(QByteArray, message);
    QFETCH(QString, key);
    const RouteSelectionExpression parsed(expression.toStdString());
    QVERIFY2(parsed.isValid(), parsed.error().c_str());
    const std::optional<std::string> selected = parsed.evaluate(message);
    if (key.isNull())
        QVERIFY(!selected);
    else
        QCOMPARE(QString::fromStdString(selected.value_or("<none>")), key);
}

void TestWebSocketApi::invalidExpressionsAreRefused()
{
    QVERIFY(!RouteSelectionExpression("$request.header.x").isValid());
    QVERIFY(!RouteSelectionExpression("${request.body.action").isValid());
    QVERIFY(!RouteSelectionExpression("").isValid());
    // validate names the field.
    json doc = projectJson();
    doc["apis"][0]["routeSelectionExpression"] = "$request.querystring.a";
    QString error;
    QVERIFY(!load(doc, m_dir.path(), &error));
    QVERIFY2(error.contains(QLatin1String("routeSelectionExpression")), qPrintable(error));
    doc = projectJson();
    doc["apis"][0]["stages"][0]["name"] = "$default";
    QVERIFY(!load(doc, m_dir.path(), &error));
    QVERIFY2(error.contains(QLatin1String("ws://host/STAGE")), qPrintable(error));
    doc = projectJson();
    doc["apis"][0]["integrations"][0]["templateSelectionExpression"] = "$request.header.kind";
    QVERIFY(!load(doc, m_dir.path(), &error));
    QVERIFY2(error.contains(QLatin1String("/integrations/0/templateSelectionExpression")), qPrintable(error));
}

void TestWebSocketApi::eventsHaveTheCapturedShapes()
{
    // The same members, in the captured events' order where they are captured
    // (../shared/conformance/events: websocket-api-connect-request.json, apigw-websocket-request-*.json).
    const auto keysOf = [](const json &object) {
        QStringList keys;
        for (auto it = object.begin(); it != object.end(); ++it)
            keys << QString::fromStdString(it.key());
        keys.sort();
        return keys;
    };
    const auto fixture = [](const char *path) {
        QFile file(QStringLiteral(GW_CONFORMANCE_DIR "/events/") + QLatin1String(path));
        return file.open(QIODevice::ReadOnly) ? json::parse(file.readAll().toStdString(), nullptr, false, true) : json();
    };
    ContextVariables context;
    context.requestId = "QyUg1HJgCYcFvbw=";
    context.apiId = "lg10ltpf4f";
    context.stage = "production";
    context.sourceIp = "52.95.4.0";
    context.userAgent = "Mozilla/5.0";
    context.domainName = "lg10ltpf4f.execute-api.us-east-2.amazonaws.com";
    context.connectionId = "QyUg1czHCYcCHXw=";
    context.connectedAtMs = 1650301649973;
    context.requestTimeEpochMs = 1650301649973;
    std::vector<HttpHeader> headers{{"Host", context.domainName}, {"Sec-WebSocket-Key", "BvlrrFKoKAPDYOlwBcGKWw=="}};

    context.eventType = "CONNECT";
    WebSocketEventInput connecting(context, "$connect");
    connecting.headers = &headers;
    const json connect = json::parse(webSocketEvent(connecting).toStdString());
    const json capturedConnect = fixture("aws-lambda-dotnet/websocket-api-connect-request.json");
    QVERIFY(!capturedConnect.is_null());
    QCOMPARE(keysOf(connect), keysOf(capturedConnect));
    QStringList connectContext = keysOf(capturedConnect["requestContext"]);
    QCOMPARE(keysOf(connect["requestContext"]), connectContext);
    QCOMPARE(QString::fromStdString(connect["requestContext"]["requestTime"].get<std::string>()),
             QStringLiteral("18/Apr/2022:17:07:29 +0000"));

    context.eventType = "MESSAGE";
    context.messageId = "R1knPc2ntjMCFIA=";
    WebSocketEventInput message(context, "$default");
    message.body = "{\r\n\t\"a\": 1\r\n}";
    const json sent = json::parse(webSocketEvent(message).toStdString());
    const json capturedMessage = fixture("aws-lambda-go/apigw-websocket-request-send-message.json");
    QCOMPARE(keysOf(sent), keysOf(capturedMessage));
    QCOMPARE(keysOf(sent["requestContext"]), keysOf(capturedMessage["requestContext"]));
    QVERIFY(sent["body"] == capturedMessage["body"]);

    context.eventType = "DISCONNECT";
    WebSocketEventInput disconnect(context, "$disconnect");
    disconnect.disconnectStatusCode = 1001;
    const json gone = json::parse(webSocketEvent(disconnect).toStdString());
    const json capturedDisconnect = fixture("aws-lambda-go/apigw-websocket-request-disconnect.json");
    QCOMPARE(keysOf(gone), keysOf(capturedDisconnect));
    QCOMPARE(keysOf(gone["requestContext"]), keysOf(capturedDisconnect["requestContext"]));
    QCOMPARE(keysOf(gone["headers"]), keysOf(capturedDisconnect["headers"]));
    QCOMPARE(gone["requestContext"]["disconnectStatusCode"].get<int>(), 1001);
}

void TestWebSocketApi::connectEventCarriesHeadersAndQuery()
{
    Client client;
    QNetworkRequest request(url("chat", QStringLiteral("?team=blue&team=red")));
    request.setRawHeader("X-Custom", "yes");
    request.setRawHeader("User-Agent", "qt-test/1");
    client.socket.open(request);
    QTRY_VERIFY_WITH_TIMEOUT(client.connected, 30000);
    client.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "whoami"})"));
    const QString connectionId = client.next();
    QCOMPARE(connectionId.size(), 16);
    const json event = lastEvent("CONNECT", connectionId);
    QVERIFY2(!event.is_null(), "no CONNECT event for the connection");
    const json &rc = event["requestContext"];
    QCOMPARE(QString::fromStdString(rc["routeKey"].get<std::string>()), QStringLiteral("$connect"));
    QCOMPARE(QString::fromStdString(rc["stage"].get<std::string>()), QStringLiteral("dev"));
    QCOMPARE(QString::fromStdString(rc["apiId"].get<std::string>()), QStringLiteral("wschat1234"));
    QCOMPARE(QString::fromStdString(rc["identity"]["sourceIp"].get<std::string>()), QStringLiteral("127.0.0.1"));
    QCOMPARE(QString::fromStdString(rc["identity"]["userAgent"].get<std::string>()), QStringLiteral("qt-test/1"));
    QCOMPARE(QString::fromStdString(rc["domainName"].get<std::string>()), url("chat").authority());
    QCOMPARE(QString::fromStdString(event["headers"]["X-Custom"].get<std::string>()), QStringLiteral("yes"));
    QVERIFY(event["headers"].contains("Sec-WebSocket-Key"));
    QVERIFY(event["headers"].contains("X-Forwarded-For"));
    QCOMPARE(QString::fromStdString(event["queryStringParameters"]["team"].get<std::string>()), QStringLiteral("red"));
    QCOMPARE(int(event["multiValueQueryStringParameters"]["team"].size()), 2);
    QVERIFY(!event.contains("body"));

    // Its messages and its $disconnect carry the same connection and connectedAt.
    client.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "echo", "n": 1})"));
    QVERIFY(!client.next().isNull());
    const json message = lastEvent("MESSAGE", connectionId);
    QVERIFY(message["requestContext"]["connectedAt"] == rc["connectedAt"]);
    QVERIFY(!message.contains("headers"));
    QCOMPARE(message["requestContext"]["messageId"].get<std::string>().size(), size_t(16));
    client.socket.close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("bye"));
    const json gone = lastEvent("DISCONNECT", connectionId);
    QVERIFY2(!gone.is_null(), "no DISCONNECT event");
    QCOMPARE(gone["requestContext"]["disconnectStatusCode"].get<int>(), 1000);
    QCOMPARE(QString::fromStdString(gone["requestContext"]["disconnectReason"].get<std::string>()), QStringLiteral("bye"));
    QVERIFY(gone["requestContext"]["connectedAt"] == rc["connectedAt"]);
}

void TestWebSocketApi::connectRefusalIsTheHandshakeStatus()
{
    // if1live/aws-lambda-nodejs-event documents/websocket.md: a $connect that returns 401 makes
    // the handshake fail with 401 ("Unexpected server response: 401").
    for (int status : {401, 403, 500}) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(url("chat").port()));
        QVERIFY(socket.waitForConnected(10000));
        socket.write("GET /dev?deny=" + QByteArray::number(status) + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n"), 30000);
        QVERIFY2(answer.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '), answer.constData());
    }
}

void TestWebSocketApi::subprotocolIsTheOneConnectChose()
{
    // websocket-connect-route-subprotocol.html: the $connect integration answers with the
    // Sec-WebSocket-Protocol it accepts (here: the last one offered).
    Client client;
    QVERIFY(client.open(url("chat"), {QStringLiteral("chat.v1"), QStringLiteral("chat.v2")}));
    QCOMPARE(client.socket.subprotocol(), QStringLiteral("chat.v2"));
}

void TestWebSocketApi::messagesAreRoutedBySelection_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("route");
    QTest::newRow("exact custom route") << R"({"service": "chat", "action": "echo"})" << "chat/echo";
    QTest::newRow("an unknown key goes to $default") << R"({"service": "chat", "action": "dance"})" << "$default";
    QTest::newRow("a missing member reads as empty") << R"({"action": "echo"})" << "$default";
    QTest::newRow("not JSON goes to $default") << "hello there" << "$default";
    QTest::newRow("an empty message goes to $default") << "" << "$default";
}

void TestWebSocketApi::messagesAreRoutedBySelection()
{
    QFETCH(QString, message);
    QFETCH(QString, route);
    Client client;
    QVERIFY(client.open(url("chat")));
    client.socket.sendTextMessage(message);
    const QString frame = client.next();
    QVERIFY2(!frame.isNull(), "no answer");
    const json answer = json::parse(frame.toStdString());
    QCOMPARE(QString::fromStdString(answer["route"].get<std::string>()), route);
    QCOMPARE(QString::fromStdString(answer["body"].get<std::string>()), message);
}

void TestWebSocketApi::oneWayRoutesSendNothingBack()
{
    Client client;
    QVERIFY(client.open(url("chat")));
    client.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "oneway", "tag": "one-way"})"));
    QVERIFY(!lastEvent("MESSAGE", QString()).is_null());
    client.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "whoami"})"));
    const QString first = client.next();
    QCOMPARE(first.size(), 16); // whoami's answer comes first: the one-way route sent nothing
    QTest::qWait(200);
    QVERIFY2(client.frames.isEmpty(), qPrintable(client.frames.join(QLatin1Char('\n'))));
}

void TestWebSocketApi::noRouteAndNoDefaultIsTheForbiddenFrame()
{
    Client client;
    QVERIFY(client.open(url("strict")));
    client.socket.sendTextMessage(QStringLiteral(R"({"action": "whoami"})"));
    const QString connectionId = client.next();
    QCOMPARE(connectionId.size(), 16);
    client.socket.sendTextMessage(QStringLiteral(R"({"action": "nothing"})"));
    const QString frame = client.next();
    // aws-samples/simple-websockets-chat-app issue 24: {"message": "Forbidden", "connectionId":"...", "requestId":"..."}
    QVERIFY2(frame.startsWith(QStringLiteral(R"({"message": "Forbidden", "connectionId":")") + connectionId +
                              QStringLiteral(R"(", "requestId":")")),
             qPrintable(frame));
    QVERIFY(client.socket.state() == QAbstractSocket::ConnectedState); // the connection stays open
}

void TestWebSocketApi::malformedProxyAnswerIsTheInternalErrorFrame()
{
    // middyjs/middy issue 1219: {ConnectionId, Data, statusCode} gives "Internal server error".
    Client client;
    QVERIFY(client.open(url("chat")));
    client.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "malformed"})"));
    const QString frame = client.next();
    QVERIFY2(frame.startsWith(QLatin1String(R"({"message": "Internal server error", "connectionId":")")), qPrintable(frame));
}

void TestWebSocketApi::binaryFramesCloseWith1003()
{
    // websocket-api-develop-binary-media-types.html: a binary frame is refused with close 1003.
    Client client;
    QVERIFY(client.open(url("chat")));
    client.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "whoami"})"));
    const QString connectionId = client.next();
    client.socket.sendBinaryMessage(QByteArray("\x01\x02\x03", 3));
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, 10000);
    QCOMPARE(int(client.socket.closeCode()), 1003);
    const json gone = lastEvent("DISCONNECT", connectionId);
    QCOMPARE(gone["requestContext"]["disconnectStatusCode"].get<int>(), 1003);
}

void TestWebSocketApi::oversizeMessagesAndFramesCloseWith1009()
{
    // Quotas: message payload 128 KB, frame 32 KB; over either, close 1009.
    {
        Client client;
        client.socket.setOutgoingFrameSize(16 * 1024);
        QVERIFY(client.open(url("chat")));
        const QString big = QStringLiteral(R"({"service": "chat", "action": "echo", "pad": ")") + QString(100 * 1024, QLatin1Char('x')) +
                            QStringLiteral("\"}");
        client.socket.sendTextMessage(big); // 100 KB in 16 KB frames: within both quotas
        const QString echoed = client.next();
        QVERIFY2(!echoed.isNull(), "a 100 KB message in 16 KB frames was not answered");
        QCOMPARE(QString::fromStdString(json::parse(echoed.toStdString())["body"].get<std::string>()), big);
        client.socket.sendTextMessage(QString(129 * 1024, QLatin1Char('y')));
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, 10000);
        QCOMPARE(int(client.socket.closeCode()), 1009);
    }
    {
        Client client;
        QVERIFY(client.open(url("chat")));
        client.socket.sendTextMessage(QString(40 * 1024, QLatin1Char('z'))); // one 40 KB frame
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, 10000);
        QCOMPARE(int(client.socket.closeCode()), 1009);
    }
}

void TestWebSocketApi::vanishedClientIsReportedToDisconnect()
{
    // A client that leaves without a close frame: $disconnect still runs (best effort), with 1006.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(url("chat").port()));
    QVERIFY(socket.waitForConnected(10000));
    socket.write("GET /dev?vanish=1 HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n"), 30000);
    QVERIFY2(answer.startsWith("HTTP/1.1 101"), answer.constData());
    json connect;
    for (int i = 0; i < 300 && connect.is_null(); ++i) {
        for (const json &event : events("CONNECT"))
            if (event.contains("queryStringParameters") && event["queryStringParameters"].is_object() && event["queryStringParameters"].contains("vanish"))
                connect = event;
        QTest::qWait(10);
    }
    QVERIFY(!connect.is_null());
    const QString connectionId = QString::fromStdString(connect["requestContext"]["connectionId"].get<std::string>());
    socket.abort();
    const json gone = lastEvent("DISCONNECT", connectionId);
    QVERIFY2(!gone.is_null(), "no $disconnect for a client that vanished");
    QCOMPARE(gone["requestContext"]["disconnectStatusCode"].get<int>(), 1006);
}

// The gateway's end of a TCP connection from the client's port to the server's (the gateway runs
// in this process, so its descriptors are ours to look at).
int serverDescriptorFor(quint16 serverPort, quint16 clientPort)
{
    for (int fd = 0; fd < 65536; ++fd) {
        sockaddr_in local{}, peer{};
        socklen_t localSize = sizeof local, peerSize = sizeof peer;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localSize) != 0 || local.sin_family != AF_INET)
            continue;
        if (::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &peerSize) != 0)
            continue;
        if (ntohs(local.sin_port) == serverPort && ntohs(peer.sin_port) == clientPort)
            return fd;
    }
    return -1;
}

void TestWebSocketApi::connectionsAreProbedForVanishedNetworks()
{
    // A client whose network goes away sends no FIN: TCP keepalive finds it (60 s + 3 x 10 s)
    // long before the 10-minute idle timeout, and unacknowledged pushes fail the socket as soon.
    Client client;
    QVERIFY(client.open(url("chat")));
    const int fd = serverDescriptorFor(quint16(url("chat").port()), client.socket.localPort());
    QVERIFY2(fd >= 0, "the gateway's end of the connection was not found");
    const auto option = [fd](int level, int name) {
        int value = -1;
        socklen_t size = sizeof value;
        return ::getsockopt(fd, level, name, &value, &size) == 0 ? value : -1;
    };
    QCOMPARE(option(SOL_SOCKET, SO_KEEPALIVE), 1);
    QCOMPARE(option(IPPROTO_TCP, TCP_KEEPIDLE), 60);
    QCOMPARE(option(IPPROTO_TCP, TCP_KEEPINTVL), 10);
    QCOMPARE(option(IPPROTO_TCP, TCP_KEEPCNT), 3);
    QCOMPARE(option(IPPROTO_TCP, TCP_USER_TIMEOUT), 90000);
    client.socket.close();
}

// Stands in for the authorizers a later issue brings (IAM, Lambda REQUEST): decides from the
// Authorization header on a thread of its own, a while later, as a function call would.
class HeaderAuthorizer : public ConnectAuthorizer {
public:
    void authorize(const ConnectAuthorization &request, std::function<void(ConnectDecision)> decide) const override
    {
        seen.fetchAndAddRelaxed(1);
        const QByteArray token = request.handshake.header("authorization");
        const QByteArray type = QByteArray::fromStdString(request.connectRoute.authorizationType);
        std::thread([token, type, decide = std::move(decide)] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            ConnectDecision decision;
            if (token.isEmpty()) {
                HttpResponse refusal;
                refusal.status = 401;
                refusal.body = R"({"message":"Unauthorized"})";
                decision.refusal = refusal;
            } else if (token == "deny") {
                HttpResponse refusal;
                refusal.status = 403;
                refusal.body = R"({"message":"Forbidden"})";
                decision.refusal = refusal;
            } else {
                auto context = std::make_shared<AuthorizerContext>();
                context->principalId = token;
                context->add("clientId", "1");
                context->add("clientName", "\"Exata\"");
                context->add("admin", "true");
                context->add("authorizationType", '"' + type + '"');
                decision.context = context;
            }
            decide(std::move(decision));
        }).detach();
    }
    mutable QAtomicInt seen;
};

void TestWebSocketApi::authorizerDecidesConnectAndItsContextReachesEveryEvent()
{
    // The hook authorizers plug into: it decides the handshake before $connect runs, and the
    // context it returns is requestContext.authorizer on CONNECT, MESSAGE and DISCONNECT alike
    // (apigateway-websocket-api-lambda-auth.html; captured shape: aws-lambda-go
    // apigw-websocket-request.json), $context.authorizer.* in templates, and the access log's
    // $context.authorizer.principalId.
    json api = {{"id", "authz"}, {"name", "authz"}, {"type", "WEBSOCKET"}, {"apiId", "wsauthz123"}, {"port", 0},
                {"routeSelectionExpression", "$request.body.action"},
                {"authorizers", json::array({{{"id", "auth"}, {"name", "auth"}, {"type", "REQUEST"}, {"function", "connect"},
                                              {"identitySource", json::array({"route.request.header.Authorization"})}}})},
                {"routes", json::array({{{"routeKey", "$connect"}, {"integration", "connect"}, {"authorizationType", "CUSTOM"}, {"authorizer", "auth"}},
                                        {{"routeKey", "$disconnect"}, {"integration", "disconnect"}},
                                        {{"routeKey", "who"}, {"integration", "mock"}, {"routeResponseSelectionExpression", "$default"}},
                                        {{"routeKey", "$default"}, {"integration", "echo"}, {"routeResponseSelectionExpression", "$default"}}})},
                {"integrations", json::array({{{"id", "connect"}, {"type", "AWS_PROXY"}, {"function", "connect"}},
                                              {{"id", "disconnect"}, {"type", "AWS_PROXY"}, {"function", "disconnect"}},
                                              {{"id", "echo"}, {"type", "AWS_PROXY"}, {"function", "echo"}},
                                              {{"id", "mock"}, {"type", "MOCK"},
                                               {"requestTemplates", {{"$default", "{\"statusCode\": 200}"}}},
                                               {"integrationResponses", json::array({{{"integrationResponseKey", "$default"},
                                                                                       {"responseTemplates", {{"$default", "$context.authorizer.principalId/$context.authorizer.clientName"}}}}})}}})},
                {"stages", json::array({{{"name", "dev"}, {"accessLogFormat", "$context.requestId $context.eventType $context.authorizer.principalId"}}})}};
    json functions = json::array();
    for (const char *name : {"connect", "disconnect", "echo"})
        functions.push_back({{"name", name}, {"runtime", "python3"}, {"handler", std::string("app.") + name}, {"codeDir", "fn"}});
    QString error;
    std::optional<Project> project = load({{"format", "gatewright-project"}, {"version", 1}, {"name", "authz"}, {"functions", functions},
                                           {"apis", json::array({api})}},
                                          m_dir.path(), &error);
    QVERIFY2(project, qPrintable(error));
    auto authorizer = std::make_shared<HeaderAuthorizer>();
    GatewayOptions options;
    options.webSocketAuthorizer = authorizer;
    options.webSocketSessions = true;
    options.flushIntervalMs = 10;
    Gateway gateway(options);
    QVector<AccessLogEntry> log;
    QVector<WebSocketSessionEvent> sessions;
    connect(&gateway, &Gateway::accessLogBatch, this, [&log](const QVector<AccessLogEntry> &batch) { log += batch; });
    connect(&gateway, &Gateway::webSocketBatch, this, [&sessions](const QVector<WebSocketSessionEvent> &batch) { sessions += batch; });
    QVERIFY2(gateway.start(*project, m_dir.path(), &error), qPrintable(error));
    const QUrl target(gateway.endpoints().first().url);
    const size_t connectsBefore = events("CONNECT").size();

    // Refused: the authorizer's status, and $connect never ran.
    for (const auto &[token, status] : {std::pair<QByteArray, int>{"", 401}, {"deny", 403}}) {
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, quint16(target.port()));
        QVERIFY(raw.waitForConnected(10000));
        raw.write("GET /dev HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                  (token.isEmpty() ? QByteArray() : "Authorization: " + token + "\r\n") +
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += raw.readAll()).contains("\r\n\r\n"), 30000);
        QVERIFY2(answer.startsWith("HTTP/1.1 " + QByteArray::number(status)), answer.constData());
    }
    QCOMPARE(authorizer->seen.loadRelaxed(), 2);
    QCOMPARE(events("CONNECT").size(), connectsBefore);

    // Allowed: the context on every event of the connection.
    Client client;
    QNetworkRequest handshake(target);
    handshake.setRawHeader("Authorization", "user-42");
    client.socket.open(handshake);
    QTRY_VERIFY_WITH_TIMEOUT(client.connected, 30000);
    client.socket.sendTextMessage(QStringLiteral(R"({"action": "who"})"));
    QCOMPARE(client.next(), QStringLiteral("user-42/Exata"));
    client.socket.sendTextMessage(QStringLiteral("hello"));
    const json echoed = json::parse(client.next().toStdString());
    QVERIFY2(echoed["body"] == "hello", echoed.dump().c_str());
    client.socket.close();
    const json expected = {{"principalId", "user-42"}, {"clientId", 1}, {"clientName", "Exata"}, {"admin", true},
                           {"authorizationType", "CUSTOM"}};
    const json connectEvent = lastEvent("CONNECT", {});
    QVERIFY(!connectEvent.is_null());
    const QString connectionId = QString::fromStdString(connectEvent["requestContext"]["connectionId"].get<std::string>());
    QVERIFY2(connectEvent["requestContext"]["authorizer"] == expected, connectEvent["requestContext"].dump().c_str());
    const json message = lastEvent("MESSAGE", connectionId);
    QVERIFY2(!message.is_null() && message["requestContext"]["authorizer"] == expected, message.dump().c_str());
    const json disconnect = lastEvent("DISCONNECT", connectionId);
    QVERIFY2(!disconnect.is_null() && disconnect["requestContext"]["authorizer"] == expected, disconnect.dump().c_str());

    // The access log and the sessions view.
    QTRY_VERIFY_WITH_TIMEOUT(std::count_if(log.begin(), log.end(), [](const AccessLogEntry &e) { return e.authorizer; }) >= 4, 20000);
    for (const AccessLogEntry &entry : log)
        if (entry.connectionId == connectionId.toLatin1())
            QCOMPARE(contextValue(entry, ContextVariable::AuthorizerPrincipalId), QByteArray("user-42"));
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(sessions.begin(), sessions.end(),
                                         [&](const WebSocketSessionEvent &e) {
                                             return e.kind == WebSocketSessionEvent::Kind::Opened && e.connectionId == connectionId.toLatin1();
                                         }),
                             20000);
    for (const WebSocketSessionEvent &event : sessions)
        if (event.kind == WebSocketSessionEvent::Kind::Opened)
            QVERIFY2(json::parse(event.authorizer.toStdString()) == expected, event.authorizer.constData());
    // Only the types a Lambda authorizer's context may hold.
    AuthorizerContext context;
    QVERIFY(!context.add("nested", R"({"no": 1})"));
    QVERIFY(!context.add("list", "[1]"));
    QVERIFY(!context.add("broken", "{"));
    QVERIFY(context.context.empty());
    gateway.stop();
}

void TestWebSocketApi::connectionsApiPostsGetsAndDeletes()
{
    Client client;
    QVERIFY(client.open(url("chat")));
    client.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "whoami"})"));
    const QString connectionId = client.next();
    QCOMPARE(connectionId.size(), 16);

    std::unique_ptr<QNetworkReply> reply(call("POST", managementUrl(connectionId), "pushed"));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(client.next(), QStringLiteral("pushed"));

    reply.reset(call("GET", managementUrl(connectionId)));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const json info = json::parse(reply->readAll().toStdString());
    QCOMPARE(QString::fromStdString(info["identity"]["sourceIp"].get<std::string>()), QStringLiteral("127.0.0.1"));
    const QDateTime connectedAt = QDateTime::fromString(QString::fromStdString(info["connectedAt"].get<std::string>()), Qt::ISODateWithMs);
    QVERIFY(connectedAt.isValid());
    QVERIFY(qAbs(connectedAt.msecsTo(QDateTime::currentDateTimeUtc())) < 60000);
    QVERIFY(info.contains("lastActiveAt"));

    reply.reset(call("POST", managementUrl(connectionId), QByteArray(131073, 'a')));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
    QCOMPARE(reply->rawHeader("x-amzn-ErrorType"), QByteArray("PayloadTooLargeException"));

    reply.reset(call("DELETE", managementUrl(connectionId)));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, 10000);
    QCOMPARE(int(client.socket.closeCode()), 1000);

    // Gone: what SDKs read as GoneException (the header; an empty body).
    for (const QByteArray verb : {"POST", "GET", "DELETE"}) {
        reply.reset(call(verb, managementUrl(connectionId), verb == "POST" ? QByteArray("late") : QByteArray()));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 410);
        QCOMPARE(reply->rawHeader("x-amzn-ErrorType"), QByteArray("GoneException"));
        QVERIFY(reply->readAll().isEmpty());
    }
}

void TestWebSocketApi::plainRequestsAndUnknownStages()
{
    QUrl plain = url("chat");
    plain.setScheme(QStringLiteral("http"));
    std::unique_ptr<QNetworkReply> reply(call("GET", plain));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 426);
    // A handshake for a stage the API does not have is refused.
    Client client;
    QUrl wrong = url("chat");
    wrong.setPath(QStringLiteral("/nostage"));
    QVERIFY(!client.open(wrong));
}

void TestWebSocketApi::idleAndLifetimeLimitsUnderAnInjectedClock()
{
    auto clock = std::make_shared<ManualClock>();
    QString error;
    std::optional<Project> project = load(limitsProjectJson(), m_dir.path(), &error);
    QVERIFY2(project, qPrintable(error));
    GatewayOptions options;
    options.clock = clock;
    options.flushIntervalMs = 10;
    Gateway gateway(options);
    QVector<AccessLogEntry> log;
    connect(&gateway, &Gateway::accessLogBatch, this, [&log](const QVector<AccessLogEntry> &batch) { log += batch; });
    QVERIFY2(gateway.start(*project, m_dir.path(), &error), qPrintable(error));
    const QUrl target(gateway.endpoints().first().url);
    const auto disconnects = [&log] {
        QVector<AccessLogEntry> out;
        for (const AccessLogEntry &e : log)
            if (e.eventType == "DISCONNECT")
                out.push_back(e);
        return out;
    };

    // Idle: 10 minutes without a message ("Idle Connection Timeout", quotas), then 1001 Going away.
    Client idle;
    QVERIFY(idle.open(target));
    clock->advance(9 * 60 * 1000);
    idle.socket.sendTextMessage(QStringLiteral("still here")); // activity restarts the count
    QTest::qWait(100);
    clock->advance(9 * 60 * 1000);
    QTest::qWait(100);
    QVERIFY(!idle.closed);
    clock->advance(60 * 1000 + 1);
    QTRY_VERIFY_WITH_TIMEOUT(idle.closed, 10000);
    QCOMPARE(int(idle.socket.closeCode()), 1001);
    QCOMPARE(idle.socket.closeReason(), QStringLiteral("Going away"));
    // The $disconnect that follows has the same code and reason (a captured idle timeout's
    // DISCONNECT event: disconnectStatusCode 1001, disconnectReason "Going away").
    QTRY_COMPARE_WITH_TIMEOUT(disconnects().size(), 1, 10000);
    QCOMPARE(disconnects()[0].disconnectStatusCode, 1001);
    QCOMPARE(disconnects()[0].disconnectReason, QByteArray("Going away"));
    QCOMPARE(disconnects()[0].routeKey, QByteArray("$disconnect"));

    // Lifetime: 2 hours however active ("Connection duration for WebSocket API", quotas).
    Client busy;
    QVERIFY(busy.open(target));
    for (int minute = 0; minute < 115; minute += 5) {
        busy.socket.sendTextMessage(QStringLiteral("tick"));
        QTest::qWait(20);
        clock->advance(5 * 60 * 1000);
        QTest::qWait(20);
        QVERIFY2(!busy.closed, qPrintable(QStringLiteral("closed at minute %1").arg(minute)));
    }
    busy.socket.sendTextMessage(QStringLiteral("tick"));
    QTest::qWait(20);
    clock->advance(5 * 60 * 1000 + 1);
    QTRY_VERIFY_WITH_TIMEOUT(busy.closed, 10000);
    QCOMPARE(int(busy.socket.closeCode()), 1001);
    QCOMPARE(busy.socket.closeReason(), QStringLiteral("Going away"));
    QTRY_COMPARE_WITH_TIMEOUT(disconnects().size(), 2, 10000);
    QCOMPARE(disconnects()[1].disconnectStatusCode, 1001);
    QCOMPARE(disconnects()[1].disconnectReason, QByteArray("Going away"));
    QVERIFY(disconnects()[1].connectionId != disconnects()[0].connectionId);
}

QVector<WebSocketSessionEvent> TestWebSocketApi::sessionEventsOf(const QString &connectionId) const
{
    QVector<WebSocketSessionEvent> out;
    for (const WebSocketSessionEvent &event : m_sessionEvents)
        if (event.connectionId == connectionId.toLatin1())
            out.push_back(event);
    return out;
}

void TestWebSocketApi::sessionEventsReportConnectionsAndFrames()
{
    using Kind = WebSocketSessionEvent::Kind;
    Client client;
    QVERIFY(client.open(url("chat")));
    client.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "whoami"})"));
    const QString connectionId = client.next();
    QCOMPARE(connectionId.size(), 16);
    std::unique_ptr<QNetworkReply> reply(call("POST", managementUrl(connectionId), "from @connections"));
    QCOMPARE(client.next(), QStringLiteral("from @connections"));
    client.socket.close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("done here"));
    QTRY_VERIFY_WITH_TIMEOUT(!sessionEventsOf(connectionId).isEmpty() && sessionEventsOf(connectionId).last().kind == Kind::Closed,
                             20000);

    const QVector<WebSocketSessionEvent> events = sessionEventsOf(connectionId);
    QCOMPARE(events.size(), 5);
    QCOMPARE(events[0].kind, Kind::Opened);
    QCOMPARE(events[0].apiKey, QStringLiteral("chat"));
    QCOMPARE(events[0].stage, QByteArray("dev"));
    QCOMPARE(events[0].sourceIp, QByteArray("127.0.0.1"));
    QVERIFY(qAbs(events[0].timeMs - QDateTime::currentMSecsSinceEpoch()) < 60000);
    QCOMPARE(events[1].kind, Kind::Received);
    QCOMPARE(events[1].text, QByteArray(R"({"service": "chat", "action": "whoami"})"));
    QCOMPARE(events[2].kind, Kind::Sent);
    QCOMPARE(events[2].text, connectionId.toLatin1()); // the route response
    QCOMPARE(events[3].kind, Kind::Sent);
    QCOMPARE(events[3].text, QByteArray("from @connections"));
    QCOMPARE(events[4].kind, Kind::Closed);
    QCOMPARE(events[4].closeCode, 1000);
    QCOMPARE(events[4].closeReason, QByteArray("done here"));
    QVERIFY(events[4].timeMs >= events[0].timeMs);

    // The received frame names the message its access-log entry (route, latency) is about.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(m_accessLog.begin(), m_accessLog.end(),
                                         [&](const AccessLogEntry &e) { return e.messageId == events[1].messageId; }),
                             20000);
    const auto entry = std::find_if(m_accessLog.begin(), m_accessLog.end(),
                                    [&](const AccessLogEntry &e) { return e.messageId == events[1].messageId; });
    QCOMPARE(entry->routeKey, QByteArray("chat/whoami"));
    QCOMPARE(entry->connectionId, connectionId.toLatin1());
}

void TestWebSocketApi::windowPushesGoThroughTheConnectionsRegistry()
{
    QVERIFY(!m_gateway->connections(QStringLiteral("nosuchapi")));
    std::shared_ptr<ConnectionRegistry> registry = m_gateway->connections(QStringLiteral("chat"));
    QVERIFY(registry);
    const int before = registry->size();
    Client first, second;
    QVERIFY(first.open(url("chat")));
    QVERIFY(second.open(url("chat")));
    QTRY_COMPARE_WITH_TIMEOUT(registry->size(), before + 2, 10000);
    QCOMPARE(registry->postToAll("to everyone"), before + 2);
    QCOMPARE(first.next(), QStringLiteral("to everyone"));
    QCOMPARE(second.next(), QStringLiteral("to everyone"));

    second.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "whoami"})"));
    const QByteArray secondId = second.next().toLatin1();
    QVERIFY(registry->post(secondId, "just you"));
    QCOMPARE(second.next(), QStringLiteral("just you"));
    QVERIFY(registry->close(secondId, 1000, QStringLiteral("Connection Closed Normally")));
    QTRY_VERIFY_WITH_TIMEOUT(second.closed, 10000);
    QCOMPARE(int(second.socket.closeCode()), 1000);
    QVERIFY(first.frames.isEmpty());
    QVERIFY(!first.closed);
    QTRY_VERIFY_WITH_TIMEOUT(!registry->post(secondId, "late"), 10000);
}

// The HTTP backends the template and integration-response tests call.
namespace {

// One of the scripts below as a real process; port 0 when it did not say where it listens.
struct PythonBackend {
    QProcess process;
    int port = 0;
    explicit PythonBackend(const char *script)
    {
        process.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromUtf8(script)});
        if (process.waitForReadyRead(10000))
            port = process.readLine().trimmed().toInt();
    }
    ~PythonBackend()
    {
        process.kill();
        process.waitForFinished();
    }
};

// An HTTP backend that answers with what it received: path, content type and JSON body.
const char *kEchoBackend = R"PY(
import http.server, json, sys
class Echo(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        out = json.dumps({"path": self.path, "contentType": self.headers.get("content-type"), "got": json.loads(body)}).encode()
        self.send_response(200); self.send_header("content-type", "application/json"); self.send_header("content-length", str(len(out)))
        self.end_headers(); self.wfile.write(out)
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), Echo)
print(s.server_port, flush=True)
s.serve_forever()
)PY";

// An HTTP backend that answers with the status the request's "want" names.
const char *kStatusBackend = R"PY(
import http.server, json
class Answer(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        got = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
        out = json.dumps({"got": got["name"], "status": got["want"]}).encode()
        self.send_response(got["want"]); self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(out))); self.end_headers(); self.wfile.write(out)
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), Answer)
print(s.server_port, flush=True)
s.serve_forever()
)PY";

} // namespace

void TestWebSocketApi::templatesMapConnectsAndMessagesForMockAndHttp()
{
    // Non-proxy integrations with VTL request templates: a MOCK $connect whose template decides
    // the handshake from the query, and an HTTP integration whose template (picked by the
    // integration's templateSelectionExpression, "$default" the catch-all) is what the backend
    // receives; its answer is the two-way route's response.
    PythonBackend backend(kEchoBackend);
    const int backendPort = backend.port;
    QVERIFY(backendPort > 0);
    const json api = {
        {"id", "tmpl"}, {"name", "tmpl"}, {"type", "WEBSOCKET"}, {"apiId", "wstmpl1234"}, {"port", 0},
        {"routeSelectionExpression", "$request.body.action"},
        {"routes", json::array({{{"routeKey", "$connect"}, {"integration", "gate"}},
                                {{"routeKey", "render"}, {"integration", "backend"}, {"routeResponseSelectionExpression", "$default"}}})},
        {"integrations",
         json::array({{{"id", "gate"}, {"type", "MOCK"},
                       {"requestTemplates", {{"$default", "{\"statusCode\": #if($input.params('token') == 'letmein')200#{else}403#end}"}}}},
                      {{"id", "backend"}, {"type", "HTTP"}, {"method", "POST"},
                       {"uri", "http://127.0.0.1:" + std::to_string(backendPort) + "/render"},
                       {"templateSelectionExpression", "${request.body.kind}"},
                       {"requestTemplates",
                        {{"greet", "{\"hello\": \"$input.path('$.name')\", \"connection\": \"$context.connectionId\", "
                                   "\"route\": \"$context.routeKey\", \"stage\": \"$context.stage\"}"},
                         {"$default", "{\"raw\": $input.json('$')}"}}}}})},
        {"stages", json::array({{{"name", "dev"}}})}};
    QString error;
    std::optional<Project> project =
        load({{"format", "gatewright-project"}, {"version", 1}, {"name", "tmpl"}, {"apis", json::array({api})}}, m_dir.path(), &error);
    QVERIFY2(project, qPrintable(error));
    Gateway gateway;
    QVERIFY2(gateway.start(*project, m_dir.path(), &error), qPrintable(error));
    const QString base = gateway.endpoints().first().url;

    Client refused;
    QVERIFY(!refused.open(QUrl(base + QStringLiteral("?token=wrong"))));
    Client client;
    QVERIFY(client.open(QUrl(base + QStringLiteral("?token=letmein"))));
    client.socket.sendTextMessage(QStringLiteral(R"({"action": "render", "kind": "greet", "name": "Ana"})"));
    const json greeted = json::parse(client.next().toStdString());
    QVERIFY2(greeted["path"] == "/render" && greeted["contentType"] == "application/json", greeted.dump().c_str());
    QVERIFY2(greeted["got"]["hello"] == "Ana" && greeted["got"]["route"] == "render" && greeted["got"]["stage"] == "dev",
             greeted.dump().c_str());
    QCOMPARE(greeted["got"]["connection"].get<std::string>().size(), size_t(16));
    // A key with no template of its own: the catch-all.
    client.socket.sendTextMessage(QStringLiteral(R"({"action": "render", "kind": "other", "n": 7})"));
    const json raw = json::parse(client.next().toStdString());
    QVERIFY2(raw["got"] == json({{"raw", {{"action", "render"}, {"kind", "other"}, {"n", 7}}}}), raw.dump().c_str());
    client.socket.close();
    gateway.stop();
}

void TestWebSocketApi::integrationResponsesMapTheBackendsAnswer()
{
    // Non-proxy integration responses (apigateway-websocket-api-integration-responses.html): the
    // key is $default or a /regular expression/ matched against the backend's status code, the
    // $default key catching what no expression matched; with neither, the service logs "No match
    // for output mapping and no default output mapping configured. Endpoint Response Status Code:
    // N" (as re:Post QU5uSB74xLRg2NBJ4MGzQbgw shows) and the caller gets the error frame.
    PythonBackend backend(kStatusBackend);
    const int backendPort = backend.port;
    QVERIFY(backendPort > 0);
    const json mockTemplate = {{"$default", "{\"statusCode\": $input.path('$.code')}"}};
    const json api = {
        {"id", "resp"}, {"name", "resp"}, {"type", "WEBSOCKET"}, {"apiId", "wsresp1234"}, {"port", 0},
        {"routeSelectionExpression", "$request.body.action"},
        {"routes", json::array({{{"routeKey", "mock"}, {"integration", "mock"}, {"routeResponseSelectionExpression", "$default"}},
                                {{"routeKey", "strict"}, {"integration", "strict"}, {"routeResponseSelectionExpression", "$default"}},
                                {{"routeKey", "http"}, {"integration", "backend"}, {"routeResponseSelectionExpression", "$default"}}})},
        {"integrations",
         json::array(
             {{{"id", "mock"}, {"type", "MOCK"}, {"requestTemplates", mockTemplate},
               {"integrationResponses",
                json::array({{{"integrationResponseKey", "/2\\d\\d/"},
                              {"responseTemplates", {{"$default", "ok $context.routeKey for $context.connectionId.length() chars"}}}},
                             {{"integrationResponseKey", "$default"}, {"responseTemplates", {{"$default", "{\"fallback\": true}"}}}}})}},
              {{"id", "strict"}, {"type", "MOCK"}, {"requestTemplates", mockTemplate},
               {"integrationResponses", json::array({{{"integrationResponseKey", "/2\\d\\d/"}, {"responseTemplates", {{"$default", "fine"}}}}})}},
              {{"id", "backend"}, {"type", "HTTP"}, {"method", "POST"}, {"uri", "http://127.0.0.1:" + std::to_string(backendPort) + "/"},
               {"integrationResponses",
                json::array({{{"integrationResponseKey", "/4\\d\\d/"}, {"responseTemplates", {{"$default", "missing $input.path('$.got')"}}}},
                             {{"integrationResponseKey", "$default"}}})}}})},
        {"stages", json::array({{{"name", "dev"}}})}};
    QString error;
    std::optional<Project> project =
        load({{"format", "gatewright-project"}, {"version", 1}, {"name", "resp"}, {"apis", json::array({api})}}, m_dir.path(), &error);
    QVERIFY2(project, qPrintable(error));
    QVERIFY(deploymentProblems(*project).empty());
    Gateway gateway;
    QVERIFY2(gateway.start(*project, m_dir.path(), &error), qPrintable(error));
    Client client;
    QVERIFY(client.open(QUrl(gateway.endpoints().first().url)));

    client.socket.sendTextMessage(QStringLiteral(R"({"action": "mock", "code": 201})"));
    QCOMPARE(client.next(), QStringLiteral("ok mock for 16 chars"));
    client.socket.sendTextMessage(QStringLiteral(R"({"action": "mock", "code": 500})"));
    QCOMPARE(client.next(), QStringLiteral(R"({"fallback": true})"));
    // Only /2\d\d/ and a 404: no mapping at all.
    client.socket.sendTextMessage(QStringLiteral(R"({"action": "strict", "code": 404})"));
    const QString unmapped = client.next();
    const QLatin1String internalError(R"({"message": "Internal server error", "connectionId":")");
    QVERIFY2(unmapped.startsWith(internalError), qPrintable(unmapped));
    client.socket.sendTextMessage(QStringLiteral(R"({"action": "strict", "code": 200})"));
    QCOMPARE(client.next(), QStringLiteral("fine"));
    // The HTTP backend's 404 takes the /4\d\d/ response; its 200 falls to $default, which has no
    // template, so the backend's body comes back as it was sent.
    client.socket.sendTextMessage(QStringLiteral(R"({"action": "http", "name": "Ana", "want": 404})"));
    QCOMPARE(client.next(), QStringLiteral("missing Ana"));
    client.socket.sendTextMessage(QStringLiteral(R"({"action": "http", "name": "Bo", "want": 200})"));
    const json passed = json::parse(client.next().toStdString());
    QVERIFY2(passed == json({{"got", "Bo"}, {"status", 200}}), passed.dump().c_str());
    client.socket.close();
    gateway.stop();
}

void TestWebSocketApi::integrationResponseTemplatesAreChosenByTheirExpression()
{
    // IntegrationResponse.TemplateSelectionExpression supports ${request.body.jsonPath},
    // ${integration.response.statuscode}, ${integration.response.header.NAME} and static values
    // (websocket-api-data-transformations.html): its value is the key of the template rendered,
    // "$default" the template for a key that has none.
    PythonBackend backend(kStatusBackend);
    const int backendPort = backend.port;
    QVERIFY(backendPort > 0);
    const std::string uri = "http://127.0.0.1:" + std::to_string(backendPort) + "/";
    const auto response = [](const std::string &expression, const json &templates) {
        return json::array({{{"integrationResponseKey", "$default"}, {"templateSelectionExpression", expression},
                             {"responseTemplates", templates}}});
    };
    const json api = {
        {"id", "pick"}, {"name", "pick"}, {"type", "WEBSOCKET"}, {"apiId", "wspick1234"}, {"port", 0},
        {"routeSelectionExpression", "$request.body.action"},
        {"routes", json::array({{{"routeKey", "bystatus"}, {"integration", "bystatus"}, {"routeResponseSelectionExpression", "$default"}},
                                {{"routeKey", "bybody"}, {"integration", "bybody"}, {"routeResponseSelectionExpression", "$default"}},
                                {{"routeKey", "byheader"}, {"integration", "byheader"}, {"routeResponseSelectionExpression", "$default"}},
                                {{"routeKey", "static"}, {"integration", "static"}, {"routeResponseSelectionExpression", "$default"}}})},
        {"integrations",
         json::array({{{"id", "bystatus"}, {"type", "HTTP"}, {"method", "POST"}, {"uri", uri},
                       {"integrationResponses", response("${integration.response.statuscode}",
                                                         {{"201", "created $input.path('$.got')"}, {"$default", "other $input.path('$.status')"}})}},
                      {{"id", "bybody"}, {"type", "MOCK"}, {"requestTemplates", {{"$default", "{\"statusCode\": 200}"}}},
                       {"integrationResponses", response("${request.body.format}", {{"short", "S"}, {"long", "L $context.routeKey"}})}},
                      {{"id", "byheader"}, {"type", "HTTP"}, {"method", "POST"}, {"uri", uri},
                       {"integrationResponses", response("$integration.response.header.Content-Type",
                                                         {{"application/json", "json from the backend"}, {"$default", "not json"}})}},
                      {{"id", "static"}, {"type", "MOCK"}, {"requestTemplates", {{"$default", "{\"statusCode\": 200}"}}},
                       {"integrationResponses", response("v2", {{"v2", "second version"}, {"$default", "first version"}})}}})},
        {"stages", json::array({{{"name", "dev"}}})}};
    QString error;
    std::optional<Project> project =
        load({{"format", "gatewright-project"}, {"version", 1}, {"name", "pick"}, {"apis", json::array({api})}}, m_dir.path(), &error);
    QVERIFY2(project, qPrintable(error));
    QVERIFY(deploymentProblems(*project).empty());
    Gateway gateway;
    QVERIFY2(gateway.start(*project, m_dir.path(), &error), qPrintable(error));
    Client client;
    QVERIFY(client.open(QUrl(gateway.endpoints().first().url)));
    const auto ask = [&client](const char *message) {
        client.socket.sendTextMessage(QString::fromUtf8(message));
        return client.next();
    };
    QCOMPARE(ask(R"({"action": "bystatus", "name": "Ana", "want": 201})"), QStringLiteral("created Ana"));
    QCOMPARE(ask(R"({"action": "bystatus", "name": "Bo", "want": 202})"), QStringLiteral("other 202"));
    QCOMPARE(ask(R"({"action": "bybody", "format": "long"})"), QStringLiteral("L bybody"));
    QCOMPARE(ask(R"({"action": "bybody", "format": "short"})"), QStringLiteral("S"));
    QCOMPARE(ask(R"({"action": "byheader", "name": "C", "want": 200})"), QStringLiteral("json from the backend"));
    QCOMPARE(ask(R"({"action": "static"})"), QStringLiteral("second version"));
    client.socket.close();
    gateway.stop();

    // A variable the expression cannot have is a design error at the response's place.
    json broken = api;
    broken["integrations"][0]["integrationResponses"][0]["templateSelectionExpression"] = "${integration.response.cookie}";
    project = load({{"format", "gatewright-project"}, {"version", 1}, {"name", "pick"}, {"apis", json::array({broken})}}, m_dir.path(), &error);
    QVERIFY2(project, qPrintable(error));
    const ProjectProblems problems = deploymentProblems(*project);
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(QString::fromStdString(problems.front().pointer), QStringLiteral("/apis/0/integrations/0/integrationResponses/0"));
    QVERIFY2(QString::fromStdString(problems.front().message).contains(QLatin1String("templateSelectionExpression")),
             problems.front().message.c_str());
}

void TestWebSocketApi::brokenIntegrationResponsesAreFoundBeforeServing()
{
    // A template that does not parse, a key that is neither $default nor /regex/, and responses
    // on a proxy integration (whose answer is the payload as it is) are design errors, each at its
    // own place in the file, before anything is served.
    const json api = {
        {"id", "bad"}, {"name", "bad"}, {"type", "WEBSOCKET"}, {"apiId", "wsbad12345"}, {"port", 0},
        {"routeSelectionExpression", "$request.body.action"},
        {"routes", json::array({{{"routeKey", "$default"}, {"integration", "mock"}, {"routeResponseSelectionExpression", "$default"}}})},
        {"integrations",
         json::array({{{"id", "mock"}, {"type", "MOCK"},
                       {"integrationResponses",
                        json::array({{{"integrationResponseKey", "$default"}, {"responseTemplates", {{"$default", "#if($x"}}}},
                                     {{"integrationResponseKey", "2\\d\\d"}}})}},
                      {{"id", "proxy"}, {"type", "HTTP_PROXY"}, {"uri", "http://127.0.0.1:9/"},
                       {"integrationResponses", json::array({{{"integrationResponseKey", "$default"}}})}}})},
        {"stages", json::array({{{"name", "dev"}}})}};
    QString error;
    std::optional<Project> project =
        load({{"format", "gatewright-project"}, {"version", 1}, {"name", "bad"}, {"apis", json::array({api})}}, m_dir.path(), &error);
    QVERIFY2(project, qPrintable(error));
    QStringList found;
    for (const ProjectError &problem : deploymentProblems(*project))
        found << QString::fromStdString(problem.pointer + " " + problem.message);
    QCOMPARE(found.size(), 3);
    QVERIFY2(found[0].startsWith(QLatin1String("/apis/0/integrations/0/integrationResponses/0 ")) && found[0].contains(QLatin1String("line 1")),
             qPrintable(found[0]));
    QVERIFY2(found[1].startsWith(QLatin1String("/apis/0/integrations/0/integrationResponses/1 ")) &&
                 found[1].contains(QLatin1String("neither $default nor a /regular expression/")),
             qPrintable(found[1]));
    QVERIFY2(found[2].startsWith(QLatin1String("/apis/0/integrations/1/integrationResponses ")) && found[2].contains(QLatin1String("HTTP_PROXY")),
             qPrintable(found[2]));
}

void TestWebSocketApi::userBundleKeepsItsIssuersAndGainsTheLocalCa()
{
    Client client;
    QVERIFY(client.open(url("chat")));
    client.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "trust"})"));
    const json answer = json::parse(client.next().toStdString());
    QVERIFY2(answer == json({{"status", 200}, {"kept", true}}), answer.dump().c_str());
}

namespace {

// A client frame as RFC 6455 §5.2 lays it out, masked unless told not to.
QByteArray clientFrame(quint8 firstByte, const QByteArray &payload, bool masked = true)
{
    QByteArray frame;
    frame.append(char(firstByte));
    const char maskBit = masked ? char(0x80) : char(0);
    if (payload.size() < 126) {
        frame.append(char(maskBit | char(payload.size())));
    } else {
        frame.append(char(maskBit | 126));
        frame.append(char(payload.size() >> 8));
        frame.append(char(payload.size() & 0xFF));
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    if (masked)
        frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(masked ? char(payload[i] ^ mask[i & 3]) : payload[i]);
    return frame;
}

// A raw TCP client through the handshake; the bytes after the 101 stay in `rest`.
bool rawHandshake(QTcpSocket &socket, quint16 port, const QByteArray &extraHeaders, QByteArray *answer)
{
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(10000))
        return false;
    socket.write("GET /dev HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + extraHeaders + "\r\n");
    QElapsedTimer timer;
    timer.start();
    while (!answer->contains("\r\n\r\n") && timer.elapsed() < 30000) {
        socket.waitForReadyRead(100);
        *answer += socket.readAll();
    }
    return answer->contains("\r\n\r\n");
}

// The close code of the first Close frame in bytes (server frames are unmasked), or 0.
int closeCodeIn(const QByteArray &bytes)
{
    qsizetype at = 0;
    while (at + 2 <= bytes.size()) {
        const quint8 opcode = quint8(bytes[at]) & 0x0F;
        qsizetype length = quint8(bytes[at + 1]) & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            length = (quint8(bytes[at + 2]) << 8) | quint8(bytes[at + 3]);
            header = 4;
        }
        if (opcode == 0x8 && length >= 2)
            return (quint8(bytes[at + header]) << 8) | quint8(bytes[at + header + 1]);
        at += header + length;
    }
    return 0;
}

const QByteArray kGoodKey = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

} // namespace

void TestWebSocketApi::handshakesWithoutTheRightHeadersAreRefused()
{
    // RFC 6455 §4.2.1 and §4.4: version 13 and a 16-byte key.
    const quint16 port = quint16(url("chat").port());
    {
        QTcpSocket socket;
        QByteArray answer;
        QVERIFY(rawHandshake(socket, port, "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n", &answer));
        QVERIFY2(answer.startsWith("HTTP/1.1 426 "), answer.constData());
        QVERIFY2(answer.contains("Sec-WebSocket-Version: 13"), answer.constData());
    }
    {
        QTcpSocket socket;
        QByteArray answer;
        QVERIFY(rawHandshake(socket, port, "Sec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n", &answer));
        QVERIFY2(answer.startsWith("HTTP/1.1 400 "), answer.constData());
    }
}

void TestWebSocketApi::malformedFramesCloseWithTheirCodes_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("code");
    QTest::newRow("unmasked frame: 1002") << clientFrame(0x81, "hello", false) << 1002;
    QTest::newRow("reserved bits: 1002") << clientFrame(0xC1, "hello") << 1002;
    QTest::newRow("unknown opcode: 1002") << clientFrame(0x83, "hello") << 1002;
    QTest::newRow("fragmented ping: 1002") << clientFrame(0x09, "p") << 1002;
    QTest::newRow("continuation without a start: 1002") << clientFrame(0x80, "x") << 1002;
    QTest::newRow("text that is not UTF-8: 1007") << clientFrame(0x81, QByteArray("caf\xC3", 4)) << 1007;
    QTest::newRow("binary: 1003") << clientFrame(0x82, "bin") << 1003;
}

void TestWebSocketApi::malformedFramesCloseWithTheirCodes()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, code);
    QTcpSocket socket;
    QByteArray answer;
    QVERIFY(rawHandshake(socket, quint16(url("chat").port()), kGoodKey, &answer));
    QVERIFY2(answer.startsWith("HTTP/1.1 101 "), answer.constData());
    socket.write(frame);
    QByteArray rest = answer.mid(answer.indexOf("\r\n\r\n") + 4);
    QElapsedTimer timer;
    timer.start();
    while (closeCodeIn(rest) == 0 && timer.elapsed() < 10000) {
        socket.waitForReadyRead(100);
        rest += socket.readAll();
    }
    QCOMPARE(closeCodeIn(rest), code);
    // Then the gateway ends the connection.
    QVERIFY(socket.state() == QAbstractSocket::UnconnectedState || socket.waitForDisconnected(10000));
}

void TestWebSocketApi::pingIsAnsweredWithPong()
{
    QTcpSocket socket;
    QByteArray answer;
    QVERIFY(rawHandshake(socket, quint16(url("chat").port()), kGoodKey, &answer));
    QVERIFY(answer.startsWith("HTTP/1.1 101 "));
    socket.write(clientFrame(0x89, "are you there"));
    QByteArray rest = answer.mid(answer.indexOf("\r\n\r\n") + 4);
    QElapsedTimer timer;
    timer.start();
    while (rest.size() < 15 && timer.elapsed() < 10000) {
        socket.waitForReadyRead(100);
        rest += socket.readAll();
    }
    QCOMPARE(quint8(rest[0]), quint8(0x8A)); // FIN + Pong
    QCOMPARE(rest.mid(2, 13), QByteArray("are you there"));
}

void TestWebSocketApi::aFloodingClientDoesNotStopTheOthers()
{
    QTcpSocket flood;
    QByteArray answer;
    QVERIFY(rawHandshake(flood, quint16(url("chat").port()), kGoodKey, &answer));
    QVERIFY(answer.startsWith("HTTP/1.1 101 "));
    QByteArray burst;
    for (int i = 0; i < 2000; ++i)
        burst += clientFrame(0x81, R"({"service": "chat", "action": "oneway"})");
    flood.write(burst);
    flood.flush();
    Client calm;
    QVERIFY(calm.open(url("chat")));
    calm.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "whoami"})"));
    QCOMPARE(calm.next(60000).size(), 16);
}

QTEST_GUILESS_MAIN(TestWebSocketApi)
void TestWebSocketApi::metricsSortErrorsAsTheServiceDoes()
{
    // websocket-api-logging.html: ClientError (a 4xx before any integration), IntegrationError
    // (the integration answered 4xx/5xx), ExecutionError (calling the integration failed), read
    // off the access log of real refusals, misses and failures.
    m_accessLog.clear();
    QTcpSocket refused; // $connect's function answers 401
    refused.connectToHost(QHostAddress::LocalHost, quint16(url("chat").port()));
    QVERIFY(refused.waitForConnected(10000));
    refused.write("GET /dev?deny=401 HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += refused.readAll()).contains("\r\n\r\n"), 30000);
    Client strict; // no route and no $default
    QVERIFY(strict.open(url("strict")));
    strict.socket.sendTextMessage(QStringLiteral(R"({"action": "nothing"})"));
    QVERIFY(strict.next().contains(QLatin1String("Forbidden")));
    Client chat; // a proxy answer the service refuses, then a good one
    QVERIFY(chat.open(url("chat")));
    chat.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "malformed"})"));
    QVERIFY(chat.next().contains(QLatin1String("Internal server error")));
    chat.socket.sendTextMessage(QStringLiteral(R"({"service": "chat", "action": "echo"})"));
    QVERIFY(!chat.next().isEmpty());
    // Matched by route too: a late entry of an earlier test must not stand in for one of these.
    const auto logged = [this](const char *apiId, const char *eventType, const char *routeKey, int status) {
        return std::any_of(m_accessLog.begin(), m_accessLog.end(), [&](const AccessLogEntry &e) {
            return e.apiId == apiId && e.eventType == eventType && e.routeKey == routeKey && e.status == status;
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(logged("wschat1234", "CONNECT", "$connect", 401) && logged("wsstrict12", "MESSAGE", "", 403) &&
                                 logged("wschat1234", "MESSAGE", "chat/malformed", 502) &&
                                 logged("wschat1234", "MESSAGE", "chat/echo", 200),
                             10000);
    RequestMetrics metrics;
    PrometheusMetrics prometheus;
    qint64 newestMs = 0;
    for (const AccessLogEntry &e : m_accessLog) {
        metrics.add(e);
        prometheus.add(e, e.apiId);
        newestMs = std::max(newestMs, e.requestTimeEpochMs);
    }
    const auto totals = [&](const char *apiId, const char *stage, const char *route) {
        return metrics.totals({apiId, stage, route}, newestMs, 60);
    };
    const RequestMetrics::Totals connect = totals("wschat1234", "dev", "$connect");
    QCOMPARE(connect.connects, quint64(2));
    QCOMPARE(connect.integrationErrors, quint64(1)); // the 401
    QCOMPARE(connect.webSocketClientErrors + connect.executionErrors, quint64(0));
    const RequestMetrics::Totals malformed = totals("wschat1234", "dev", "chat/malformed");
    QCOMPARE(malformed.executionErrors, quint64(1));
    QCOMPARE(malformed.integrationErrors + malformed.webSocketClientErrors, quint64(0));
    const RequestMetrics::Totals echo = totals("wschat1234", "dev", "chat/echo");
    QCOMPARE(echo.messages, quint64(1));
    QCOMPARE(echo.integrationErrors + echo.webSocketClientErrors + echo.executionErrors, quint64(0));
    const RequestMetrics::Totals miss = totals("wsstrict12", "prod", "");
    QCOMPARE(miss.webSocketClientErrors, quint64(1));
    QCOMPARE(miss.integrationErrors + miss.executionErrors, quint64(0));
    // The same counts in the Prometheus text serve --metrics-port writes.
    const QByteArray text = prometheus.render();
    QVERIFY2(text.contains(R"(gatewright_websocket_integration_errors_total{api="wschat1234",stage="dev",route="$connect"} 1)"),
             text.constData());
    QVERIFY2(text.contains(R"(gatewright_websocket_execution_errors_total{api="wschat1234",stage="dev",route="chat/malformed"} 1)"),
             text.constData());
    QVERIFY2(text.contains(R"(gatewright_websocket_connects_total{api="wschat1234",stage="dev",route="$connect"} 2)"),
             text.constData());
}

#include "tst_websocket_api.moc"
