#pragma once
// A server-side HTTP/1.1 connection: keep-alive, in-order pipelining, 100-continue, limits.
#include "http_exchange.h"
#include "http_parser_wrapper.h"

#include <QObject>
#include <QTcpSocket>
#include <deque>
#include <functional>

namespace gw {

// How the connection answers a request it refuses before any handler sees it.
struct HttpErrorReplies {
    std::function<HttpResponse(int status)> make; // status: 400, 413, 431
};

class HttpServerConnection : public QObject {
    Q_OBJECT
public:
    HttpServerConnection(QTcpSocket *socket, std::shared_ptr<HttpHandler> handler, HttpLimits limits, QObject *parent = nullptr);
    ~HttpServerConnection() override;

    void setErrorReplies(HttpErrorReplies replies) { m_errorReplies = std::move(replies); }
    qint64 lastActivityMs() const { return m_lastActivityMs; }
    bool isIdle() const { return m_pending.empty() && !m_parser.isMidMessage(); }
    bool hasPartialRequest() const { return m_parser.isMidMessage(); }
    void closeNow();

    void complete(quint64 sequence, HttpResponse response);

signals:
    void closed();

private:
    struct Pending {
        quint64 sequence;
        bool head;
        bool keepAlive;
        bool done = false;
        HttpResponse response;
    };

    void onReadyRead();
    void dispatchParsed();
    void flushInOrder();
    void refuse(int status);
    void writeContinue();

    QTcpSocket *m_socket;
    QHostAddress m_peerAddress;
    QByteArray m_peerIp;
    quint16 m_peerPort = 0;
    quint16 m_localPort = 0;
    std::shared_ptr<HttpHandler> m_handler; // shared: outlives configuration swaps
    HttpParserWrapper m_parser;
    HttpErrorReplies m_errorReplies;
    std::deque<Pending> m_pending;
    quint64 m_nextSequence = 0;
    qint64 m_lastActivityMs = 0;
    bool m_closing = false;      // no more requests read; close once responses are written
    bool m_readPaused = false;
    bool m_dispatching = false;
    bool m_continueOwed = false; // a 100 Continue waits for earlier responses to be written
    quint64 m_continueSequence = 0; // the request it belongs to
    QByteArray m_out;
};

} // namespace gw
