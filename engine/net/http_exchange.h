#pragma once
// One request and its (possibly later) response on a server connection.
#include "http_message.h"

#include <QPointer>
#include <memory>

namespace gw {

class HttpServerConnection;

class HttpExchange {
public:
    HttpExchange(HttpRequest request, HttpServerConnection *connection, quint64 sequence);

    const HttpRequest &request() const { return m_request; }
    HttpRequest &request() { return m_request; }
    // Call on the connection's thread. A second call, or a call after the client left, is ignored.
    void respond(HttpResponse response);
    bool responded() const { return m_responded; }
    bool clientGone() const { return m_connection.isNull(); }
    // A long-lived object on the connection's thread, to queue completions back to it
    // (it outlives the connection, so a request whose client left still finishes and is logged).
    QObject *threadHome() const { return m_home; }

private:
    HttpRequest m_request;
    QPointer<HttpServerConnection> m_connection;
    QObject *m_home;
    quint64 m_sequence;
    bool m_responded = false;
};

using HttpExchangePtr = std::shared_ptr<HttpExchange>;

class HttpHandler {
public:
    virtual ~HttpHandler() = default;
    // Called on the connection's thread for every complete request, in order.
    virtual void handle(const HttpExchangePtr &exchange) = 0;
    // The connection answers protocol errors itself; the handler may log them.
    virtual void protocolError(const HttpRequest &partial, int status) {}
};

} // namespace gw
