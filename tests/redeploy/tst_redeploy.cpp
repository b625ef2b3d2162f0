// Redeploys while traffic flows: a failed redeploy keeps what served, and a request whose API went
// away (and whose client hung up) still finishes safely. Both were use-after-free bugs (issue 7).
#include "gateway/gateway.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace gw;
using nlohmann::json;

namespace {

json httpApi(const std::string &id, int port, const json &routes = json::array(), const json &integrations = json::array())
{
    return {{"id", id},         {"name", id},       {"type", "HTTP"},  {"apiId", id + "0000000"},
            {"port", port},     {"routes", routes}, {"integrations", integrations},
            {"stages", json::array({{{"name", "$default"}}})}};
}

Project projectOf(const json &apis, const json &functions = json::array())
{
    return json{{"format", "gatewright-project"}, {"version", 1}, {"functions", functions}, {"apis", apis}}.get<Project>();
}

// One request over a fresh connection; the status code, or 0 when nothing answered.
int statusOf(quint16 port, const QByteArray &path = "/anything")
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(3000))
        return 0;
    socket.write("GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000 && !received.contains("\r\n\r\n")) {
        if (!socket.waitForReadyRead(100) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        received += socket.readAll();
    }
    if (!received.startsWith("HTTP/1.1 "))
        return 0;
    return received.mid(9, 3).toInt();
}

quint16 portOf(const Gateway &gateway, const QString &apiKey)
{
    for (const Endpoint &endpoint : gateway.endpoints())
        if (endpoint.apiKey == apiKey)
            return endpoint.port;
    return 0;
}

} // namespace

class TestRedeploy : public QObject {
    Q_OBJECT
private slots:
    void failedRedeployKeepsHealthyListeners();
    void aNewerDeployOutlivesAFailedStart();
    void requestOutlivesItsRemovedApi_data();
    void requestOutlivesItsRemovedApi();
};

void TestRedeploy::failedRedeployKeepsHealthyListeners()
{
    Gateway gateway;
    QString error;
    const Project serving = projectOf(json::array({httpApi("first", 0), httpApi("second", 0)}));
    QVERIFY2(gateway.start(serving, QString(), &error), qPrintable(error));
    const quint16 first = portOf(gateway, QStringLiteral("first"));
    const quint16 second = portOf(gateway, QStringLiteral("second"));
    QVERIFY(first > 0 && second > 0);
    QCOMPARE(statusOf(first), 404); // the gateway answers: no route matches

    // Another socket holds the port the edit asks for: the redeploy must fail as a whole.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    QVERIFY(!gateway.update(projectOf(json::array({httpApi("first", 0), httpApi("second", squatter.serverPort())})),
                            QString(), &error));
    QVERIFY2(error.contains(QString::number(squatter.serverPort())), qPrintable(error));

    QCOMPARE(statusOf(first), 404);  // the healthy listener still serves
    QCOMPARE(statusOf(second), 404); // and so does the one the failed edit wanted to move
    QCOMPARE(portOf(gateway, QStringLiteral("first")), first);

    // Later edits and Stop work on what really serves.
    QVERIFY2(gateway.update(projectOf(json::array({httpApi("first", 0)})), QString(), &error), qPrintable(error));
    QCOMPARE(statusOf(first), 404);
    QCOMPARE(statusOf(second), 0); // removed
    gateway.stop();
    QCOMPARE(statusOf(first), 0);
}

void TestRedeploy::aNewerDeployOutlivesAFailedStart()
{
    // Two background deploys: the first (which starts the gateway) cannot bind, the second can.
    // The second's result decides: the gateway runs with its endpoints.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    Gateway gateway;
    QSignalSpy finished(&gateway, &Gateway::deployFinished);
    gateway.deploy(projectOf(json::array({httpApi("api", squatter.serverPort())})), QString());
    gateway.deploy(projectOf(json::array({httpApi("api", 0)})), QString());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
    QVERIFY(!finished.at(0).first().value<DeployResult>().ok);
    QVERIFY(finished.at(1).first().value<DeployResult>().ok);
    QVERIFY(gateway.isRunning());
    QCOMPARE(statusOf(portOf(gateway, QStringLiteral("api"))), 404);
    // A waited-for update overtakes an older background result: its endpoints stay.
    gateway.deploy(projectOf(json::array({httpApi("api", 0), httpApi("other", 0)})), QString());
    QString error;
    QVERIFY2(gateway.update(projectOf(json::array({httpApi("api", 0)})), QString(), &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, 10000);
    QCOMPARE(gateway.endpoints().size(), 1);
    gateway.stop();
}

void TestRedeploy::requestOutlivesItsRemovedApi_data()
{
    QTest::addColumn<bool>("functionRemovedToo");
    QTest::addColumn<bool>("clientHangsUp");
    QTest::newRow("API removed, client hangs up") << false << true;
    QTest::newRow("API and function removed, client waits") << true << false;
}

void TestRedeploy::requestOutlivesItsRemovedApi()
{
    QFETCH(bool, functionRemovedToo);
    QFETCH(bool, clientHangsUp);
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("fns")));
    QFile code(dir.filePath(QStringLiteral("fns/slow.py")));
    QVERIFY(code.open(QIODevice::WriteOnly));
    code.write("import time\ndef handler(event, context):\n    print('started')\n    time.sleep(1.5)\n"
               "    return {'statusCode': 200, 'body': 'done'}\n");
    code.close();
    const json functions = json::array({{{"name", "slow"}, {"runtime", "python3"}, {"handler", "slow.handler"},
                                         {"codeDir", "fns"}, {"timeout", 10}}});
    const json routes = json::array({{{"routeKey", "GET /slow"}, {"integration", "fn"}}});
    const json integrations = json::array({{{"id", "fn"}, {"type", "AWS_PROXY"}, {"function", "slow"}}});

    Gateway gateway;
    QVector<AccessLogEntry> logs;
    connect(&gateway, &Gateway::accessLogBatch, this, [&](const QVector<AccessLogEntry> &batch) { logs += batch; });
    bool started = false;
    connect(&gateway, &Gateway::functionOutput, this, [&](const QString &, const QByteArray &, const QString &text) {
        if (text == QLatin1String("started"))
            started = true;
    }, Qt::QueuedConnection);
    QString error;
    QVERIFY2(gateway.start(projectOf(json::array({httpApi("api", 0, routes, integrations)}), functions), dir.path(), &error),
             qPrintable(error));
    const quint16 port = portOf(gateway, QStringLiteral("api"));

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(3000));
    client.write("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(started, 15000); // the Lambda call is pending now

    // The edit removes the API (and maybe its function); then the client may hang up. Nothing on
    // the request's path is left but what the request itself holds.
    QVERIFY2(gateway.update(projectOf(json::array(), functionRemovedToo ? json::array() : functions), dir.path(), &error),
             qPrintable(error));
    if (clientHangsUp)
        client.abort();
    QTest::qWait(200);

    // The invocation runs to its end, as on Lambda; the request finishes and is logged.
    QTRY_VERIFY_WITH_TIMEOUT(!logs.isEmpty(), 10000);
    QCOMPARE(logs.last().status, 200);
    QCOMPARE(logs.last().trace->clientGone, clientHangsUp); // the trace says who never read the answer
    if (!clientHangsUp) {
        QTRY_VERIFY_WITH_TIMEOUT(client.bytesAvailable() > 0 || client.waitForReadyRead(50), 5000);
        QVERIFY(client.readAll().startsWith("HTTP/1.1 200 "));
    }
    // And the gateway lives on.
    QVERIFY2(gateway.update(projectOf(json::array({httpApi("api", 0, routes, integrations)}), functions), dir.path(), &error),
             qPrintable(error));
    QCOMPARE(statusOf(portOf(gateway, QStringLiteral("api")), "/nothing"), 404);
    gateway.stop();
}

QTEST_GUILESS_MAIN(TestRedeploy)
#include "tst_redeploy.moc"
