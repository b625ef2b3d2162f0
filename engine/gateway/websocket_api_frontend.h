#pragma once
// The front door of a WebSocket API's listener: handshakes decided by the $connect route (the
// upgrade waits for its integration), each text message through the route selection and the
// route's chain, $disconnect when the connection ends, and the @connections management API on
// the same port (/STAGE/@connections/ID), as the service serves both on one domain.
#include "../config/compiled_project.h"
#include "../net/http_handler.h"
#include "../observability/websocket_session_feed.h"
#include "../websocket/connect_authorizer.h"
#include "../websocket/connection_registry.h"
#include "../websocket/websocket_connection.h"

#include <memory>

namespace gw {

class WebSocketApiFrontend : public HttpHandler, public std::enable_shared_from_this<WebSocketApiFrontend> {
public:
    // sessions: where opened and closed connections and their frames are reported (null: nowhere);
    // authorizer: decides handshakes whose $connect route names an authorization type (null: none
    // is enforced, as the project loader warns).
    WebSocketApiFrontend(quint32 listenerId, QString apiKey = {}, std::shared_ptr<WebSocketSessionFeed> sessions = {},
                         WebSocketLimits limits = WebSocketLimits::service(), ConnectAuthorizerPtr authorizer = {});

    void handle(const HttpExchangePtr &exchange) override;
    void upgrade(const PendingUpgradePtr &upgrade) override;

    const std::shared_ptr<ConnectionRegistry> &registry() const { return m_registry; }

private:
    struct Connecting;
    void runConnect(const PendingUpgradePtr &upgrade, const ConnectionStatePtr &state);
    void accept(const PendingUpgradePtr &upgrade, const ConnectionStatePtr &state, const QByteArray &subprotocol);
    void message(WebSocketConnection *connection, QObject *home, const QByteArray &text);
    void disconnected(const ConnectionStatePtr &state, QObject *home, int code, const QByteArray &reason);
    void manage(const HttpExchangePtr &exchange, const QByteArray &connectionId);
    WebSocketSessionEvent sessionEvent(WebSocketSessionEvent::Kind kind, const ConnectionState &state, qint64 timeMs) const;

    quint32 m_listenerId;
    QString m_apiKey;
    std::shared_ptr<WebSocketSessionFeed> m_sessions;
    WebSocketLimits m_limits;
    ConnectAuthorizerPtr m_authorizer;
    std::shared_ptr<ConnectionRegistry> m_registry = std::make_shared<ConnectionRegistry>();
};

} // namespace gw
