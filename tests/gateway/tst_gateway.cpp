// The gateway over real loopback sockets, with functions running as real Python/Node processes.
#include "common/clocks.h"
#include "gateway/gateway.h"
#include "observability/access_log_formatter.h"
#include "../testlib/http_reply.h"

#include <QDir>
#include <QFileInfo>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace gw;
using gw::testlib::Reply;
using nlohmann::json;

// QTest cannot compare nlohmann::json directly (it probes qfloat16 conversions): compare the dumps.
#define QCOMPARE_JSON(actual, expected) QCOMPARE(QString::fromStdString(nlohmann::json(actual).dump()), QString::fromStdString(nlohmann::json(expected).dump()))

namespace {
void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}
} // namespace

class TestGateway : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void lambdaV2RoundTrip();
    void nodeBareValueIsInferred();
    void failures_data();
    void failures();
    void integrationTimeoutIs503();
    void unmatchedRouteIs404();
    void httpProxyForwards();
    void httpProxyBackendDown();
    void parameterMappingReachesTheBackend();
    void httpsBackendWithPrivateIssuer();
    void httpsBackendUntrustedIsRefused_data();
    void httpsBackendUntrustedIsRefused();
    void oversizeBodyRefusedEarly();
    void headersTooLarge();
    void malformedRequest();
    void refusalsCarryARequestIdAndAreLogged_data();
    void refusalsCarryARequestIdAndAreLogged();
    void bytesThatAreNotUtf8ReachTheFunctionAsReplacementCharacters();
    void pipelinedRequestsAnswerInOrder();
    void chunkedBodyAndExpectContinueWithCurl();
    void warmProcessReusedAndStdoutCaptured();
    void memorySizeIsEnforced();
    void timeoutKillsWhatTheRuntimeStarted();
    void burstOnOneWarmProcess();
    void reservedConcurrencyThrottlesAtOnce();
    void lambdaPayloadLimits();
    void runtimeApiRefusesPostsOutOfTurn();
    void editsTakeEffectWithoutRestart();
    void expectContinueWaitsForEarlierResponses();
    void integrationTimeoutIsNeverEarly();
    void domainPrefixIsTheSameInEventAndAccessLog();

private:
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QList<QPair<QByteArray, QByteArray>> &headers = {});
    // On the gateway whose time is a ManualClock: sends GET path, waits until `function` began the
    // invocation, moves time on by advanceMs (instead of sleeping through a timeout) and returns
    // the answer.
    Reply sendAndAdvance(const QString &path, const QString &function, qint64 advanceMs);
    QByteArray raw(const QByteArray &bytes, int expectResponses = 1);
    AccessLogEntry lastLogFor(const QByteArray &requestId);
    Project project(bool withExtraRoute = false) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Gateway> m_gateway;
    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::unique_ptr<Gateway> m_manual; // the same project on m_clock's time
    quint16 m_manualPort = 0;
    QStringList m_started;             // "function requestId" of every invocation m_manual began
    QNetworkAccessManager m_nam;
    QProcess m_backend;
    quint16 m_backendPort = 0;
    quint16 m_tlsBackendPort = 0;          // a certificate trusted through SSL_CERT_FILE
    quint16 m_untrustedTlsBackendPort = 0; // a self-signed certificate nobody trusts
    quint16 m_port = 0;
    QVector<AccessLogEntry> m_logs;
};

Project TestGateway::project(bool withExtraRoute) const
{
    json functions = json::array();
    auto fn = [&](const char *name, const char *runtime, const char *handler, int timeout = 3) {
        functions.push_back({{"name", name}, {"runtime", runtime}, {"handler", handler}, {"codeDir", "fns"}, {"timeout", timeout}});
    };
    fn("echo", "python3", "py_ok.handler");
    fn("raise", "python3", "py_raise.handler");
    fn("crash", "python3", "py_crash.handler");
    fn("badenvelope", "python3", "py_bad.handler");
    fn("importerror", "python3", "missing_module.handler");
    fn("sleepy", "python3", "py_sleep.handler", 1);
    fn("slow", "python3", "py_sleep.handler", 10);
    fn("node", "nodejs", "node_ok.handler");
    fn("big", "python3", "py_big.handler");
    functions.push_back({{"name", "hog"}, {"runtime", "python3"}, {"handler", "py_hog.handler"}, {"codeDir", "fns"},
                         {"timeout", 10}, {"memorySize", 128}});
    functions.push_back({{"name", "leak"}, {"runtime", "python3"}, {"handler", "py_leak.handler"}, {"codeDir", "fns"},
                         {"timeout", 10}, {"memorySize", 128}, {"reservedConcurrency", 1}});
    // A custom runtime behind a launcher script that does not exec: its real runtime is a child.
    functions.push_back({{"name", "wrapped"}, {"runtime", "command"}, {"codeDir", "fns"}, {"timeout", 1},
                         {"command", {"/bin/sh", "-c", "python3 hang_runtime.py; echo launcher done"}},
                         {"environment", {{"PIDFILE", m_dir.filePath("hang.pid").toStdString()}}}});
    // A custom runtime that posts out of turn and writes down what the Runtime API answered.
    functions.push_back({{"name", "outofturn"}, {"runtime", "command"}, {"codeDir", "fns"},
                         {"command", {"/usr/bin/python3", "out_of_turn_runtime.py"}},
                         {"environment", {{"OUTFILE", m_dir.filePath("out-of-turn.json").toStdString()}}}});
    functions.push_back({{"name", "single"}, {"runtime", "nodejs"}, {"handler", "node_ok.handler"}, {"codeDir", "fns"},
                         {"reservedConcurrency", 1}});
    functions.push_back({{"name", "slowone"}, {"runtime", "python3"}, {"handler", "py_sleep.handler"}, {"codeDir", "fns"},
                         {"timeout", 10}, {"reservedConcurrency", 1}});
    json integrations = json::array();
    json routes = json::array();
    auto route = [&](const char *key, const char *fnName, int timeoutMs = 30000) {
        integrations.push_back({{"id", std::string("i-") + fnName + std::to_string(timeoutMs)}, {"type", "AWS_PROXY"},
                                {"function", fnName}, {"timeoutInMillis", timeoutMs}});
        routes.push_back({{"routeKey", key}, {"integration", std::string("i-") + fnName + std::to_string(timeoutMs)}});
    };
    route("ANY /echo/{proxy+}", "echo");
    route("GET /raise", "raise");
    route("GET /crash", "crash");
    route("GET /badenvelope", "badenvelope");
    route("GET /importerror", "importerror");
    route("GET /sleepy", "sleepy");
    route("GET /slow", "slow", 300);
    route("GET /slow500", "slow", 500);
    route("GET /node", "node");
    route("GET /single", "single");
    route("GET /big", "big");
    route("GET /outofturn", "outofturn");
    route("GET /slowone", "slowone");
    route("GET /hog", "hog");
    route("GET /leak", "leak");
    route("GET /wrapped", "wrapped");
    if (withExtraRoute)
        route("GET /added", "node");
    integrations.push_back({{"id", "backend"}, {"type", "HTTP_PROXY"},
                            {"uri", "http://127.0.0.1:" + std::to_string(m_backendPort) + "/{proxy}"}});
    routes.push_back({{"routeKey", "ANY /proxy/{proxy+}"}, {"integration", "backend"}});
    integrations.push_back({{"id", "mapped"}, {"type", "HTTP_PROXY"},
                            {"uri", "http://127.0.0.1:" + std::to_string(m_backendPort) + "/{proxy}"},
                            {"requestParameters", {{"overwrite:header.x-tenant", "t-$request.querystring.org"},
                                                   {"remove:header.x-secret", ""},
                                                   {"overwrite:path", "/v2/$request.path.proxy"}}},
                            {"responseParameters", {{"201", {{"overwrite:statuscode", "200"}, {"append:header.x-mapped", "$context.routeKey"}}}}}});
    routes.push_back({{"routeKey", "ANY /mapped/{proxy+}"}, {"integration", "mapped"}});
    const std::string tlsUri = "https://127.0.0.1:" + std::to_string(m_tlsBackendPort) + "/{proxy}";
    auto tlsRoute = [&](const char *prefix, const json &tlsConfig) {
        integrations.push_back({{"id", prefix}, {"type", "HTTP_PROXY"}, {"uri", tlsUri}, {"tlsConfig", tlsConfig}});
        routes.push_back({{"routeKey", std::string("ANY /") + prefix + "/{proxy+}"}, {"integration", prefix}});
    };
    tlsRoute("tls", nullptr);
    tlsRoute("tlsname", {{"serverNameToVerify", "other.example"}});
    const std::string untrustedUri = "https://127.0.0.1:" + std::to_string(m_untrustedTlsBackendPort) + "/{proxy}";
    auto untrustedRoute = [&](const char *prefix, const json &tlsConfig) {
        integrations.push_back({{"id", prefix}, {"type", "HTTP_PROXY"}, {"uri", untrustedUri}, {"tlsConfig", tlsConfig}});
        routes.push_back({{"routeKey", std::string("ANY /") + prefix + "/{proxy+}"}, {"integration", prefix}});
    };
    untrustedRoute("tlsstrict", nullptr);
    untrustedRoute("tlsskip", {{"insecureSkipVerification", true}});
    integrations.push_back({{"id", "down"}, {"type", "HTTP_PROXY"}, {"uri", "http://127.0.0.1:9/{proxy}"}});
    routes.push_back({{"routeKey", "ANY /down/{proxy+}"}, {"integration", "down"}});
    json document{{"format", "gatewright-project"},
                  {"version", 1},
                  {"functions", functions},
                  {"apis", json::array({{{"id", "t"}, {"name", "test"}, {"type", "HTTP"}, {"apiId", "testapi001"},
                                         {"routes", routes}, {"integrations", integrations},
                                         {"stages", json::array({{{"name", "$default"}}})}}})}};
    return document.get<Project>();
}

void TestGateway::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString fns = m_dir.filePath(QStringLiteral("fns"));
    writeFile(fns + "/py_ok.py", R"(import json, os
def handler(event, context):
    print("hello from echo", context.aws_request_id)
    return {"statusCode": 200, "headers": {"x-fn": "py", "x-pid": str(os.getpid())}, "body": json.dumps(event)}
)");
    writeFile(fns + "/py_raise.py", "def handler(event, context):\n    raise ValueError('boom')\n");
    writeFile(fns + "/py_crash.py", "import os\ndef handler(event, context):\n    os._exit(3)\n");
    writeFile(fns + "/py_bad.py", "def handler(event, context):\n    return {'statusCode': 0}\n");
    writeFile(fns + "/py_big.py", "def handler(event, context):\n    return {'statusCode': 200, 'body': 'x' * 7000000}\n");
    writeFile(fns + "/py_sleep.py", "import time\ndef handler(event, context):\n    time.sleep(3)\n    return {'statusCode': 200, 'body': 'late'}\n");
    // Touches 300 MB (bytes * n writes every page) and holds it: past a 128 MB memorySize.
    writeFile(fns + "/py_hog.py", "import time\ndef handler(event, context):\n    data = b'x' * (300 * 1024 * 1024)\n"
                                  "    time.sleep(5)\n    return {'statusCode': 200, 'body': str(len(data))}\n");
    // Keeps 40 MB more after every call, and answers at once.
    writeFile(fns + "/py_leak.py", "kept = []\ndef handler(event, context):\n    kept.append(b'x' * (40 * 1024 * 1024))\n"
                                   "    return {'statusCode': 200, 'body': str(len(kept))}\n");
    // Takes one event and hangs: the function timeout has to kill it.
    writeFile(fns + "/out_of_turn_runtime.py", R"(import json, os, urllib.error, urllib.request
base = "http://%s/2018-06-01/runtime/invocation/" % os.environ["AWS_LAMBDA_RUNTIME_API"]
def post(path, body):
    try:
        with urllib.request.urlopen(urllib.request.Request(base + path, data=body, method="POST")) as r:
            return [r.status, json.loads(r.read())]
    except urllib.error.HTTPError as e:
        return [e.code, json.loads(e.read())]
while True:
    with urllib.request.urlopen(base + "next") as r:
        rid = r.headers["Lambda-Runtime-Aws-Request-Id"]
        r.read()
    seen = [post("not-the-id/response", b"{}"),
            post(rid + "/response", b'{"statusCode": 200, "body": "first"}'),
            post(rid + "/response", b'{"statusCode": 200, "body": "second"}'),
            post(rid + "/error", b'{"errorMessage": "late", "errorType": "Late"}')]
    with open(os.environ["OUTFILE"] + ".part", "w") as f:
        json.dump(seen, f)
    os.rename(os.environ["OUTFILE"] + ".part", os.environ["OUTFILE"])
)");
    writeFile(fns + "/hang_runtime.py", R"(import os, time, urllib.request
with open(os.environ["PIDFILE"], "w") as f:
    f.write(str(os.getpid()))
urllib.request.urlopen("http://%s/2018-06-01/runtime/invocation/next" % os.environ["AWS_LAMBDA_RUNTIME_API"])
time.sleep(120)
)");
    writeFile(fns + "/node_ok.js", "exports.handler = async (event) => ({ok: true, path: event.rawPath});\n");
    // A real HTTP/1.1 backend for HTTP_PROXY: echoes what it received as JSON.
    writeFile(m_dir.filePath("backend.py"), R"(import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def handle_one(self):
        n = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(n).decode() if n else ""
        out = json.dumps({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body,
                          "tls": hasattr(self.connection, "version")}).encode()
        self.send_response(201)
        self.send_header("content-type", "application/json")
        self.send_header("x-backend", "yes")
        self.send_header("content-length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)
    do_GET = do_POST = do_PUT = do_DELETE = handle_one
    def log_message(self, *a): pass
import ssl, threading
s = ThreadingHTTPServer(("127.0.0.1", 0), H)
# The same backend over TLS, once per certificate and key pair given on the command line.
ports = [s.server_address[1]]
for cert, key in zip(sys.argv[1::2], sys.argv[2::2]):
    t = ThreadingHTTPServer(("127.0.0.1", 0), H)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    t.socket = context.wrap_socket(t.socket, server_side=True)
    threading.Thread(target=t.serve_forever, daemon=True).start()
    ports.append(t.server_address[1])
print(*ports, flush=True)
s.serve_forever()
)");
    // Self-signed certificates for 127.0.0.1, what a developer's local https backend has: the first
    // is trusted the way a user trusts a local CA (SSL_CERT_FILE, read on the first https connection).
    for (const QString &name : {QStringLiteral("trusted"), QStringLiteral("untrusted")}) {
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                       "-subj", "/CN=" + name + " local backend", "-addext", "subjectAltName=IP:127.0.0.1",
                       "-keyout", m_dir.filePath(name + "-key.pem"), "-out", m_dir.filePath(name + "-cert.pem")});
        QVERIFY(openssl.waitForFinished(30000));
        QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());
    }
    qputenv("SSL_CERT_FILE", QFile::encodeName(m_dir.filePath("trusted-cert.pem")));
    m_backend.start(QStringLiteral("/usr/bin/python3"),
                    {m_dir.filePath("backend.py"), m_dir.filePath("trusted-cert.pem"), m_dir.filePath("trusted-key.pem"),
                     m_dir.filePath("untrusted-cert.pem"), m_dir.filePath("untrusted-key.pem")});
    // The line may come in pieces (print writes each piece itself under PYTHONUNBUFFERED=1).
    QElapsedTimer started;
    started.start();
    while (!m_backend.canReadLine() && started.elapsed() < 10000)
        m_backend.waitForReadyRead(200);
    QVERIFY(m_backend.canReadLine());
    const QList<QByteArray> ports = m_backend.readLine().trimmed().split(' ');
    QCOMPARE(ports.size(), 3);
    m_backendPort = quint16(ports[0].toUInt());
    m_tlsBackendPort = quint16(ports[1].toUInt());
    m_untrustedTlsBackendPort = quint16(ports[2].toUInt());
    QVERIFY(m_backendPort > 0 && m_tlsBackendPort > 0 && m_untrustedTlsBackendPort > 0);

    m_gateway = std::make_unique<Gateway>();
    connect(m_gateway.get(), &Gateway::accessLogBatch, this, [this](const QVector<AccessLogEntry> &batch) { m_logs += batch; });
    QString error;
    QVERIFY2(m_gateway->start(project(), m_dir.path(), &error), qPrintable(error));
    QCOMPARE(m_gateway->endpoints().size(), 1);
    m_port = m_gateway->endpoints().first().port;
    QVERIFY(m_port > 0);

    GatewayOptions manual;
    manual.clock = m_clock;
    m_manual = std::make_unique<Gateway>(manual);
    connect(m_manual.get(), &Gateway::accessLogBatch, this, [this](const QVector<AccessLogEntry> &batch) { m_logs += batch; });
    connect(m_manual.get(), &Gateway::functionOutput, this,
            [this](const QString &function, const QByteArray &requestId, const QString &line) {
                if (line.startsWith(QLatin1String("START RequestId:")))
                    m_started << function + QLatin1Char(' ') + QString::fromLatin1(requestId);
            },
            Qt::QueuedConnection);
    QVERIFY2(m_manual->start(project(), m_dir.path(), &error), qPrintable(error));
    m_manualPort = m_manual->endpoints().first().port;
}

void TestGateway::cleanupTestCase()
{
    m_gateway.reset();
    m_manual.reset();
    m_backend.kill();
    m_backend.waitForFinished();
}

Reply TestGateway::send(const QByteArray &method, const QString &path, const QByteArray &body,
                        const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return testlib::send(m_nam, m_port, method, path, body, headers);
}

Reply TestGateway::sendAndAdvance(const QString &path, const QString &function, qint64 advanceMs)
{
    const qsizetype before = m_started.filter(QRegularExpression(QLatin1Char('^') + function + QLatin1Char(' '))).size();
    QNetworkReply *reply =
        m_nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_manualPort).arg(path))));
    const auto startedNow = [&] {
        return m_started.filter(QRegularExpression(QLatin1Char('^') + function + QLatin1Char(' '))).size() > before;
    };
    QElapsedTimer timer;
    timer.start();
    while (!startedNow() && !reply->isFinished() && timer.elapsed() < 20000)
        QTest::qWait(10);
    m_clock->advance(advanceMs);
    while (!reply->isFinished() && timer.elapsed() < 20000)
        QTest::qWait(10);
    return Reply::takeFrom(reply);
}

QByteArray TestGateway::raw(const QByteArray &bytes, int expectResponses)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(bytes);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 15000) {
        if (socket.waitForReadyRead(200))
            received += socket.readAll();
        if (received.count("HTTP/1.1 ") - received.count("HTTP/1.1 100 ") >= expectResponses &&
            socket.state() != QAbstractSocket::ConnectedState)
            break;
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
        if (received.count("HTTP/1.1 ") >= expectResponses && received.endsWith("}"))
            break;
    }
    return received;
}

AccessLogEntry TestGateway::lastLogFor(const QByteArray &requestId)
{
    return testlib::logFor(m_logs, requestId);
}

void TestGateway::lambdaV2RoundTrip()
{
    const Reply r = send("POST", "/echo/a%20b/c?x=1&x=2", "hello", {{"Cookie", "s=1; t=2"}, {"Content-Type", "text/plain"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("X-Fn"), QByteArray("py")); // header names arrive canonicalised
    const json event = json::parse(r.body.toStdString());
    QCOMPARE_JSON(event["version"], json("2.0"));
    QCOMPARE_JSON(event["routeKey"], json("ANY /echo/{proxy+}"));
    QCOMPARE_JSON(event["rawPath"], json("/echo/a b/c"));
    QCOMPARE_JSON(event["rawQueryString"], json("x=1&x=2"));
    QCOMPARE_JSON(event["queryStringParameters"]["x"], json("1,2"));
    QCOMPARE_JSON(event["pathParameters"]["proxy"], json("a b/c"));
    QCOMPARE_JSON(event["cookies"], json({"s=1", "t=2"}));
    QCOMPARE_JSON(event["body"], json("hello"));
    QCOMPARE_JSON(event["isBase64Encoded"], json(false));
    QCOMPARE_JSON(event["requestContext"]["http"]["sourceIp"], json("127.0.0.1"));
    const QByteArray requestId = r.header("Apigw-Requestid");
    QCOMPARE(requestId.size(), 16);
    QCOMPARE_JSON(event["requestContext"]["requestId"], json(requestId.toStdString()));
    const AccessLogEntry log = lastLogFor(requestId);
    QCOMPARE(log.status, 200);
    QCOMPARE(log.integrationStatus, 200);
    QVERIFY(log.integrationLatencyMs > 0);
    QVERIFY(log.responseLatencyMs >= log.integrationLatencyMs);
}

void TestGateway::nodeBareValueIsInferred()
{
    const Reply r = send("GET", "/node");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE_JSON(json::parse(r.body.toStdString()), json({{"ok", true}, {"path", "/node"}}));
}

void TestGateway::failures_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("reason");
    // HTTP APIs answer every function failure with 500 {"message":"Internal Server Error"}
    // (recorded: V2_HandlesZeroStatusCode; http-api-troubleshooting-lambda.html).
    QTest::newRow("handler raises") << "/raise" << QByteArray("function_error");
    QTest::newRow("process crashes") << "/crash" << QByteArray("function_crashed");
    QTest::newRow("statusCode 0") << "/badenvelope" << QByteArray("malformed_lambda_response");
    QTest::newRow("module missing") << "/importerror" << QByteArray("function_init_error");
    QTest::newRow("function timeout") << "/sleepy" << QByteArray("function_timeout");
}

void TestGateway::failures()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, reason);
    // The function timeout (1 s for "sleepy") passes on the manual clock, not in real time.
    const Reply r = path == QLatin1String("/sleepy") ? sendAndAdvance(path, QStringLiteral("sleepy"), 1000) : send("GET", path);
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray(R"({"message":"Internal Server Error"})"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    const AccessLogEntry log = lastLogFor(r.header("Apigw-Requestid"));
    QCOMPARE(log.reason(), reason);
    QVERIFY(!log.integrationErrorMessage.isEmpty());
}

void TestGateway::integrationTimeoutIs503()
{
    // timeoutInMillis 300 while the function takes 3 s: the 300 ms pass on the manual clock.
    const Reply r = sendAndAdvance(QStringLiteral("/slow"), QStringLiteral("slow"), 300);
    QCOMPARE(r.status, 503);
    QCOMPARE(r.body, QByteArray(R"({"message":"Service Unavailable"})"));
    const AccessLogEntry log = lastLogFor(r.header("Apigw-Requestid"));
    QCOMPARE(log.reason(), QByteArray("integration_timeout"));
    QCOMPARE(log.integrationLatencyMs, -1.0);
}

void TestGateway::unmatchedRouteIs404()
{
    const Reply r = send("GET", "/nothing/here");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray(R"({"message":"Not Found"})"));
}

void TestGateway::httpProxyForwards()
{
    const Reply r = send("PUT", "/proxy/a/b?q=1", R"({"k":1})", {{"Content-Type", "application/json"}, {"X-Custom", "v"}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.header("X-Backend"), QByteArray("yes"));
    const json seen = json::parse(r.body.toStdString());
    QCOMPARE_JSON(seen["method"], json("PUT"));
    QCOMPARE_JSON(seen["path"], json("/a/b?q=1"));
    QCOMPARE_JSON(seen["body"], json(R"({"k":1})"));
    QCOMPARE_JSON(seen["headers"]["X-Custom"], json("v"));
    // RFC 7239 Forwarded and RFC 9110 Via, as the service adds them for HTTP_PROXY.
    const QString forwarded = QString::fromStdString(seen["headers"].value("Forwarded", std::string()));
    QVERIFY2(forwarded.contains(QLatin1String("for=127.0.0.1;host=127.0.0.1:")) && forwarded.endsWith(QLatin1String(";proto=http")),
             qPrintable(forwarded));
    QCOMPARE_JSON(seen["headers"]["Via"], json("HTTP/1.1 AmazonAPIGateway"));
    // ...and not the X-Forwarded-* a Lambda event gets (recorded through postman-echo).
    for (const char *name : {"X-Forwarded-For", "X-Forwarded-Port", "X-Forwarded-Proto"})
        QVERIFY2(!seen["headers"].contains(name), name);
    // X-Ray's trace header shape: version 1, the epoch second in 8 hex digits, 96 random bits.
    const QString trace = QString::fromStdString(seen["headers"].value("X-Amzn-Trace-Id", std::string()));
    QVERIFY2(QRegularExpression(QStringLiteral("^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$")).match(trace).hasMatch(), qPrintable(trace));
    const qint64 traceSecond = trace.mid(7, 8).toLongLong(nullptr, 16);
    QVERIFY(qAbs(traceSecond - QDateTime::currentSecsSinceEpoch()) < 60);
    // Keep-alive towards the backend: a second request works on the pooled connection.
    QCOMPARE(send("GET", "/proxy/again").status, 201);
}

void TestGateway::parameterMappingReachesTheBackend()
{
    // http-api-parameter-mapping.html, end to end: the backend sees the mapped request, the
    // client the mapped answer.
    const Reply r = send("GET", "/mapped/pets/7?org=acme", {}, {{"X-Secret", "s"}});
    QCOMPARE(r.status, 200); // the backend's 201, overwritten
    QCOMPARE(r.header("X-Mapped"), QByteArray("ANY /mapped/{proxy+}"));
    const json seen = json::parse(r.body.toStdString());
    QCOMPARE_JSON(seen["path"], json("/v2/pets/7?org=acme"));
    json lowered = json::object(); // header names as the backend got them, without case
    for (auto it = seen["headers"].begin(); it != seen["headers"].end(); ++it)
        lowered[QByteArray::fromStdString(it.key()).toLower().toStdString()] = it.value();
    QCOMPARE_JSON(lowered["x-tenant"], json("t-acme"));
    QVERIFY(!lowered.contains("x-secret"));
}

void TestGateway::httpProxyBackendDown()
{
    const Reply r = send("GET", "/down/x");
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray(R"({"message":"Internal Server Error"})"));
}

void TestGateway::httpsBackendWithPrivateIssuer()
{
    // A private issuer the user trusts (SSL_CERT_FILE) is accepted, without turning verification off.
    const Reply r = send("POST", "/tls/a/b?q=1", "over tls", {{"Content-Type", "text/plain"}});
    QCOMPARE(r.status, 201);
    const json seen = json::parse(r.body.toStdString());
    QCOMPARE_JSON(seen["tls"], json(true));
    QCOMPARE_JSON(seen["path"], json("/a/b?q=1"));
    QCOMPARE_JSON(seen["body"], json("over tls"));
    QCOMPARE_JSON(seen["headers"]["Host"], json("127.0.0.1:" + std::to_string(m_tlsBackendPort)));
    QCOMPARE(send("GET", "/tls/again").status, 201); // the pooled TLS connection is reused
}

void TestGateway::httpsBackendUntrustedIsRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    // The service refuses an untrusted issuer ("PKIX path building failed", AWS knowledge center:
    // api-gateway-ssl-certificate-errors).
    QTest::newRow("self-signed, no tlsConfig") << "/tlsstrict/x" << "self-signed";
    QTest::newRow("aws-tlsconfig: insecureSkipVerification is REST-only, an HTTP API ignores it")
        << "/tlsskip/x" << "self-signed";
    QTest::newRow("aws-tlsconfig: serverNameToVerify not in the certificate") << "/tlsname/x" << "host name did not match";
}

void TestGateway::httpsBackendUntrustedIsRefused()
{
    QFETCH(QString, path);
    QFETCH(QString, reason);
    const Reply r = send("GET", path);
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray(R"({"message":"Internal Server Error"})"));
    const AccessLogEntry log = lastLogFor(r.header("Apigw-Requestid"));
    QVERIFY2(log.integrationErrorMessage.contains(QStringLiteral("TLS handshake failed")), qPrintable(log.integrationErrorMessage));
    QVERIFY2(log.integrationErrorMessage.contains(reason), qPrintable(log.integrationErrorMessage));
}

void TestGateway::oversizeBodyRefusedEarly()
{
    // Only the headers are sent: the answer must come before any of the 11 MB body.
    const QByteArray response = raw("POST /echo/x HTTP/1.1\r\nHost: t\r\nContent-Length: 11534336\r\n\r\n");
    QVERIFY2(response.startsWith("HTTP/1.1 413 "), response.constData());
    QVERIFY(response.endsWith(R"({"message":"Request Entity Too Large"})"));
}

void TestGateway::headersTooLarge()
{
    const QByteArray response = raw("GET /node HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(12000, 'a') + "\r\n\r\n");
    QVERIFY2(response.startsWith("HTTP/1.1 431 "), response.left(100).constData());
}

void TestGateway::malformedRequest()
{
    const QByteArray response = raw("GET /node HTTP/1.1\r\nHost t\r\n\r\n");
    QVERIFY2(response.startsWith("HTTP/1.1 400 "), response.constData());
}

void TestGateway::refusalsCarryARequestIdAndAreLogged_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    // Refused before routing, still with an Apigw-Requestid and an access-log line naming the
    // client (http-api-logging.html: every request is logged with its requestId and sourceIp).
    QTest::newRow("413 over the payload quota (http-api-quotas: 10 MB)")
        << QByteArray("POST /echo/x HTTP/1.1\r\nHost: t\r\nContent-Length: 11534336\r\n\r\n") << 413;
    QTest::newRow("431 headers over the quota")
        << QByteArray("GET /node HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(12000, 'a') + "\r\n\r\n") << 431;
    QTest::newRow("RFC 9112 3.2: HTTP/1.1 without Host is 400") << QByteArray("GET /node HTTP/1.1\r\nX-A: b\r\n\r\n") << 400;
    QTest::newRow("RFC 9110 15.6.6: HTTP/1.2 is 505") << QByteArray("GET /node HTTP/1.2\r\nHost: t\r\n\r\n") << 505;
}

void TestGateway::refusalsCarryARequestIdAndAreLogged()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    const QByteArray response = raw(wire);
    QVERIFY2(response.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '), response.left(200).constData());
    const qsizetype at = response.indexOf("Apigw-Requestid: ");
    QVERIFY2(at > 0, response.left(400).constData());
    const QByteArray requestId = response.mid(at + 17, response.indexOf("\r\n", at) - at - 17);
    QCOMPARE(requestId.size(), 16);
    const AccessLogEntry log = lastLogFor(requestId);
    QCOMPARE(log.status, status);
    QCOMPARE(log.sourceIp, QByteArray("127.0.0.1"));
}

void TestGateway::bytesThatAreNotUtf8ReachTheFunctionAsReplacementCharacters()
{
    // A client may send any bytes in a header, query or path; the Lambda event must still be
    // JSON (UTF-8), and the gateway must answer instead of failing on it.
    const QByteArray response =
        raw("GET /echo/p%FFq?k=%C0%80 HTTP/1.1\r\nHost: t\r\nX-Bin: a\xFF\xFEz\r\nConnection: close\r\n\r\n");
    QVERIFY2(response.startsWith("HTTP/1.1 200 "), response.left(200).constData());
    const json event = json::parse(response.mid(response.indexOf("\r\n\r\n") + 4).toStdString());
    QCOMPARE_JSON(event["headers"]["x-bin"], json("a\uFFFD\uFFFDz"));
    QCOMPARE_JSON(event["rawPath"], json("/echo/p\uFFFDq"));
    QCOMPARE_JSON(event["queryStringParameters"]["k"], json("\uFFFD\uFFFD"));
    QCOMPARE(send("GET", "/node").status, 200); // and the gateway is still there
}

void TestGateway::pipelinedRequestsAnswerInOrder()
{
    // The slow function first: its answer must still come first.
    const QByteArray response =
        raw("GET /raise HTTP/1.1\r\nHost: t\r\n\r\nHEAD /echo/head HTTP/1.1\r\nHost: t\r\n\r\nGET /nothing HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", 3);
    const qsizetype first = response.indexOf("HTTP/1.1 500");
    const qsizetype second = response.indexOf("HTTP/1.1 200");
    const qsizetype third = response.indexOf("HTTP/1.1 404");
    QVERIFY2(first >= 0 && second > first && third > second, response.constData());
    const QByteArray headResponse = response.mid(second, third - second);
    QVERIFY(headResponse.contains("Content-Length: "));
    QVERIFY(headResponse.endsWith("\r\n\r\n")); // HEAD: no body
    QVERIFY(response.mid(third).contains("Connection: close"));
}

void TestGateway::chunkedBodyAndExpectContinueWithCurl()
{
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    const QString bodyFile = m_dir.filePath("body.txt");
    writeFile(bodyFile, QByteArray(4096, 'z'));
    QProcess process;
    const QString url = QStringLiteral("http://127.0.0.1:%1/echo/upload").arg(m_port);
    process.start(curl, {"-s", "-H", "Transfer-Encoding: chunked", "-H", "Expect: 100-continue", "-H", "Content-Type: text/plain",
                         "--data-binary", "@" + bodyFile, url});
    QVERIFY(process.waitForFinished(20000));
    const json event = json::parse(process.readAllStandardOutput().toStdString(), nullptr, false);
    QVERIFY(!event.is_discarded());
    QCOMPARE_JSON(event["body"].get<std::string>().size(), size_t(4096));
}

void TestGateway::warmProcessReusedAndStdoutCaptured()
{
    const Reply a = send("GET", "/echo/one");
    const Reply b = send("GET", "/echo/two");
    QCOMPARE(a.status, 200);
    QCOMPARE(a.header("X-Pid"), b.header("X-Pid"));
    const AccessLogEntry log = lastLogFor(b.header("Apigw-Requestid"));
    QVERIFY2(log.executionLog.contains(QStringLiteral("hello from echo")), qPrintable(log.executionLog));
    QVERIFY(log.executionLog.contains(QStringLiteral("REPORT RequestId: ")));
}

void TestGateway::timeoutKillsWhatTheRuntimeStarted()
{
    const Reply r = send("GET", "/wrapped");
    QCOMPARE(r.status, 500); // "Task timed out after 1.00 seconds"
    QFile pidFile(m_dir.filePath("hang.pid"));
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    const QByteArray pid = pidFile.readAll().trimmed();
    QVERIFY(!pid.isEmpty());
    // The hanging runtime is the launcher's child; it must go with the sandbox, not be orphaned.
    const auto alive = [&] {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray text = stat.readAll();
        return !text.mid(text.lastIndexOf(')') + 2, 1).startsWith('Z'); // a zombie is dead already
    };
    QTRY_VERIFY_WITH_TIMEOUT(!alive(), 5000);
}

void TestGateway::memorySizeIsEnforced()
{
    // Past its memorySize, Lambda kills the runtime: "Runtime exited with error: signal: killed"
    // with Runtime.OutOfMemory, and the REPORT line shows Max Memory Used at the size.
    QElapsedTimer clock;
    clock.start();
    const Reply r = send("GET", "/hog");
    QCOMPARE(r.status, 500);
    QVERIFY2(clock.elapsed() < 4500, "killed when it crossed the limit, not at its 5 s sleep or timeout");
    const AccessLogEntry log = lastLogFor(r.header("Apigw-Requestid"));
    QVERIFY2(log.integrationErrorMessage.contains(QStringLiteral("Runtime exited with error: signal: killed")),
             qPrintable(log.integrationErrorMessage));
    QVERIFY2(log.executionLog.contains(QStringLiteral("Memory Size: 128 MB\tMax Memory Used: 128 MB")),
             qPrintable(log.executionLog));

    // A leak that crosses the size within a fast invocation fails that invocation, not a later one.
    QList<int> statuses;
    for (int i = 0; i < 5 && !statuses.contains(500); ++i)
        statuses << send("GET", "/leak").status;
    QCOMPARE(statuses.size(), 3); // ~10 MB of Python, then 50, 90, 130 MB: the third is over 128
    QCOMPARE(statuses, (QList<int>{200, 200, 500}));
    QCOMPARE(send("GET", "/leak").status, 200); // a fresh sandbox afterwards

    // A function within its size reports what it used, below the size.
    const Reply ok = send("GET", "/echo/memory");
    QCOMPARE(ok.status, 200);
    const QString report = lastLogFor(ok.header("Apigw-Requestid")).executionLog;
    const auto used = QRegularExpression(QStringLiteral("Max Memory Used: (\\d+) MB")).match(report);
    QVERIFY2(used.hasMatch(), qPrintable(report));
    QVERIFY2(used.captured(1).toInt() > 0 && used.captured(1).toInt() < 128, qPrintable(report));
}

void TestGateway::burstOnOneWarmProcess()
{
    // Back-to-back events on one process: each must wait until the runtime asks for the next one
    // (found by bench/run.sh: a process that had answered but not yet called /next got work).
    QList<QNetworkReply *> replies;
    // Sequential bursts on a function with reservedConcurrency 1 must not be throttled either:
    // a sandbox that answered is free again (the next event waits for its /next).
    for (int i = 0; i < 10; ++i)
        QCOMPARE(send("GET", QStringLiteral("/single")).status, 200);
    for (int i = 0; i < 40; ++i)
        replies << m_nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/node").arg(m_port))));
    QElapsedTimer timer;
    timer.start();
    auto allDone = [&] { return std::all_of(replies.begin(), replies.end(), [](QNetworkReply *r) { return r->isFinished(); }); };
    while (!allDone() && timer.elapsed() < 30000)
        QTest::qWait(20);
    QVERIFY(allDone());
    for (QNetworkReply *reply : replies) {
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
}

void TestGateway::reservedConcurrencyThrottlesAtOnce()
{
    // Lambda throttles an invocation beyond reservedConcurrency at once (TooManyRequestsException,
    // invoke status 429), and API Gateway answers "a 500 error code" when Lambda rejects the
    // invocation (lambda/latest/dg/services-apigateway-errors.html); it is not queued.
    QNetworkReply *first = m_nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/slowone").arg(m_port))));
    QElapsedTimer timer;
    timer.start();
    QTest::qWait(300); // the first one is running (it sleeps 3 s)
    const Reply second = send("GET", "/slowone");
    QCOMPARE(second.status, 500);
    QVERIFY2(!first->isFinished(), "the throttled call waited for the first one");
    const AccessLogEntry log = lastLogFor(second.header("Apigw-Requestid"));
    QCOMPARE(log.integrationStatus, 429);
    QCOMPARE(log.integrationErrorMessage, QStringLiteral("Rate Exceeded."));
    while (!first->isFinished() && timer.elapsed() < 20000)
        QTest::qWait(20);
    QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    first->deleteLater();
}

void TestGateway::lambdaPayloadLimits()
{
    // Lambda quotas, "Invocation payload (request and response): 6 MB". An event over it: Invoke
    // refuses it (RequestEntityTooLargeException) and the HTTP API answers 413.
    const Reply big = send("POST", "/echo/large", QByteArray(7 * 1024 * 1024, 'a'), {{"Content-Type", "text/plain"}});
    QCOMPARE(big.status, 413);
    QCOMPARE(big.body, QByteArray(R"({"message":"Request Entity Too Large"})"));
    AccessLogEntry log = lastLogFor(big.header("Apigw-Requestid"));
    QCOMPARE(log.integrationStatus, 413);
    QVERIFY2(log.integrationErrorMessage.contains(QLatin1String("limit 6291456 bytes")), qPrintable(log.integrationErrorMessage));
    // A response over it: the Runtime API answers the runtime 413, the invoker gets
    // Function.ResponseSizeTooLarge, the client 500; the sandbox takes the next event.
    const Reply tooLarge = send("GET", "/big");
    QCOMPARE(tooLarge.status, 500);
    log = lastLogFor(tooLarge.header("Apigw-Requestid"));
    QVERIFY2(log.integrationErrorMessage.contains(QLatin1String("exceeded maximum allowed payload size (6291556 bytes)")),
             qPrintable(log.integrationErrorMessage));
    QCOMPARE(send("GET", "/echo/after-large").status, 200);
}

void TestGateway::runtimeApiRefusesPostsOutOfTurn()
{
    // Lambda's Runtime API (aws-lambda-runtime-interface-emulator, rapi handlers): an unknown id
    // while the invocation runs is 400 InvalidRequestID; once it was answered, another /response
    // or an /error is a refused state transition, 403 InvalidStateTransition. The first answer stands.
    const Reply r = send("GET", "/outofturn");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("first"));
    const QString out = m_dir.filePath("out-of-turn.json");
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(out), 10000);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const json seen = json::parse(file.readAll().toStdString());
    QCOMPARE_JSON(seen[0], json::parse(R"([400, {"errorMessage": "Invalid request ID", "errorType": "InvalidRequestID"}])"));
    QCOMPARE_JSON(seen[1], json::parse(R"([202, {"status": "OK"}])"));
    const json refused = json::parse(R"({"errorMessage": "State transition from RuntimeResponseSentState to InvocationResponse failed for runtime. Error: State transition is not allowed", "errorType": "InvalidStateTransition"})");
    QCOMPARE_JSON(seen[2], json::array({403, refused}));
    json refusedError = refused;
    refusedError["errorMessage"] = "State transition from RuntimeResponseSentState to InvocationErrorResponse failed for runtime. Error: State transition is not allowed";
    QCOMPARE_JSON(seen[3], json::array({403, refusedError}));
}

void TestGateway::editsTakeEffectWithoutRestart()
{
    QCOMPARE(send("GET", "/added").status, 404);
    // A request in flight on the old configuration finishes normally.
    QNetworkReply *inFlight = m_nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/sleepy").arg(m_port))));
    QTest::qWait(100);
    QString error;
    QVERIFY2(m_gateway->update(project(true), m_dir.path(), &error), qPrintable(error));
    QCOMPARE(m_gateway->endpoints().first().port, m_port); // same port, no restart
    QCOMPARE(send("GET", "/added").status, 200);
    QSignalSpy finished(inFlight, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000) || inFlight->isFinished());
    QCOMPARE(inFlight->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 500); // its own timeout (1 s)
    inFlight->deleteLater();
}

void TestGateway::expectContinueWaitsForEarlierResponses()
{
    // "100 Continue" is an interim answer to the request that asked for it: written before the
    // pipelined request ahead of it is answered, the client takes it for that request's answer.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /raise HTTP/1.1\r\nHost: t\r\n\r\n"
                 "POST /echo/continue HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
                 "Expect: 100-continue\r\n\r\n");
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 15000 && !received.contains("100 Continue")) {
        if (socket.waitForReadyRead(100))
            received += socket.readAll();
    }
    QVERIFY2(received.startsWith("HTTP/1.1 500 "), received.left(200).constData()); // the first request's answer first
    QVERIFY2(received.contains("HTTP/1.1 100 Continue\r\n\r\n"), received.constData());
    socket.write("hello");
    while (timer.elapsed() < 15000 && received.count("HTTP/1.1 200 ") < 1) {
        if (socket.waitForReadyRead(100))
            received += socket.readAll();
    }
    QVERIFY2(received.indexOf("HTTP/1.1 200 ") > received.indexOf("HTTP/1.1 100 Continue"), received.constData());
}

void TestGateway::integrationTimeoutIsNeverEarly()
{
    // timeoutInMillis 500 against a function that takes 3 s: the 503 may come late, never early.
    for (int i = 0; i < 4; ++i) {
        QElapsedTimer clock;
        clock.start();
        const Reply r = send("GET", "/slow500");
        const qint64 elapsed = clock.elapsed();
        QCOMPARE(r.status, 503);
        QVERIFY2(elapsed >= 500, qPrintable(QString::number(elapsed)));
        const AccessLogEntry log = lastLogFor(r.header("Apigw-Requestid"));
        QVERIFY2(log.responseLatencyMs >= 500.0, qPrintable(QString::number(log.responseLatencyMs)));
    }
}

void TestGateway::domainPrefixIsTheSameInEventAndAccessLog()
{
    // $context.domainPrefix: one value for the Lambda event and the access log. A loopback Host
    // names no API, so both say the API id; a name says its first label.
    for (const QByteArray &host : {QByteArray("127.0.0.1:") + QByteArray::number(m_port), QByteArray("shop.example.com")}) {
        const Reply r = send("GET", "/echo/prefix", {}, {{"Host", host}});
        QCOMPARE(r.status, 200);
        const json event = json::parse(r.body.toStdString());
        const std::string fromEvent = event["requestContext"]["domainPrefix"];
        QCOMPARE(QString::fromStdString(fromEvent), host.startsWith("127.") ? QStringLiteral("testapi001") : QStringLiteral("shop"));
        const AccessLogEntry log = lastLogFor(r.header("Apigw-Requestid"));
        const auto fromLog = contextVariable(log, u"domainPrefix");
        QVERIFY(fromLog);
        QCOMPARE(QString::fromLatin1(*fromLog), QString::fromStdString(fromEvent));
    }
}

QTEST_GUILESS_MAIN(TestGateway)
#include "tst_gateway.moc"
