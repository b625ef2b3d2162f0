#pragma once
// What is known about one WebSocket connection, readable from any thread (the @connections API
// and the window read it while the connection lives on its worker).
#include "../observability/authorizer_context.h"

#include <QByteArray>
#include <QHostAddress>

#include <atomic>
#include <memory>

class QObject;

namespace gw {

class WebSocketConnection;

struct ConnectionState {
    QByteArray connectionId;
    QByteArray stage;
    QByteArray sourceIp;
    QByteArray userAgent;
    QByteArray domainName;
    qint64 connectedAtMs = 0;
    AuthorizerContextPtr authorizer; // set by the $connect authorizer before the connection opens, then fixed
    std::atomic<qint64> lastActiveAtMs{0};
    std::atomic<quint64> messagesIn{0};
    std::atomic<quint64> messagesOut{0};
    std::atomic<quint64> bytesIn{0};
    std::atomic<quint64> bytesOut{0};
};

using ConnectionStatePtr = std::shared_ptr<ConnectionState>;

} // namespace gw
