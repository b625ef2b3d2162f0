#pragma once
// One thing that happened on a WebSocket connection, as the window's sessions and frames views
// read it (a plain value): the connection opened, a text frame came in or went out, it closed.
#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace gw {

struct WebSocketSessionEvent {
    enum class Kind { Opened, Received, Sent, Closed };
    Kind kind = Kind::Opened;
    QString apiKey;
    QByteArray connectionId;
    QByteArray stage;
    qint64 timeMs = 0;     // wall clock, ms since the epoch
    QByteArray text;       // Received, Sent: the frame's text (shared, not copied)
    QByteArray messageId;  // Received: the $context.messageId its access-log entry carries
    QByteArray sourceIp;   // Opened
    QByteArray userAgent;  // Opened
    QByteArray authorizer; // Opened: the authorizer's requestContext.authorizer object as JSON, when one ran
    int closeCode = 0;     // Closed: what $disconnect reports (1005 none given, 1006 vanished)
    QByteArray closeReason;
};

} // namespace gw

Q_DECLARE_METATYPE(gw::WebSocketSessionEvent)
