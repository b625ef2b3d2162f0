#pragma once
// A server-side HTTP/1.1 connection: keep-alive, in-order pipelining, 100-continue, limits, and
// (where the listener allows it) the hand-over of a WebSocket handshake after an asynchronous
// decision.
#include "../api/clock.h"
#include "http_exchange.h"
#include "http_parser_wrapper.h"
#include "listener_options.h"
#include "pending_upgrade.h"

#include <QObject>
#include <QTcpSocket>
#include <deque>
#include <memory>

class QWebSocketServer;

namespace gw {

class HttpHandler;

class HttpServerConnection : public QObject {
    Q_OBJECT
public:
    HttpServerConnection(QTcpSocket *socket, std::shared_ptr<HttpHandler> handler,
                         std::shared_ptr<const ListenerOptions> options, ClockPtr clock, QObject *parent = nullptr);
    ~HttpServerConnection() override;

    qint64 lastActivityMs() const { return m_lastActivityMs; } // on the clock's monotonic scale
    bool isIdle() const { return m_pending.empty() && !m_parser.isMidMessage() && !m_upgrading; }
    bool hasPartialRequest() const { return m_parser.isMidMessage(); }
    void closeNow();

    void complete(quint64 sequence, HttpResponse response);

    // PendingUpgrade's decisions.
    void acceptUpgrade(QWebSocketServer *server);
    TakenSocket takeUpgradedSocket();
    void rejectUpgrade(HttpResponse response);

signals:
    void closed();

private:
    struct Pending {
        quint64 sequence;
        bool head;
        bool keepAlive;
        bool done = false;
        HttpResponse response;
        std::weak_ptr<HttpExchange> exchange; // told when the client leaves first
    };

    void onReadyRead();
    void onDisconnected();
    void dispatchParsed();
    void flushInOrder();
    void refuse(int status);
    void writeContinue();
    qint64 nowMs() const { return m_clock->monotonicNs() / 1'000'000; }

    QTcpSocket *m_socket;
    QHostAddress m_peerAddress;
    QByteArray m_peerIp;
    quint16 m_peerPort = 0;
    quint16 m_localPort = 0;
    std::shared_ptr<HttpHandler> m_handler; // shared: outlives configuration swaps
    std::shared_ptr<const ListenerOptions> m_options;
    ClockPtr m_clock;
    HttpParserWrapper m_parser;
    std::deque<Pending> m_pending;
    quint64 m_nextSequence = 0;
    qint64 m_lastActivityMs = 0;
    bool m_closing = false;      // no more requests read; close once responses are written
    bool m_readPaused = false;
    bool m_dispatching = false;
    bool m_continueOwed = false; // a 100 Continue waits for earlier responses to be written
    quint64 m_continueSequence = 0; // the request it belongs to
    // Upgrades: the first request's bytes are read inside a transaction, so an accepted
    // handshake can be given back to the socket for QWebSocketServer to read.
    bool m_inTransaction = false;
    bool m_upgrading = false;
    bool m_goneNotified = false;
    QByteArray m_out;
};

} // namespace gw
