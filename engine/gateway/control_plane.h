#pragma once
// The gateway's control plane, on a thread of its own: compiles a project, binds or reuses the
// listeners, publishes the snapshot to every worker and the functions to the runtime. A deploy
// that fails (a port taken) changes nothing: what served keeps serving.
#include "../api/clock.h"
#include "../model/project.h"
#include "../websocket/connect_authorizer.h"
#include "../websocket/websocket_limits.h"
#include "endpoint.h"

#include <QHostAddress>
#include <QObject>
#include <memory>

namespace gw {

class WorkerPool;
class FunctionRuntime;
class AccessLogSink;
class HttpListener;
class ConnectionDirectory;
class ConnectionRegistry;
class WebSocketSessionFeed;

struct ControlPlaneOptions {
    QHostAddress host = QHostAddress::LocalHost;
    int basePort = -1; // >= 0: API i listens on basePort + i (0 = ephemeral for all)
    WebSocketLimits webSocketLimits = WebSocketLimits::service();
    ConnectAuthorizerPtr webSocketAuthorizer;
};

class ControlPlane : public QObject {
    Q_OBJECT
public:
    // connections is kept current with each WebSocket API's registry; sessions (may be null) gets
    // their session events.
    ControlPlane(ControlPlaneOptions options, ClockPtr clock, WorkerPool *workers, std::shared_ptr<FunctionRuntime> runtime,
                 std::shared_ptr<AccessLogSink> accessLog, std::shared_ptr<ConnectionDirectory> connections,
                 std::shared_ptr<WebSocketSessionFeed> sessions);
    ~ControlPlane() override;

    // Run on the control plane's thread.
    DeployResult deploy(const Project &project, const QString &baseDir, quint64 id);
    void closeAll();

private:
    struct Listener {
        std::string apiKey;
        int requestedPort = 0;
        quint32 id = 0;
        HttpListener *server = nullptr;
        quint16 boundPort = 0;
        std::shared_ptr<ConnectionRegistry> connections; // WebSocket APIs
    };
    void publishConnections();

    ControlPlaneOptions m_options;
    ClockPtr m_clock;
    WorkerPool *m_workers;
    std::shared_ptr<FunctionRuntime> m_runtime;
    std::shared_ptr<AccessLogSink> m_accessLog;
    std::shared_ptr<ConnectionDirectory> m_connections;
    std::shared_ptr<WebSocketSessionFeed> m_sessions;
    std::vector<Listener> m_listeners;
    quint32 m_nextListenerId = 1;
};

} // namespace gw
