#pragma once
// The in-process gateway: one listener per API on worker threads, the function runtime, the
// live configuration (swapped on every edit) and the access-log stream. Lives on the caller's
// thread; never blocks it for longer than binding a socket.
#include "../model/project_loader.h"
#include "../observability/access_log_entry.h"
#include "gateway_config.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <QVector>
#include <memory>

namespace gw {

class WorkerPool;
class FunctionRuntime;
class HttpListener;
class AccessLogSink;
class ConfigHolder;

struct Endpoint {
    QString apiName;
    QString apiKey;     // the API's "id" in the project
    QString type;       // HTTP | REST | WEBSOCKET
    QString stage;
    QString url;
    quint16 port = 0;
};

struct GatewayOptions {
    QHostAddress host = QHostAddress::LocalHost;
    int basePort = -1;          // >= 0: API i listens on basePort + i (0 = ephemeral for all)
    int workerThreads = 0;      // 0 = one per core
    int flushIntervalMs = 33;   // access-log batches to the UI at most ~30 Hz
};

class Gateway : public QObject {
    Q_OBJECT
public:
    explicit Gateway(GatewayOptions options = {}, QObject *parent = nullptr);
    ~Gateway() override;

    // Starts serving the project. Returns false and sets error when a port cannot be bound.
    bool start(const Project &project, const QString &baseDir, QString *error);
    // Applies an edited project: new requests see it at once, requests in flight finish on the old one.
    bool update(const Project &project, const QString &baseDir, QString *error);
    void stop();
    bool isRunning() const { return m_running; }
    QVector<Endpoint> endpoints() const { return m_endpoints; }
    FunctionRuntime *runtime() const { return m_runtime.get(); }

signals:
    void accessLogBatch(const QVector<gw::AccessLogEntry> &entries);
    // Emitted on the function runtime thread, one line at a time; connect with Qt::QueuedConnection
    // (or AutoConnection from another thread) to read it elsewhere.
    void functionOutput(const QString &functionName, const QByteArray &requestId, const QString &text);
    void runningChanged(bool running);
    void endpointsChanged();

private:
    struct ApiListener;
    bool bindListeners(const GatewayConfig &config, QString *error);
    void flushLogs();

    GatewayOptions m_options;
    std::unique_ptr<WorkerPool> m_workers;
    std::unique_ptr<FunctionRuntime> m_runtime;
    std::unique_ptr<AccessLogSink> m_sink;
    std::unique_ptr<ConfigHolder> m_config;
    std::vector<std::unique_ptr<ApiListener>> m_listeners;
    QVector<Endpoint> m_endpoints;
    QTimer m_flushTimer;
    bool m_running = false;
};

} // namespace gw
