#include "websocket_connection.h"

#include "../common/limits.h"
#include "../net/dead_peer_detection.h"
#include "connection_registry.h"
#include "websocket_frames.h"

#include <QSocketNotifier>
#include <QTcpSocket>

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace gw {

namespace {
// How long a closing connection waits for the client's Close frame before it drops the socket.
constexpr qint64 kCloseGraceMs = 5000;
} // namespace

WebSocketConnection::WebSocketConnection(TakenSocket taken, const QByteArray &handshakeResponse, ConnectionStatePtr state,
                                         std::shared_ptr<ConnectionRegistry> registry, ClockPtr clock, WebSocketLimits limits,
                                         QObject *parent)
    : QObject(parent), m_fd(taken.descriptor), m_socket(taken.socket), m_state(std::move(state)), m_registry(std::move(registry)),
      m_clock(std::move(clock)), m_limits(limits), m_in(std::move(taken.pending))
{
    if (m_socket) {
        m_socket->setParent(this);
        connect(m_socket, &QTcpSocket::readyRead, this, &WebSocketConnection::onSocketReadable);
        connect(m_socket, &QTcpSocket::disconnected, this, [this] {
            if (m_open)
                finish(m_closing && m_closeCode ? m_closeCode : 1006, m_closing ? m_closeReason : QByteArray());
        });
    } else {
        m_readNotifier = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Read, this);
        connect(m_readNotifier, &QSocketNotifier::activated, this, &WebSocketConnection::onReadable);
        m_writeNotifier = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Write, this);
        m_writeNotifier->setEnabled(false);
        connect(m_writeNotifier, &QSocketNotifier::activated, this, &WebSocketConnection::onWritable);
    }
    enableDeadPeerDetection(m_socket ? int(m_socket->socketDescriptor()) : m_fd);
    m_lastActiveNs = m_clock->monotonicNs();
    m_state->lastActiveAtMs = m_clock->wallMs();
    if (m_limits.idleMs > 0)
        m_idle = m_clock->startTimer(this, m_limits.idleMs, [this] { checkIdle(); });
    if (m_limits.lifetimeMs > 0)
        m_lifetime = m_clock->startTimer(this, m_limits.lifetimeMs, [this] {
            // "Connection duration for WebSocket API: 2 hours" (quotas): Going away, as at idle.
            close(1001, QStringLiteral("Going away"));
        });
    m_registry->add(m_state, this);
    write(handshakeResponse);
    if (!m_in.isEmpty() || (m_socket && m_socket->bytesAvailable() > 0))
        QMetaObject::invokeMethod(this, m_socket ? &WebSocketConnection::onSocketReadable : &WebSocketConnection::process,
                                  Qt::QueuedConnection);
}

WebSocketConnection::~WebSocketConnection()
{
    if (m_open)
        m_registry->remove(m_state->connectionId);
    if (m_fd >= 0)
        ::close(m_fd);
}

void WebSocketConnection::touch()
{
    m_lastActiveNs = m_clock->monotonicNs();
    m_state->lastActiveAtMs.store(m_clock->wallMs(), std::memory_order_relaxed);
}

void WebSocketConnection::checkIdle()
{
    const qint64 idleFor = (m_clock->monotonicNs() - m_lastActiveNs) / 1'000'000;
    if (idleFor >= m_limits.idleMs) {
        // "Idle Connection Timeout: 10 minutes" (quotas); captured $disconnect: 1001 "Going away".
        close(1001, QStringLiteral("Going away"));
        return;
    }
    m_idle->start(m_limits.idleMs - idleFor);
}

void WebSocketConnection::onReadable()
{
    // One read buffer per thread: idle connections hold no read memory of their own.
    thread_local char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            m_in.append(buffer, qsizetype(n));
            if (n < ssize_t(sizeof buffer))
                break;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n < 0 && errno == EINTR)
            continue;
        // The peer closed the TCP connection (or it broke): without its Close frame that is 1006.
        process();
        if (m_open)
            finish(m_closing && m_closeCode ? m_closeCode : 1006, m_closing ? m_closeReason : QByteArray());
        return;
    }
    process();
}

void WebSocketConnection::onSocketReadable()
{
    thread_local char buffer[64 * 1024];
    while (m_open && m_socket->bytesAvailable() > 0) {
        const qint64 n = m_socket->read(buffer, sizeof buffer);
        if (n <= 0)
            break;
        m_in.append(buffer, qsizetype(n));
    }
    process();
}

void WebSocketConnection::process()
{
    qsizetype at = 0;
    while (m_open && at < m_in.size()) {
        ws::ParsedFrame frame = ws::parseClientFrame(m_in.constData() + at, m_in.size() - at, m_limits.maxFrameBytes);
        if (frame.status == ws::ParsedFrame::Status::NeedMore)
            break;
        if (frame.status == ws::ParsedFrame::Status::Error) {
            // Over the 32 KB frame quota: 1009, as the quotas page says the service closes.
            fail(frame.closeCode, frame.closeCode == 1009 ? "Message too big" : "Protocol error");
            at = m_in.size();
            break;
        }
        at += frame.consumed;
        if (!handleFrame(int(frame.opcode), frame.fin, frame.payload))
            break;
    }
    if (at >= m_in.size())
        m_in.clear(); // releases the frame's memory once it is read whole
    else if (at > 0)
        m_in.remove(0, at);
}

bool WebSocketConnection::handleFrame(int opcode, bool fin, QByteArray &payload)
{
    switch (ws::Opcode(opcode)) {
    case ws::Opcode::Ping:
        touch();
        write(ws::serverFrame(ws::Opcode::Pong, payload));
        return true;
    case ws::Opcode::Pong:
        touch();
        return true;
    case ws::Opcode::Close: {
        int code = 1005; // "Client-side close frame status not set" (a captured $disconnect reason)
        QByteArray reason;
        if (payload.size() >= 2) {
            code = (quint8(payload[0]) << 8) | quint8(payload[1]);
            reason = payload.mid(2);
        } else if (payload.size() == 1) {
            fail(1002, "Protocol error");
            return false;
        }
        if (!m_closing) {
            // The client's close: answered with its code (§5.5.1), then the socket ends.
            m_closing = true;
            m_closeCode = code;
            m_closeReason = reason;
            write(ws::serverFrame(ws::Opcode::Close, payload.size() >= 2 ? ws::closePayload(code, {}) : QByteArray()));
        }
        m_shutAfterWrite = true;
        if (m_out.isEmpty())
            finish(m_closeCode, m_closeReason);
        return false;
    }
    case ws::Opcode::Binary:
        // "API Gateway WebSocket APIs don't currently support binary frames in incoming message
        // payloads. If a client app sends a binary frame, API Gateway rejects it and disconnects the
        // client with code 1003" (websocket-api-develop-binary-media-types.html).
        fail(1003, "Binary frames are not supported");
        return false;
    case ws::Opcode::Text:
        if (m_inMessage) {
            fail(1002, "Protocol error");
            return false;
        }
        if (fin) {
            touch();
            if (!ws::isValidUtf8(payload)) {
                fail(1007, "Invalid UTF-8");
                return false;
            }
            if (m_closing)
                return true;
            m_state->messagesIn.fetch_add(1, std::memory_order_relaxed);
            m_state->bytesIn.fetch_add(quint64(payload.size()), std::memory_order_relaxed);
            if (onMessage)
                onMessage(payload);
            return true;
        }
        m_inMessage = true;
        m_message = std::move(payload);
        return true;
    case ws::Opcode::Continuation: {
        if (!m_inMessage) {
            fail(1002, "Protocol error");
            return false;
        }
        if (m_message.size() + payload.size() > m_limits.maxMessageBytes) {
            fail(1009, "Message too big"); // "Message payload size: 128 KB" (quotas)
            return false;
        }
        m_message += payload;
        if (!fin)
            return true;
        m_inMessage = false;
        touch();
        QByteArray message = std::exchange(m_message, QByteArray());
        if (!ws::isValidUtf8(message)) {
            fail(1007, "Invalid UTF-8");
            return false;
        }
        if (m_closing)
            return true;
        m_state->messagesIn.fetch_add(1, std::memory_order_relaxed);
        m_state->bytesIn.fetch_add(quint64(message.size()), std::memory_order_relaxed);
        if (onMessage)
            onMessage(message);
        return true;
    }
    }
    return true;
}

void WebSocketConnection::write(const QByteArray &bytes)
{
    if (!m_open)
        return;
    if (m_socket) {
        m_socket->write(bytes);
        return;
    }
    if (m_fd < 0)
        return;
    if (!m_out.isEmpty()) {
        m_out += bytes;
        return;
    }
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
        if (n > 0) {
            sent += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_out = bytes.mid(sent);
            m_writeNotifier->setEnabled(true);
            return;
        }
        return; // broken: the read side reports the end
    }
}

void WebSocketConnection::onWritable()
{
    while (!m_out.isEmpty()) {
        const ssize_t n = ::send(m_fd, m_out.constData(), size_t(m_out.size()), MSG_NOSIGNAL);
        if (n > 0) {
            m_out.remove(0, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        m_out.clear();
        break;
    }
    m_out = QByteArray(); // no capacity kept
    m_writeNotifier->setEnabled(false);
    if (m_shutAfterWrite && m_open)
        finish(m_closeCode, m_closeReason);
}

void WebSocketConnection::send(const QByteArray &text)
{
    if (!isOpen())
        return;
    touch();
    m_state->messagesOut.fetch_add(1, std::memory_order_relaxed);
    m_state->bytesOut.fetch_add(quint64(text.size()), std::memory_order_relaxed);
    write(ws::serverFrame(ws::Opcode::Text, text));
    if (onSent)
        onSent(text);
}

void WebSocketConnection::close(int code, const QString &reason)
{
    if (!m_open || m_closing)
        return;
    m_closing = true;
    m_closeCode = code;
    m_closeReason = reason.toUtf8();
    write(ws::serverFrame(ws::Opcode::Close, ws::closePayload(code, m_closeReason)));
    // The client answers with its Close frame; one that never does is dropped after a while.
    m_closeGrace = m_clock->startTimer(this, kCloseGraceMs, [this] {
        if (m_open)
            finish(m_closeCode, m_closeReason);
    });
}

void WebSocketConnection::fail(int code, const char *reason)
{
    if (m_closing) {
        finish(m_closeCode, m_closeReason);
        return;
    }
    close(code, QString::fromLatin1(reason));
    m_shutAfterWrite = true; // a protocol error ends the connection once the Close frame is out
    if (m_out.isEmpty())
        finish(code, reason);
}

void WebSocketConnection::finish(int code, const QByteArray &reason)
{
    if (!m_open)
        return;
    m_open = false;
    m_idle.reset();
    m_lifetime.reset();
    m_closeGrace.reset();
    m_registry->remove(m_state->connectionId);
    if (m_socket) {
        // Written out before the socket goes (a Close frame may still be queued in it).
        m_socket->disconnect(this);
        m_socket->setParent(nullptr);
        QTcpSocket *socket = std::exchange(m_socket, nullptr);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
    } else {
        m_readNotifier->setEnabled(false);
        m_writeNotifier->setEnabled(false);
        ::shutdown(m_fd, SHUT_RDWR);
        ::close(m_fd);
        m_fd = -1;
    }
    m_in = QByteArray();
    m_out = QByteArray();
    m_message = QByteArray();
    if (onClosed)
        onClosed(code, reason);
    deleteLater();
}

} // namespace gw
