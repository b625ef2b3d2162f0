// The server connection under the listener's options: a WebSocket handshake decided later by a
// test-only front door (accepted into QWebSocketServer, or rejected), TLS, and size limits.
#include "common/clocks.h"
#include "net/http_handler.h"
#include "net/http_listener.h"
#include "net/worker_pool.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslSocket>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace gw;

namespace {

// What a WebSocket API's front door will do: decide after an asynchronous step, then accept
// the socket into a QWebSocketServer of the connection's thread, or refuse with a response.
class UpgradeFrontend : public HttpHandler {
public:
    void handle(const HttpExchangePtr &exchange) override
    {
        HttpResponse response;
        response.body = "plain " + exchange->request().path();
        exchange->respond(std::move(response));
    }
    void upgrade(const PendingUpgradePtr &upgrade) override
    {
        ++upgrades;
        QTimer::singleShot(20, upgrade->threadHome(), [upgrade] {
            if (upgrade->request().path() == "/accept") {
                upgrade->accept(serverOfThisThread());
                return;
            }
            HttpResponse refused;
            refused.status = 403;
            refused.setHeader("Content-Type", "application/json");
            refused.body = R"({"message":"Forbidden"})";
            upgrade->reject(std::move(refused));
        });
    }
    std::atomic<int> upgrades{0};

private:
    static QWebSocketServer *serverOfThisThread()
    {
        thread_local QWebSocketServer *server = [] {
            auto *s = new QWebSocketServer(QStringLiteral("test"), QWebSocketServer::NonSecureMode);
            QObject::connect(s, &QWebSocketServer::newConnection, s, [s] {
                while (QWebSocket *socket = s->nextPendingConnection())
                    QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                                     [socket](const QString &text) { socket->sendTextMessage(QStringLiteral("echo:") + text); });
            });
            return s;
        }();
        return server;
    }
};

// Keeps every request unanswered, and answers each at once when told its client left (what a
// stage may do in onCancel(ClientGone)).
class AnswersWhenGone : public HttpHandler {
public:
    void handle(const HttpExchangePtr &exchange) override
    {
        std::weak_ptr<HttpExchange> weak = exchange;
        exchange->setGoneHandler([this, weak] {
            ++gone;
            if (auto held = weak.lock())
                held->respond(HttpResponse{});
        });
        waiting.push_back(exchange);
        ++received;
    }
    std::vector<HttpExchangePtr> waiting; // touched on the worker's thread only
    std::atomic<int> received{0};
    std::atomic<int> gone{0};
};

QByteArray exchange(QTcpSocket &socket, const QByteArray &bytes, const QByteArray &until)
{
    socket.write(bytes);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    // The listeners live on this thread: wait with its event loop running, not on the socket alone.
    while (timer.elapsed() < 5000 && !received.contains(until)) {
        QTest::qWait(5);
        received += socket.readAll();
    }
    return received;
}

} // namespace

class TestHttpConnection : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void upgradeAcceptedIntoWebSocketServer();
    void upgradeRejectedWithItsResponse();
    void plainRequestsStillWorkWhereUpgradesAreAllowed();
    void upgradesAreRefusedWhereNotAllowed();
    void tlsListener();
    void oversizeBodyIsRefusedWithTheListenersAnswer();
    void requestsAnsweredAsTheirClientLeaves();

private:
    std::unique_ptr<WorkerPool> m_workers;
    std::shared_ptr<UpgradeFrontend> m_frontend;
    HttpListener *m_upgrades = nullptr;
    HttpListener *m_plain = nullptr;
    QTemporaryDir m_dir;
};

void TestHttpConnection::initTestCase()
{
    m_workers = std::make_unique<WorkerPool>(2, systemClock());
    m_frontend = std::make_shared<UpgradeFrontend>();
    ListenerOptions upgrades;
    upgrades.allowUpgrades = true;
    m_upgrades = new HttpListener(m_workers.get(), m_frontend, upgrades, this);
    QVERIFY(m_upgrades->listen(QHostAddress::LocalHost, 0));
    ListenerOptions plain;
    plain.limits = HttpLimits{10240, 1024};
    plain.refusal = [](int status) {
        HttpResponse response;
        response.status = status;
        response.body = "refused " + QByteArray::number(status);
        return response;
    };
    m_plain = new HttpListener(m_workers.get(), m_frontend, plain, this);
    QVERIFY(m_plain->listen(QHostAddress::LocalHost, 0));
}

void TestHttpConnection::cleanupTestCase()
{
    delete m_upgrades;
    delete m_plain;
    m_workers.reset();
}

void TestHttpConnection::upgradeAcceptedIntoWebSocketServer()
{
    QWebSocket client;
    QSignalSpy connected(&client, &QWebSocket::connected);
    QSignalSpy message(&client, &QWebSocket::textMessageReceived);
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/accept").arg(m_upgrades->serverPort())));
    QVERIFY(connected.wait(5000));
    client.sendTextMessage(QStringLiteral("hello"));
    QVERIFY(message.wait(5000));
    QCOMPARE(message.first().first().toString(), QStringLiteral("echo:hello"));
    client.close();
}

void TestHttpConnection::upgradeRejectedWithItsResponse()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_upgrades->serverPort());
    QVERIFY(socket.waitForConnected(3000));
    const QByteArray answer = exchange(socket,
                                       "GET /deny HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                       "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                                       "}");
    QVERIFY2(answer.startsWith("HTTP/1.1 403 Forbidden\r\n"), answer.constData());
    QVERIFY(answer.contains("Connection: close"));
    QVERIFY(answer.endsWith(R"({"message":"Forbidden"})"));
}

void TestHttpConnection::plainRequestsStillWorkWhereUpgradesAreAllowed()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_upgrades->serverPort());
    QVERIFY(socket.waitForConnected(3000));
    const int before = m_frontend->upgrades;
    QByteArray answer = exchange(socket, "GET /one HTTP/1.1\r\nHost: t\r\n\r\n", "plain /one");
    QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.constData());
    answer = exchange(socket, "GET /two HTTP/1.1\r\nHost: t\r\n\r\n", "plain /two"); // keep-alive goes on
    QVERIFY(answer.contains("plain /two"));
    QCOMPARE(int(m_frontend->upgrades), before);
}

void TestHttpConnection::upgradesAreRefusedWhereNotAllowed()
{
    // An HTTP API's listener: an Upgrade header is just a header, the request is a request.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_plain->serverPort());
    QVERIFY(socket.waitForConnected(3000));
    const int before = m_frontend->upgrades;
    const QByteArray answer = exchange(socket,
                                       "GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                       "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                                       "plain /ws");
    QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.constData());
    QCOMPARE(int(m_frontend->upgrades), before);
}

void TestHttpConnection::tlsListener()
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                   "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", m_dir.filePath("key.pem"),
                   "-out", m_dir.filePath("cert.pem")});
    QVERIFY(openssl.waitForFinished(30000));
    QCOMPARE(openssl.exitCode(), 0);
    QFile certFile(m_dir.filePath("cert.pem")), keyFile(m_dir.filePath("key.pem"));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(certFile.readAll());
    const QSslKey key(keyFile.readAll(), QSsl::Ec);
    QVERIFY(!certificate.isNull() && !key.isNull());
    auto tls = std::make_shared<QSslConfiguration>(QSslConfiguration::defaultConfiguration());
    tls->setLocalCertificate(certificate);
    tls->setPrivateKey(key);
    ListenerOptions options;
    options.tls = tls;
    HttpListener listener(m_workers.get(), m_frontend, options);
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));

    QSslSocket client;
    QSslConfiguration trust = QSslConfiguration::defaultConfiguration();
    trust.addCaCertificate(certificate);
    client.setSslConfiguration(trust);
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), listener.serverPort());
    QTRY_VERIFY2_WITH_TIMEOUT(client.isEncrypted(), qPrintable(client.errorString()), 5000);
    const QByteArray answer = exchange(client, "GET /secure HTTP/1.1\r\nHost: t\r\n\r\n", "plain /secure");
    QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.constData());
}

void TestHttpConnection::oversizeBodyIsRefusedWithTheListenersAnswer()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_plain->serverPort());
    QVERIFY(socket.waitForConnected(3000));
    const QByteArray answer = exchange(socket, "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 4096\r\n\r\n", "refused 413");
    QVERIFY2(answer.startsWith("HTTP/1.1 413 "), answer.constData());
}

void TestHttpConnection::requestsAnsweredAsTheirClientLeaves()
{
    // Three pipelined requests wait; the client hangs up; each is told and answers at once. The
    // connection must not trip over its own queue changing under it.
    WorkerPool workers(1, systemClock());
    auto handler = std::make_shared<AnswersWhenGone>();
    HttpListener listener(&workers, handler, ListenerOptions{});
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, listener.serverPort());
    QVERIFY(socket.waitForConnected(3000));
    socket.write("GET /1 HTTP/1.1\r\nHost: t\r\n\r\nGET /2 HTTP/1.1\r\nHost: t\r\n\r\nGET /3 HTTP/1.1\r\nHost: t\r\n\r\n");
    QTRY_COMPARE(handler->received.load(), 3);
    socket.abort();
    QTRY_COMPARE(handler->gone.load(), 3);
}

QTEST_GUILESS_MAIN(TestHttpConnection)
#include "tst_http_connection.moc"
