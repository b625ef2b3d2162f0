#include "http_server_connection.h"

#include <QDateTime>
#include "../observability/monotonic_clock.h"

namespace gw {

namespace {
constexpr size_t kMaxPipelined = 64; // stop reading beyond this many unanswered requests
} // namespace

HttpExchange::HttpExchange(HttpRequest request, HttpServerConnection *connection, quint64 sequence)
    : m_request(std::move(request)), m_connection(connection),
      m_home(!connection ? nullptr : connection->parent() ? connection->parent() : connection), m_sequence(sequence)
{
}

void HttpExchange::respond(HttpResponse response)
{
    if (m_responded)
        return;
    m_responded = true;
    if (m_connection)
        m_connection->complete(m_sequence, std::move(response));
}

HttpServerConnection::HttpServerConnection(QTcpSocket *socket, std::shared_ptr<HttpHandler> handler, HttpLimits limits,
                                           QObject *parent)
    : QObject(parent), m_socket(socket), m_handler(std::move(handler)), m_parser(HttpParserWrapper::Mode::Requests, limits)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_lastActivityMs = QDateTime::currentMSecsSinceEpoch();
    // The peer does not change during a connection: its text is made once, not per request.
    m_peerAddress = m_socket->peerAddress();
    m_peerIp = sourceIpText(m_peerAddress);
    m_peerPort = m_socket->peerPort();
    m_localPort = m_socket->localPort();
    m_parser.onExpectContinue = [this] {
        // An interim answer belongs to the request that asked for it: with earlier pipelined
        // requests unanswered, it waits until their responses are written (RFC 9110 §15.2.1),
        // or the client would take it for theirs.
        if (m_pending.empty() && m_parser.requests().empty()) {
            writeContinue();
            return;
        }
        m_continueOwed = true;
        m_continueSequence = m_nextSequence + m_parser.requests().size();
    };
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpServerConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        emit closed();
        deleteLater();
    });
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_closing && m_pending.empty() && m_socket->bytesToWrite() == 0)
            m_socket->disconnectFromHost();
    });
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpServerConnection::onReadyRead, Qt::QueuedConnection);
}

HttpServerConnection::~HttpServerConnection() = default;

void HttpServerConnection::closeNow()
{
    m_closing = true;
    m_socket->abort();
    emit closed();
    deleteLater();
}

void HttpServerConnection::onReadyRead()
{
    if (m_closing || m_readPaused)
        return;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    m_lastActivityMs = nowMs;
    // Read through one buffer per thread: readAll would allocate a new array for every read.
    thread_local char buffer[64 * 1024];
    bool ok = true;
    while (ok && m_socket->bytesAvailable() > 0) {
        const qint64 n = m_socket->read(buffer, sizeof buffer);
        if (n <= 0)
            break;
        const bool startsMessage = !m_parser.isMidMessage();
        ok = m_parser.feed(buffer, n);
        if (startsMessage) {
            // Latency starts when the request's first byte arrived.
            for (auto &request : m_parser.requests())
                if (request.receivedAtMs == 0) {
                    request.receivedAtMs = nowMs;
                    request.receivedAtNs = monotonicNowNs();
                }
        }
    }
    dispatchParsed();
    if (!ok) {
        switch (m_parser.error()) {
        case HttpParserWrapper::Error::BodyTooLarge: refuse(413); break;
        case HttpParserWrapper::Error::HeadersTooLarge: refuse(431); break;
        default: refuse(400); break;
        }
    }
}

void HttpServerConnection::writeContinue()
{
    static const QByteArray kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    m_continueOwed = false;
    m_socket->write(kContinue);
    m_socket->flush();
}

void HttpServerConnection::dispatchParsed()
{
    auto &queue = m_parser.requests();
    // Responses finished while dispatching (pipelined requests answered at once) go out in one write.
    m_dispatching = true;
    while (!queue.empty() && !m_closing) {
        HttpRequest request = std::move(queue.front());
        queue.pop_front();
        if (request.receivedAtMs == 0) {
            request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
            request.receivedAtNs = monotonicNowNs();
        }
        request.peerAddress = m_peerAddress;
        request.peerIp = m_peerIp;
        request.peerPort = m_peerPort;
        request.localPort = m_localPort;
        const quint64 sequence = m_nextSequence++;
        if (m_continueOwed && sequence == m_continueSequence)
            m_continueOwed = false; // its body came without waiting: no interim answer is due any more
        m_pending.push_back(Pending{sequence, request.isHead(), request.keepAlive, false, {}});
        if (!request.keepAlive)
            m_closing = true;
        auto exchange = std::make_shared<HttpExchange>(std::move(request), this, sequence);
        m_handler->handle(exchange);
    }
    m_dispatching = false;
    if (m_socket->bytesToWrite() > 0)
        m_socket->flush();
    if (m_pending.size() >= kMaxPipelined && !m_readPaused) {
        m_readPaused = true;
    }
}

void HttpServerConnection::complete(quint64 sequence, HttpResponse response)
{
    for (auto &pending : m_pending) {
        if (pending.sequence == sequence) {
            pending.response = std::move(response);
            pending.done = true;
            break;
        }
    }
    flushInOrder();
}

void HttpServerConnection::flushInOrder()
{
    bool wrote = false;
    while (!m_pending.empty() && m_pending.front().done) {
        Pending &front = m_pending.front();
        const bool lastBeforeClose = m_closing && m_pending.size() == 1;
        appendSerializedResponse(m_out, front.response, front.head, front.keepAlive && !lastBeforeClose);
        m_pending.pop_front();
        wrote = true;
    }
    if (!wrote)
        return;
    m_socket->write(m_out);
    m_out.clear();
    // Write now rather than on the next loop turn's write notification: one syscall, no
    // notifier switched on and off per response.
    if (!m_dispatching)
        m_socket->flush();
    m_lastActivityMs = QDateTime::currentMSecsSinceEpoch();
    if (m_closing && m_pending.empty()) {
        m_socket->disconnectFromHost();
        return;
    }
    if (m_continueOwed && m_pending.empty() && m_parser.requests().empty())
        writeContinue();
    if (m_readPaused && m_pending.size() < kMaxPipelined / 2) {
        m_readPaused = false;
        QMetaObject::invokeMethod(this, &HttpServerConnection::onReadyRead, Qt::QueuedConnection);
    }
}

void HttpServerConnection::refuse(int status)
{
    // The rest of the stream can't be trusted: answer after what is queued, then close.
    HttpRequest partial;
    m_handler->protocolError(partial, status);
    HttpResponse response;
    if (m_errorReplies.make) {
        response = m_errorReplies.make(status);
    } else {
        response.status = status;
        response.setHeader("Content-Type", "application/json");
        response.body = "{\"message\":\"" + reasonPhrase(status) + "\"}";
    }
    const quint64 sequence = m_nextSequence++;
    m_pending.push_back(Pending{sequence, false, false, true, std::move(response)});
    m_closing = true;
    flushInOrder();
}

} // namespace gw
