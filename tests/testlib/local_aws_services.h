#pragma once
// Local implementations of AWS services from npm (tests/aws_services: s3rver, dynalite,
// kinesalite), started as processes for a test, and SigV4-signed calls to them for set-up and
// checks. scripts/test.sh installs them; without them (and outside CI) the tests that need
// them skip and say so.
#include "integrations/aws_service_integration.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <map>
#include <memory>
#include <string>

namespace gw::test {

struct RawAnswer {
    int status = 0;
    std::map<std::string, std::string> headers; // lower-case names; repeated ones joined with ", "
    QByteArray body;
    QByteArray error; // why there is no answer
};

inline qsizetype contentLengthOfHead(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n'))
        if (line.toLower().startsWith("content-length:"))
            return line.mid(15).trimmed().toLongLong();
    return -1;
}

// One request written as given, its answer read whole (an interim 1xx skipped, as a client reads it).
inline RawAnswer rawExchange(quint16 port, const QByteArray &wire, int timeoutMs = 30000)
{
    RawAnswer out;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000)) {
        out.error = "cannot connect to port " + QByteArray::number(port);
        return out;
    }
    socket.write(wire);
    QByteArray answer;
    qsizetype headerEnd = -1, length = -1;
    QElapsedTimer waited;
    waited.start();
    auto complete = [&] {
        if (headerEnd < 0 && (headerEnd = answer.indexOf("\r\n\r\n")) >= 0)
            length = contentLengthOfHead(answer.left(headerEnd));
        if (headerEnd >= 0 && answer.startsWith("HTTP/1.1 1")) { // 100 Continue
            answer = answer.mid(headerEnd + 4);
            headerEnd = -1;
            return false;
        }
        return headerEnd >= 0 && length >= 0 && answer.size() >= headerEnd + 4 + length;
    };
    while (waited.elapsed() < timeoutMs && !complete()) {
        if (!socket.waitForReadyRead(200) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        answer += socket.readAll();
    }
    answer += socket.readAll(); // what came with the close
    complete();
    if (headerEnd <= 0) {
        out.error = "no answer: " + answer;
        return out;
    }
    const QList<QByteArray> lines = answer.left(headerEnd).split('\n');
    out.status = lines.front().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            continue;
        std::string &value = out.headers[lines[i].left(colon).trimmed().toLower().toStdString()];
        value += (value.empty() ? "" : ", ") + lines[i].mid(colon + 1).trimmed().toStdString();
    }
    out.body = answer.mid(headerEnd + 4, length < 0 ? -1 : length);
    return out;
}

class LocalAwsServices {
public:
    // s3rver knows one key pair, and checks the key id of every signed request.
    static SigV4Credentials credentials() { return {"S3RVER", "S3RVER", {}}; }
    static QString modulesDir() { return QStringLiteral(GW_SOURCE_DIR "/tests/aws_services/node_modules"); }

    // Starts the three services; false with *why when they are not installed or do not start.
    bool start(QString *why)
    {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty() || !QFile::exists(modulesDir() + QStringLiteral("/s3rver/bin/s3rver.js"))) {
            *why = QStringLiteral("the local AWS services are not installed (npm ci --prefix tests/aws_services; scripts/test.sh does it)");
            return false;
        }
        const QString modules = modulesDir();
        return launch(&m_s3, node, {modules + QStringLiteral("/s3rver/bin/s3rver.js"), QStringLiteral("-d"), m_s3Data.path(),
                                    QStringLiteral("-a"), QStringLiteral("127.0.0.1"), QStringLiteral("--silent"), QStringLiteral("-p")},
                      &m_s3Port, why) &&
               launch(&m_dynamo, node, {modules + QStringLiteral("/dynalite/cli.js"), QStringLiteral("--createTableMs"), QStringLiteral("0"),
                                        QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port")},
                      &m_dynamoPort, why) &&
               launch(&m_kinesis, node, {modules + QStringLiteral("/kinesalite/cli.js"), QStringLiteral("--createStreamMs"),
                                         QStringLiteral("0"), QStringLiteral("--port")},
                      &m_kinesisPort, why);
    }
    ~LocalAwsServices()
    {
        for (QProcess *p : {&m_s3, &m_dynamo, &m_kinesis}) {
            p->kill();
            p->waitForFinished(3000);
        }
    }

    quint16 portOf(const std::string &service) const
    {
        return service == "s3" ? m_s3Port : service == "dynamodb" ? m_dynamoPort : service == "kinesis" ? m_kinesisPort : 0;
    }
    std::string endpointOf(const std::string &service) const { return "http://127.0.0.1:" + std::to_string(portOf(service)); }

    // A SigV4-signed call, as an SDK makes it: JSON-protocol services get their target header.
    RawAnswer call(const std::string &service, const QByteArray &method, const QByteArray &target, const QByteArray &body,
                   const QByteArray &action = {}, std::vector<HttpHeader> headers = {}) const
    {
        IntegrationRequest request;
        request.method = method;
        request.target = target;
        request.body = body;
        request.headers = std::move(headers);
        AwsServiceIntegration::Signing signing{"us-east-1", service, credentials(), {}, {}};
        if (const std::optional<AwsJsonProtocol> json = awsJsonProtocolOf(service); json && !action.isEmpty()) {
            signing.amzTarget = json->targetPrefix + '.' + action;
            signing.jsonContentType = json->contentType;
        }
        const QByteArray host = "127.0.0.1:" + QByteArray::number(portOf(service));
        AwsServiceIntegration::sign(request, host, signing, QDateTime::currentMSecsSinceEpoch());
        QByteArray wire = method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
        for (const HttpHeader &h : request.headers)
            wire += h.name + ": " + h.value + "\r\n";
        wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        return rawExchange(portOf(service), wire);
    }

private:
    bool launch(QProcess *process, const QString &node, QStringList args, quint16 *port, QString *why)
    {
        QTcpServer probe; // a free port, handed over
        probe.listen(QHostAddress::LocalHost, 0);
        *port = probe.serverPort();
        probe.close();
        args << QString::number(*port);
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->setStandardOutputFile(QProcess::nullDevice());
        process->start(node, args);
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 15000) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, *port);
            if (socket.waitForConnected(200))
                return true;
            if (process->state() == QProcess::NotRunning)
                break;
            QThread::msleep(50);
        }
        *why = QStringLiteral("%1 did not start listening on %2").arg(args.front()).arg(*port);
        return false;
    }

    QTemporaryDir m_s3Data;
    QProcess m_s3, m_dynamo, m_kinesis;
    quint16 m_s3Port = 0, m_dynamoPort = 0, m_kinesisPort = 0;
};

} // namespace gw::test
