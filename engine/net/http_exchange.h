#pragma once
// One request and its (possibly later) response on a server connection; the connection-side
// Downstream of a request.
#include "../api/downstream.h"

#include <QPointer>
#include <memory>

namespace gw {

class HttpServerConnection;

class HttpExchange : public Downstream {
public:
    HttpExchange(HttpRequest request, HttpServerConnection *connection, quint64 sequence);

    const HttpRequest &request() const { return m_request; }
    HttpRequest &request() { return m_request; }
    // Call on the connection's thread. A second call, or a call after the client left, is ignored.
    void respond(HttpResponse response);
    bool responded() const { return m_responded; }
    bool clientGone() const { return m_gone || m_connection.isNull(); }
    // A long-lived object on the connection's thread, to queue completions back to it
    // (it outlives the connection, so a request whose client left still finishes and is logged).
    QObject *threadHome() const override { return m_home; }

    void send(HttpResponse response) override { respond(std::move(response)); }
    bool isGone() const override { return clientGone(); }
    void setGoneHandler(std::function<void()> handler) override { m_goneHandler = std::move(handler); }
    // The connection closed before the answer (called by the connection).
    void markGone();

private:
    HttpRequest m_request;
    QPointer<HttpServerConnection> m_connection;
    QObject *m_home;
    quint64 m_sequence;
    bool m_responded = false;
    bool m_gone = false;
    std::function<void()> m_goneHandler;
};

using HttpExchangePtr = std::shared_ptr<HttpExchange>;

} // namespace gw
