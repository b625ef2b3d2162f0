#include "http_server_connection.h"

#include <fcntl.h>

#include "http_handler.h"
#include "http_response_writer.h"

#include <QSslSocket>
#include <QWebSocketServer>

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
    m_goneHandler = nullptr;
    if (m_connection)
        m_connection->complete(m_sequence, std::move(response));
}

void HttpExchange::markGone()
{
    if (m_gone || m_responded)
        return;
    m_gone = true;
    if (auto handler = std::exchange(m_goneHandler, nullptr))
        handler();
}

void HttpHandler::upgrade(const PendingUpgradePtr &upgrade)
{
    HttpResponse response;
    response.status = 501;
    response.setHeader("Content-Type", "application/json");
    response.body = R"({"message":"Not Implemented"})";
    upgrade->reject(std::move(response));
}

HttpServerConnection::HttpServerConnection(QTcpSocket *socket, std::shared_ptr<HttpHandler> handler,
                                           std::shared_ptr<const ListenerOptions> options, ClockPtr clock,
                                           QObject *parent)
    : QObject(parent), m_socket(socket), m_handler(std::move(handler)), m_options(std::move(options)),
      m_clock(std::move(clock)), m_parser(HttpParserWrapper::Mode::Requests, m_options->limits)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_lastActivityMs = nowMs();
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
    if (m_options->allowUpgrades) {
        m_socket->startTransaction();
        m_inTransaction = true;
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpServerConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpServerConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_closing && m_pending.empty() && m_socket->bytesToWrite() == 0)
            m_socket->disconnectFromHost();
    });
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpServerConnection::onReadyRead, Qt::QueuedConnection);
}

HttpServerConnection::~HttpServerConnection() = default;

void HttpServerConnection::onDisconnected()
{
    if (!m_goneNotified) {
        // Requests still waiting for their answer learn that nobody will read it. Collected first:
        // a stage may answer at once, which changes m_pending.
        m_goneNotified = true;
        std::vector<HttpExchangePtr> waiting;
        for (Pending &pending : m_pending)
            if (!pending.done)
                if (auto exchange = pending.exchange.lock())
                    waiting.push_back(std::move(exchange));
        for (const HttpExchangePtr &exchange : waiting)
            exchange->markGone();
    }
    emit closed();
    deleteLater();
}

void HttpServerConnection::closeNow()
{
    m_closing = true;
    if (m_socket)
        m_socket->abort();
    emit closed();
    deleteLater();
}

void HttpServerConnection::onReadyRead()
{
    if (m_closing || m_readPaused || m_upgrading || !m_socket)
        return;
    const qint64 nowWallMs = m_clock->wallMs();
    m_lastActivityMs = nowMs();
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
                    request.receivedAtMs = nowWallMs;
                    request.receivedAtNs = m_clock->monotonicNs();
                }
        }
    }
    dispatchParsed();
    if (!ok && !m_upgrading) {
        switch (m_parser.error()) {
        case HttpParserWrapper::Error::BodyTooLarge: refuse(413); break;
        case HttpParserWrapper::Error::HeadersTooLarge: refuse(431); break;
        case HttpParserWrapper::Error::UnsupportedVersion: refuse(505); break;
        default: refuse(400); break;
        }
    }
}

void HttpServerConnection::dispatchParsed()
{
    auto &queue = m_parser.requests();
    // Responses finished while dispatching (pipelined requests answered at once) go out in one write.
    m_dispatching = true;
    while (!queue.empty() && !m_closing && !m_upgrading) {
        HttpRequest request = std::move(queue.front());
        queue.pop_front();
        if (request.receivedAtMs == 0) {
            request.receivedAtMs = m_clock->wallMs();
            request.receivedAtNs = m_clock->monotonicNs();
        }
        request.peerAddress = m_peerAddress;
        request.peerIp = m_peerIp;
        request.peerPort = m_peerPort;
        request.localPort = m_localPort;
        if (m_inTransaction) {
            // Only a connection's first request may be a handshake (clients open a new
            // connection for a WebSocket); after it the bytes are ours for good.
            m_inTransaction = false;
            if (m_nextSequence == 0 && isWebSocketUpgrade(request) && queue.empty()) {
                m_upgrading = true;
                auto upgrade = std::make_shared<PendingUpgrade>(std::move(request), this);
                m_handler->upgrade(upgrade);
                break;
            }
            m_socket->commitTransaction();
        }
        const quint64 sequence = m_nextSequence++;
        if (m_continueOwed && sequence == m_continueSequence)
            m_continueOwed = false; // its body came without waiting: no interim answer is due any more
        if (!request.keepAlive)
            m_closing = true;
        const bool head = request.isHead();
        const bool keepAlive = request.keepAlive;
        auto exchange = std::make_shared<HttpExchange>(std::move(request), this, sequence);
        m_pending.push_back(Pending{sequence, head, keepAlive, false, {}, exchange});
        m_handler->handle(exchange);
    }
    m_dispatching = false;
    if (m_socket && m_socket->bytesToWrite() > 0)
        m_socket->flush();
    if (m_pending.size() >= kMaxPipelined && !m_readPaused)
        m_readPaused = true;
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

void HttpServerConnection::writeContinue()
{
    static const QByteArray kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    m_continueOwed = false;
    m_socket->write(kContinue);
    m_socket->flush();
}

void HttpServerConnection::flushInOrder()
{
    if (!m_socket || m_goneNotified)
        return; // nobody reads it any more
    bool wrote = false;
    const qint64 nowWallMs = m_clock->wallMs();
    while (!m_pending.empty() && m_pending.front().done) {
        Pending &front = m_pending.front();
        const bool lastBeforeClose = m_closing && m_pending.size() == 1;
        appendSerializedResponse(m_out, front.response, front.head, front.keepAlive && !lastBeforeClose, nowWallMs);
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
    m_lastActivityMs = nowMs();
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
    if (m_inTransaction) {
        m_socket->commitTransaction();
        m_inTransaction = false;
    }
    HttpResponse response;
    if (m_options->refusal) {
        response = m_options->refusal(status);
    } else {
        response.status = status;
        response.setHeader("Content-Type", "application/json");
        response.body = "{\"message\":\"" + reasonPhrase(status) + "\"}";
    }
    m_handler->protocolError(status, m_peerIp, response);
    const quint64 sequence = m_nextSequence++;
    m_pending.push_back(Pending{sequence, false, false, true, std::move(response), {}});
    m_closing = true;
    flushInOrder();
}

void HttpServerConnection::acceptUpgrade(QWebSocketServer *server)
{
    if (!m_upgrading || !m_socket)
        return;
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        closeNow(); // the client left while the decision was made: nothing to hand over
        return;
    }
    // The handshake's bytes go back into the socket's buffer; QWebSocketServer reads them as
    // from a fresh connection and answers 101 itself.
    QTcpSocket *socket = m_socket;
    m_socket->rollbackTransaction();
    socket->disconnect(this);
    socket->setParent(nullptr);
    m_socket = nullptr;
    m_upgrading = false;
    server->handleConnection(socket);
    emit closed();
    deleteLater();
}

TakenSocket HttpServerConnection::takeUpgradedSocket()
{
    TakenSocket taken;
    if (!m_upgrading || !m_socket)
        return taken;
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        closeNow();
        return taken;
    }
    // Everything read since the connection opened comes back; what follows the handshake's
    // headers (a GET has no body) is the client's first frames.
    m_socket->rollbackTransaction();
    const QByteArray all = m_socket->readAll();
    const qsizetype end = all.indexOf("\r\n\r\n");
    if (end >= 0)
        taken.pending = all.mid(end + 4);
    m_upgrading = false;
    m_socket->disconnect(this);
    if (qobject_cast<QSslSocket *>(m_socket)) {
        // TLS stays in the socket object: it goes over as it is.
        m_socket->setParent(nullptr);
        taken.socket = std::exchange(m_socket, nullptr);
    } else {
        // A duplicate outlives the socket object: closing one descriptor does not end the connection.
        taken.descriptor = ::fcntl(int(m_socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
        m_socket->abort();
    }
    emit closed();
    deleteLater();
    return taken;
}

void HttpServerConnection::rejectUpgrade(HttpResponse response)
{
    if (!m_upgrading || !m_socket)
        return;
    m_socket->commitTransaction();
    m_upgrading = false;
    m_closing = true;
    const quint64 sequence = m_nextSequence++;
    m_pending.push_back(Pending{sequence, false, false, true, std::move(response), {}});
    flushInOrder();
}

PendingUpgrade::PendingUpgrade(HttpRequest request, HttpServerConnection *connection)
    : m_request(std::move(request)), m_connection(connection),
      m_home(connection->parent() ? connection->parent() : connection)
{
}

PendingUpgrade::~PendingUpgrade()
{
    if (m_decided || !m_connection)
        return;
    HttpResponse response;
    response.status = 500;
    response.setHeader("Content-Type", "application/json");
    response.body = R"({"message":"Internal Server Error"})";
    // The last holder may be on another thread: the connection is only touched on its own.
    QMetaObject::invokeMethod(
        m_connection.data(),
        [connection = m_connection, response = std::move(response)]() mutable {
            if (connection)
                connection->rejectUpgrade(std::move(response));
        },
        Qt::AutoConnection);
}

void PendingUpgrade::accept(QWebSocketServer *server)
{
    if (std::exchange(m_decided, true))
        return;
    if (m_connection)
        m_connection->acceptUpgrade(server);
}

TakenSocket PendingUpgrade::take()
{
    if (std::exchange(m_decided, true) || !m_connection)
        return {};
    return m_connection->takeUpgradedSocket();
}

void PendingUpgrade::reject(HttpResponse response)
{
    if (std::exchange(m_decided, true))
        return;
    if (m_connection)
        m_connection->rejectUpgrade(std::move(response));
}

bool isWebSocketUpgrade(const HttpRequest &request)
{
    if (request.method != "GET" || request.header("upgrade").compare("websocket", Qt::CaseInsensitive) != 0)
        return false;
    for (const QByteArray &token : request.header("connection").split(','))
        if (token.trimmed().compare("upgrade", Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace gw
