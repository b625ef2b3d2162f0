#pragma once
// One client's WebSocket connection, on the worker thread that accepted it, speaking RFC 6455 on
// the socket's descriptor itself (a few hundred bytes per idle connection, where a QWebSocket
// keeps its socket's 16 KiB read block): the service's limits (frame and message size, binary
// frames refused, idle time, lifetime), the close handshake, activity counters. What a message
// means (routing) is its owner's business.
#include "../api/clock.h"
#include "../net/pending_upgrade.h"
#include "connection_state.h"
#include "websocket_limits.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QSocketNotifier;
class QTcpSocket;

namespace gw {

class ConnectionRegistry;

class WebSocketConnection : public QObject {
    Q_OBJECT
public:
    // Takes the socket (a plain connection's descriptor, or a TLS connection's socket object),
    // writes handshakeResponse (the 101), then reads its pending bytes (what came with the
    // handshake) as the first input. Registers in registry while it is open.
    WebSocketConnection(TakenSocket socket, const QByteArray &handshakeResponse, ConnectionStatePtr state,
                        std::shared_ptr<ConnectionRegistry> registry, ClockPtr clock, WebSocketLimits limits,
                        QObject *parent = nullptr);
    ~WebSocketConnection() override;

    const ConnectionStatePtr &state() const { return m_state; }
    bool isOpen() const { return m_open && !m_closing; }
    // A text frame to the client (a route response, @connections POST).
    void send(const QByteArray &text);
    // Starts the close handshake: a Close frame, then the socket ends when the client answers
    // (or after a grace period).
    void close(int code, const QString &reason);

    // Set before the event loop runs again after construction.
    std::function<void(const QByteArray &text)> onMessage;
    // Each text frame as it goes out (a route response, a push): for the window's frames view.
    std::function<void(const QByteArray &text)> onSent;
    // Once, when the connection ended for any reason: the close code and reason the $disconnect
    // event carries. The object deletes itself afterwards.
    std::function<void(int code, const QByteArray &reason)> onClosed;

private:
    void onReadable();
    void onSocketReadable(); // TLS: the socket object decrypts
    void received(const char *data, qsizetype size);
    void onWritable();
    void process();
    bool handleFrame(int opcode, bool fin, QByteArray &payload);
    void write(const QByteArray &bytes);
    void fail(int code, const char *reason); // a protocol error: close with code
    void finish(int code, const QByteArray &reason);
    void checkIdle();
    void touch();

    int m_fd = -1;
    QTcpSocket *m_socket = nullptr; // TLS connections
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    ConnectionStatePtr m_state;
    std::shared_ptr<ConnectionRegistry> m_registry;
    ClockPtr m_clock;
    WebSocketLimits m_limits;
    QByteArray m_in;       // bytes of a frame not complete yet
    QByteArray m_out;      // what the kernel did not take yet
    QByteArray m_message;  // a fragmented text message being assembled
    bool m_inMessage = false;
    bool m_open = true;
    bool m_closing = false;      // our Close frame went out (or the client's came)
    bool m_shutAfterWrite = false;
    int m_closeCode = 0;         // what $disconnect reports
    QByteArray m_closeReason;
    qint64 m_lastActiveNs = 0;
    std::unique_ptr<ClockTimer> m_idle;
    std::unique_ptr<ClockTimer> m_lifetime;
    std::unique_ptr<ClockTimer> m_closeGrace;
};

} // namespace gw
