#include "websocket_connection.h"

#include "../common/limits.h"
#include "connection_registry.h"

#include <QLoggingCategory>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcWs, "gw.ws", QtInfoMsg)

namespace gw {

WebSocketLimits WebSocketLimits::service()
{
    return WebSocketLimits{limits::kWebSocketIdleMs, limits::kWebSocketLifetimeMs, limits::kWebSocketMaxMessageBytes,
                           limits::kWebSocketMaxFrameBytes};
}

WebSocketConnection::WebSocketConnection(QWebSocket *socket, ConnectionStatePtr state, std::shared_ptr<ConnectionRegistry> registry,
                                         ClockPtr clock, WebSocketLimits limits, QObject *parent)
    : QObject(parent), m_socket(socket), m_state(std::move(state)), m_registry(std::move(registry)), m_clock(std::move(clock)),
      m_limits(limits)
{
    m_socket->setParent(this);
    // Qt refuses what passes these itself, with close 1009 (the code the service closes with).
    m_socket->setMaxAllowedIncomingMessageSize(quint64(m_limits.maxMessageBytes));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(m_limits.maxFrameBytes));
    connect(m_socket, &QWebSocket::textMessageReceived, this, &WebSocketConnection::onText);
    connect(m_socket, &QWebSocket::binaryFrameReceived, this, &WebSocketConnection::onBinary);
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketConnection::onDisconnected);
    // A client that leaves without a close frame: Qt still reports 1000, the service 1006. Qt
    // starts its closing (aboutToClose) only on a close frame or a close of ours.
    connect(m_socket, &QWebSocket::aboutToClose, this, [this] { m_closeFrameSeen = true; });
    m_lastActiveNs = m_clock->monotonicNs();
    m_state->lastActiveAtMs = m_clock->wallMs();
    if (m_limits.idleMs > 0)
        m_idle = m_clock->startTimer(this, m_limits.idleMs, [this] { checkIdle(); });
    if (m_limits.lifetimeMs > 0)
        m_lifetime = m_clock->startTimer(this, m_limits.lifetimeMs, [this] {
            // "Connection duration for WebSocket API: 2 hours" (quotas); the service says Going away.
            close(1001, QStringLiteral("Going away"));
        });
    m_registry->add(m_state, this);
}

WebSocketConnection::~WebSocketConnection()
{
    if (m_open)
        m_registry->remove(m_state->connectionId);
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
        close(1001, QStringLiteral("Going away"));
        return;
    }
    m_idle->start(m_limits.idleMs - idleFor);
}

void WebSocketConnection::onText(const QString &text)
{
    touch();
    const QByteArray bytes = text.toUtf8();
    m_state->messagesIn.fetch_add(1, std::memory_order_relaxed);
    m_state->bytesIn.fetch_add(quint64(bytes.size()), std::memory_order_relaxed);
    if (onMessage)
        onMessage(bytes);
}

void WebSocketConnection::onBinary()
{
    // "API Gateway WebSocket APIs don't currently support binary frames in incoming message
    // payloads. If a client app sends a binary frame, API Gateway rejects it and disconnects the
    // client with code 1003" (websocket-api-develop-binary-media-types.html).
    if (m_closeCode == 0)
        close(1003, QStringLiteral("Binary frames are not supported"));
}

void WebSocketConnection::send(const QByteArray &text)
{
    if (!m_open)
        return;
    touch();
    m_state->messagesOut.fetch_add(1, std::memory_order_relaxed);
    m_state->bytesOut.fetch_add(quint64(text.size()), std::memory_order_relaxed);
    m_socket->sendTextMessage(QString::fromUtf8(text));
}

void WebSocketConnection::close(int code, const QString &reason)
{
    if (!m_open || m_closeCode != 0)
        return;
    m_closeCode = code;
    m_closeReason = reason.toUtf8();
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void WebSocketConnection::onDisconnected()
{
    if (!m_open)
        return;
    m_open = false;
    m_idle.reset();
    m_lifetime.reset();
    m_registry->remove(m_state->connectionId);
    int code = m_closeCode;
    QByteArray reason = m_closeReason;
    if (code == 0) {
        // The client's close frame, Qt's own refusal of an oversize message (1009), or 1006 for a
        // client that left without a close frame.
        const bool abnormal = !m_closeFrameSeen;
        code = abnormal ? 1006 : int(m_socket->closeCode());
        reason = abnormal ? QByteArray() : m_socket->closeReason().toUtf8();
    }
    if (onClosed)
        onClosed(code, reason);
    deleteLater();
}

} // namespace gw
