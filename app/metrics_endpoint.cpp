#include "metrics_endpoint.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace gw {

namespace {
constexpr qsizetype kMaxRequestBytes = 16 * 1024; // a scrape is a few hundred bytes
constexpr int kReadTimeoutMs = 10000;

QByteArray answer(int status, const char *reason, const QByteArray &contentType, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: " + contentType +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}
} // namespace

MetricsEndpoint::MetricsEndpoint(std::function<QByteArray()> render, QObject *parent)
    : QObject(parent), m_render(std::move(render)), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &MetricsEndpoint::onConnection);
}

bool MetricsEndpoint::listen(const QHostAddress &host, quint16 port, QString *error)
{
    if (m_server->listen(host, port))
        return true;
    *error = m_server->errorString();
    return false;
}

quint16 MetricsEndpoint::port() const
{
    return m_server->serverPort();
}

void MetricsEndpoint::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(kReadTimeoutMs, socket, [socket] { socket->abort(); }); // a client that never finishes
        auto received = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, received] {
            *received += socket->readAll();
            const qsizetype end = received->indexOf("\r\n\r\n");
            if (end < 0 && received->size() <= kMaxRequestBytes)
                return; // the head is not complete yet
            QByteArray reply;
            if (end < 0) {
                reply = answer(431, "Request Header Fields Too Large", "text/plain", "request head too large\n");
            } else {
                const QList<QByteArray> line = received->left(received->indexOf("\r\n")).split(' ');
                QByteArray path = line.size() == 3 ? line[1] : QByteArray();
                if (const qsizetype query = path.indexOf('?'); query >= 0)
                    path.truncate(query);
                if (line.size() == 3 && (line[0] == "GET" || line[0] == "HEAD") && path == "/metrics")
                    reply = answer(200, "OK", "text/plain; version=0.0.4; charset=utf-8", line[0] == "HEAD" ? QByteArray() : m_render());
                else
                    reply = answer(404, "Not Found", "text/plain", "metrics are at GET /metrics\n");
            }
            QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr); // one request per connection
            socket->write(reply);
            socket->disconnectFromHost(); // after the answer is written
        });
    }
}

} // namespace gw
