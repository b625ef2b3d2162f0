#pragma once
// The front door of a WebSocket API's listener: handshakes decided by the $connect route (the
// upgrade waits for its integration), each text message through the route selection and the
// route's chain, $disconnect when the connection ends, and the @connections management API on
// the same port (/STAGE/@connections/ID), as the service serves both on one domain.
#include "../config/compiled_project.h"
#include "../net/http_handler.h"
#include "../observability/websocket_session_feed.h"
#include "../websocket/connection_registry.h"
#include "../websocket/websocket_connection.h"

#include <memory>

namespace gw {

class WebSocketApiFrontend : public HttpHandler, public std::enable_shared_from_this<WebSocketApiFrontend> {
public:
    // sessions: where opened and closed connections and their frames are reported (null: nowhere).
    WebSocketApiFrontend(quint32 listenerId, QString apiKey = {}, std::shared_ptr<WebSocketSessionFeed> sessions = {},
                         WebSocketLimits limits = WebSocketLimits::service());

    void handle(const HttpExchangePtr &exchange) override;
    void upgrade(const PendingUpgradePtr &upgrade) override;

    const std::shared_ptr<ConnectionRegistry> &registry() const { return m_registry; }

private:
    struct Connecting;
    void accept(const PendingUpgradePtr &upgrade, const ConnectionStatePtr &state, const QByteArray &subprotocol);
    void message(WebSocketConnection *connection, QObject *home, const QByteArray &text);
    void disconnected(const ConnectionStatePtr &state, QObject *home, int code, const QByteArray &reason);
    void manage(const HttpExchangePtr &exchange, const QByteArray &connectionId);
    WebSocketSessionEvent sessionEvent(WebSocketSessionEvent::Kind kind, const ConnectionState &state, qint64 timeMs) const;

    quint32 m_listenerId;
    QString m_apiKey;
    std::shared_ptr<WebSocketSessionFeed> m_sessions;
    WebSocketLimits m_limits;
    std::shared_ptr<ConnectionRegistry> m_registry = std::make_shared<ConnectionRegistry>();
};

} // namespace gw
