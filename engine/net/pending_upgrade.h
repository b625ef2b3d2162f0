#pragma once
// A WebSocket handshake waiting for its decision (an authorizer, a $connect integration). The
// connection keeps the handshake's bytes (a read transaction), so an accepted socket goes to
// QWebSocketServer as if it had just arrived.
#include "../common/http_message.h"

#include <QPointer>
#include <memory>

class QWebSocketServer;
class QTcpSocket;

namespace gw {

class HttpServerConnection;

// A socket handed over after a handshake: its descriptor (the caller owns it now) and the bytes
// the client sent after the handshake, if any.
struct TakenSocket {
    int descriptor = -1;          // a plain connection's descriptor
    QTcpSocket *socket = nullptr; // or a TLS connection's socket (its encryption stays in it)
    QByteArray pending;
    bool taken() const { return descriptor >= 0 || socket; }
};

class PendingUpgrade {
public:
    PendingUpgrade(HttpRequest request, HttpServerConnection *connection);
    ~PendingUpgrade(); // undecided: refused with 500
    PendingUpgrade(const PendingUpgrade &) = delete;
    PendingUpgrade &operator=(const PendingUpgrade &) = delete;

    const HttpRequest &request() const { return m_request; }
    QObject *threadHome() const { return m_home; }
    bool isGone() const { return m_connection.isNull(); }
    bool isDecided() const { return m_decided; }
    // Call on threadHome()'s thread. server must live on that thread too; it takes the socket.
    void accept(QWebSocketServer *server);
    // Accepts by taking the socket itself (the caller writes the 101 and speaks the protocol);
    // nothing taken() when the client left meanwhile.
    TakenSocket take();
    void reject(HttpResponse response);

private:
    HttpRequest m_request;
    QPointer<HttpServerConnection> m_connection;
    QObject *m_home;
    bool m_decided = false;
};

using PendingUpgradePtr = std::shared_ptr<PendingUpgrade>;

// True for "GET ... Upgrade: websocket, Connection: ...upgrade..." (RFC 6455 §4.1).
bool isWebSocketUpgrade(const HttpRequest &request);

} // namespace gw
