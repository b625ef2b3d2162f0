#pragma once
// The in-process gateway: worker threads serving each API's listener, the function runtime, the
// control plane that deploys edits (on its own thread) and the access-log stream. Lives on the
// caller's thread; deploy() never blocks it, start()/update() wait for the deploy's result.
#include "../api/clock.h"
#include "../model/project.h"
#include "../observability/access_log_entry.h"
#include "../observability/function_output_feed.h"
#include "../observability/websocket_session_event.h"
#include "../websocket/connect_authorizer.h"
#include "../websocket/websocket_limits.h"
#include "endpoint.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>
#include <QTimer>
#include <QVector>
#include <memory>

namespace gw {

class WorkerPool;
class FunctionRuntime;
class AccessLogSink;
class ControlPlane;
class ConnectionDirectory;
class ConnectionRegistry;
class WebSocketSessionFeed;

struct GatewayOptions {
    QHostAddress host = QHostAddress::LocalHost;
    int basePort = -1;          // >= 0: API i listens on basePort + i (0 = ephemeral for all)
    int workerThreads = 0;      // 0 = one per core
    int flushIntervalMs = 33;   // access-log batches to the UI at most ~30 Hz
    ClockPtr clock;             // null: the system clock
    int captureBodyLimit = 0;   // > 0: each request's bodies and headers are kept (up to this many bytes a body) for the monitor
    bool webSocketSessions = false; // WebSocket connections and frames are reported (webSocketBatch), for the window
    bool executionNotes = true; // false: traces keep their spans' timings but no log lines (serve without --execution-log)
    WebSocketLimits webSocketLimits = WebSocketLimits::service(); // the service's quotas unless a test sets smaller ones
    ConnectAuthorizerPtr webSocketAuthorizer; // decides $connect routes with an authorization type (null: not enforced)
};

class Gateway : public QObject {
    Q_OBJECT
public:
    explicit Gateway(GatewayOptions options = {}, QObject *parent = nullptr);
    ~Gateway() override;

    // Starts serving the project and waits for the first deploy. False (and error) when a port
    // cannot be bound; the gateway is then stopped.
    bool start(const Project &project, const QString &baseDir, QString *error);
    // Applies an edited project and waits: new requests see it at once, requests in flight finish
    // on the old one. On failure nothing changed.
    bool update(const Project &project, const QString &baseDir, QString *error);
    // The same without waiting (starting the gateway when it is stopped): deployFinished tells
    // how it went. Returns the deploy's id.
    quint64 deploy(const Project &project, const QString &baseDir);
    void stop();

    bool isRunning() const { return m_running; }
    QVector<Endpoint> endpoints() const { return m_endpoints; }
    FunctionRuntime *runtime() const { return m_runtime.get(); }
    const GatewayOptions &options() const { return m_options; }
    // The live connections of a WebSocket API (null when it is not served): what @connections
    // reaches, for the window's push and disconnect. Safe from any thread.
    std::shared_ptr<ConnectionRegistry> connections(const QString &apiKey) const;

signals:
    void accessLogBatch(const QVector<gw::AccessLogEntry> &entries);
    // With GatewayOptions::webSocketSessions, at the access log's pace.
    void webSocketBatch(const QVector<gw::WebSocketSessionEvent> &events);
    // Emitted on the function runtime thread, one line at a time; connect with Qt::QueuedConnection
    // (or AutoConnection from another thread) to read it elsewhere.
    void functionOutput(const QString &functionName, const QByteArray &requestId, const QString &text);
    // The same lines in batches at the access log's pace, on the gateway's thread: what a log view
    // or a terminal reads (a queued signal per line would wake that thread on every invocation).
    void functionOutputBatch(const QVector<gw::FunctionOutputLine> &lines);
    // How many processes a function has alive (the designer shows its warm processes).
    void functionProcessCount(const QString &functionName, int processes);
    void runningChanged(bool running);
    void endpointsChanged();
    void deployStarted(quint64 id);
    void deployFinished(const gw::DeployResult &result);

private:
    void ensureStarted();
    DeployResult deployAndWait(const Project &project, const QString &baseDir);
    void applyResult(const DeployResult &result, bool startingDeploy);
    void flushLogs();

    GatewayOptions m_options;
    QThread m_controlThread;
    ControlPlane *m_control = nullptr; // lives on m_controlThread
    std::unique_ptr<WorkerPool> m_workers;
    std::shared_ptr<FunctionRuntime> m_runtime;
    std::shared_ptr<AccessLogSink> m_accessLog;
    std::shared_ptr<FunctionOutputFeed> m_functionOutput;
    std::shared_ptr<ConnectionDirectory> m_connections;
    std::shared_ptr<WebSocketSessionFeed> m_sessions;
    QVector<Endpoint> m_endpoints;
    QTimer m_flushTimer;
    bool m_running = false;
    bool m_servedOnce = false; // a deploy succeeded since start
    quint64 m_nextDeployId = 1;
    quint64 m_appliedDeployId = 0; // the newest deploy whose result was applied
    quint64 m_epoch = 0;       // bumped by stop(): results of earlier deploys are dropped
};

} // namespace gw
