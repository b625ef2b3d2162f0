#include "gateway.h"

#include "../common/clocks.h"
#include "../net/epoll_event_dispatcher.h"
#include "../net/worker_pool.h"
#include "../observability/access_log_sink.h"
#include "../observability/function_output_feed.h"
#include "../observability/websocket_session_feed.h"
#include "../websocket/connection_directory.h"
#include "../runtime/function_runtime.h"
#include "control_plane.h"

namespace gw {

Gateway::Gateway(GatewayOptions options, QObject *parent) : QObject(parent), m_options(std::move(options))
{
    if (!m_options.clock)
        m_options.clock = systemClock();
    qRegisterMetaType<gw::AccessLogEntry>();
    qRegisterMetaType<QVector<gw::AccessLogEntry>>();
    qRegisterMetaType<gw::DeployResult>();
    qRegisterMetaType<gw::WebSocketSessionEvent>();
    qRegisterMetaType<QVector<gw::WebSocketSessionEvent>>();
    qRegisterMetaType<gw::FunctionOutputLine>();
    qRegisterMetaType<QVector<gw::FunctionOutputLine>>();
    m_connections = std::make_shared<ConnectionDirectory>();
    m_flushTimer.setInterval(m_options.flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &Gateway::flushLogs);
    m_controlThread.setObjectName(QStringLiteral("gw-control"));
    // It accepts every connection of every listener: a wake-up per accept, on epoll rather than poll().
    m_controlThread.setEventDispatcher(new EpollEventDispatcher);
}

Gateway::~Gateway()
{
    stop();
    m_controlThread.quit();
    m_controlThread.wait();
}

void Gateway::ensureStarted()
{
    if (m_running)
        return;
    if (!m_controlThread.isRunning())
        m_controlThread.start();
    m_accessLog = std::make_shared<AccessLogSink>();
    m_accessLog->setCaptureLimit(m_options.captureBodyLimit);
    m_accessLog->setExecutionNotes(m_options.executionNotes);
    if (m_options.webSocketSessions)
        m_sessions = std::make_shared<WebSocketSessionFeed>();
    m_workers = std::make_unique<WorkerPool>(m_options.workerThreads, m_options.clock);
    // Each worker keeps warm processes of its own: a Lambda route's event goes to its function and
    // the answer comes back on the thread that holds the client's connection.
    QList<QThread *> workerThreads;
    for (int i = 0; i < m_workers->size(); ++i)
        workerThreads << m_workers->at(i)->thread();
    m_runtime = std::make_shared<FunctionRuntime>(m_options.clock, workerThreads);
    connect(m_runtime.get(), &FunctionRuntime::functionOutput, this, &Gateway::functionOutput, Qt::DirectConnection);
    m_functionOutput = std::make_shared<FunctionOutputFeed>();
    connect(m_runtime.get(), &FunctionRuntime::functionOutput, this,
            [feed = m_functionOutput](const QString &function, const QByteArray &requestId, const QString &text) {
                feed->push({function, requestId, text});
            },
            Qt::DirectConnection);
    connect(m_runtime.get(), &FunctionRuntime::processCountChanged, this, &Gateway::functionProcessCount, Qt::DirectConnection);
    const ControlPlaneOptions control{m_options.host, m_options.basePort, m_options.webSocketLimits, m_options.webSocketAuthorizer};
    m_control = new ControlPlane(control, m_options.clock, m_workers.get(), m_runtime, m_accessLog, m_connections, m_sessions);
    m_control->moveToThread(&m_controlThread);
    m_running = true;
    m_servedOnce = false;
    m_flushTimer.start();
    emit runningChanged(true);
}

DeployResult Gateway::deployAndWait(const Project &project, const QString &baseDir)
{
    const quint64 id = m_nextDeployId++;
    emit deployStarted(id);
    DeployResult result;
    QMetaObject::invokeMethod(
        m_control, [&] { result = m_control->deploy(project, baseDir, id); }, Qt::BlockingQueuedConnection);
    return result;
}

bool Gateway::start(const Project &project, const QString &baseDir, QString *error)
{
    if (m_running)
        return update(project, baseDir, error);
    ensureStarted();
    const DeployResult result = deployAndWait(project, baseDir);
    applyResult(result, true);
    if (!result.ok) {
        *error = result.error;
        return false;
    }
    return true;
}

bool Gateway::update(const Project &project, const QString &baseDir, QString *error)
{
    if (!m_running)
        return start(project, baseDir, error);
    const DeployResult result = deployAndWait(project, baseDir);
    applyResult(result, false);
    if (!result.ok)
        *error = result.error;
    return result.ok;
}

quint64 Gateway::deploy(const Project &project, const QString &baseDir)
{
    const bool starting = !m_running;
    ensureStarted();
    const quint64 id = m_nextDeployId++;
    const quint64 epoch = m_epoch;
    emit deployStarted(id);
    QMetaObject::invokeMethod(
        m_control,
        [this, control = m_control, project, baseDir, id, epoch, starting] {
            DeployResult result = control->deploy(project, baseDir, id);
            QMetaObject::invokeMethod(
                this,
                [this, result, epoch, starting] {
                    if (epoch == m_epoch)
                        applyResult(result, starting);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return id;
}

void Gateway::applyResult(const DeployResult &result, bool startingDeploy)
{
    // Deploys finish in the order they were made; a result older than one applied already
    // (a waited-for update() overtook a background deploy) changes nothing any more.
    const bool newest = result.id >= m_appliedDeployId;
    m_appliedDeployId = std::max(m_appliedDeployId, result.id);
    if (result.ok && newest) {
        m_servedOnce = true;
        const bool changed = result.endpoints.size() != m_endpoints.size() ||
                             !std::equal(result.endpoints.begin(), result.endpoints.end(), m_endpoints.begin(),
                                         [](const Endpoint &a, const Endpoint &b) {
                                             return a.url == b.url && a.apiName == b.apiName && a.stage == b.stage && a.deployment == b.deployment &&
                                                    a.canaryDeployment == b.canaryDeployment && a.canaryPercent == b.canaryPercent;
                                         });
        m_endpoints = result.endpoints;
        if (changed)
            emit endpointsChanged();
    }
    // The first deploy failed and no later one is on its way: nothing serves.
    if (!result.ok && startingDeploy && !m_servedOnce && result.id + 1 == m_nextDeployId)
        stop();
    emit deployFinished(result);
}

void Gateway::stop()
{
    if (!m_running)
        return;
    m_running = false;
    ++m_epoch;
    m_flushTimer.stop();
    // Wait for a deploy in progress, then stop accepting.
    QMetaObject::invokeMethod(
        m_control,
        [control = m_control] {
            control->closeAll();
            delete control;
        },
        Qt::BlockingQueuedConnection);
    m_control = nullptr;
    m_runtime->shutdown();
    m_workers.reset(); // closes every connection and joins the threads (their snapshots go with them)
    m_runtime.reset();
    flushLogs();
    m_accessLog.reset();
    m_functionOutput.reset();
    m_sessions.reset();
    m_endpoints.clear();
    emit endpointsChanged();
    emit runningChanged(false);
}

void Gateway::flushLogs()
{
    if (!m_accessLog)
        return;
    // The access log is drained first and emitted last: a message's frame is pushed before its
    // entry, so the frames view has the frame when the entry that annotates it arrives.
    QVector<AccessLogEntry> batch = m_accessLog->drain();
    if (m_sessions) {
        QVector<WebSocketSessionEvent> events = m_sessions->drain();
        if (!events.isEmpty())
            emit webSocketBatch(events);
    }
    if (m_functionOutput) {
        QVector<FunctionOutputLine> lines = m_functionOutput->drain();
        if (!lines.isEmpty())
            emit functionOutputBatch(lines);
    }
    if (!batch.isEmpty())
        emit accessLogBatch(batch);
}

std::shared_ptr<ConnectionRegistry> Gateway::connections(const QString &apiKey) const
{
    return m_connections->find(apiKey);
}

} // namespace gw
