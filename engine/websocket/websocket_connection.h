#pragma once
// One client's WebSocket connection, on the worker thread that accepted it: the service's limits
// (message and frame size, binary frames refused, idle time, lifetime), the activity counters,
// and the frames in and out. What a message means (routing) is its owner's business.
#include "../api/clock.h"
#include "connection_state.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QWebSocket;

namespace gw {

class ConnectionRegistry;

struct WebSocketLimits {
    qint64 idleMs = 0;
    qint64 lifetimeMs = 0;
    qsizetype maxMessageBytes = 0;
    qsizetype maxFrameBytes = 0;
    static WebSocketLimits service(); // the quotas of limits.h
};

class WebSocketConnection : public QObject {
    Q_OBJECT
public:
    // Takes the socket. Registers in registry while it is open.
    WebSocketConnection(QWebSocket *socket, ConnectionStatePtr state, std::shared_ptr<ConnectionRegistry> registry,
                        ClockPtr clock, WebSocketLimits limits, QObject *parent = nullptr);
    ~WebSocketConnection() override;

    const ConnectionStatePtr &state() const { return m_state; }
    bool isOpen() const { return m_open; }
    // A text frame to the client (a route response, @connections POST).
    void send(const QByteArray &text);
    void close(int code, const QString &reason);

    // Set before any event can arrive (at construction's end the socket is open).
    std::function<void(const QByteArray &text)> onMessage;
    // Once, when the connection ended for any reason: the close code and reason the $disconnect
    // event carries. The object deletes itself afterwards.
    std::function<void(int code, const QByteArray &reason)> onClosed;

private:
    void onText(const QString &text);
    void onTextFrame(const QString &frame, bool last);
    void onBinary();
    void onDisconnected();
    void checkIdle();
    void touch();

    QWebSocket *m_socket;
    ConnectionStatePtr m_state;
    std::shared_ptr<ConnectionRegistry> m_registry;
    ClockPtr m_clock;
    WebSocketLimits m_limits;
    bool m_open = true;
    qint64 m_lastActiveNs = 0;
    // Why the gateway closed it (the code and reason $disconnect reports); 0: the client did.
    int m_closeCode = 0;
    QByteArray m_closeReason;
    bool m_closeFrameSeen = false; // Qt began a close handshake (the client's close frame, or ours)
    std::unique_ptr<ClockTimer> m_idle;
    std::unique_ptr<ClockTimer> m_lifetime;
};

} // namespace gw
