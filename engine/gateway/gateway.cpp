#include "gateway.h"

#include "../net/http_listener.h"
#include "../net/worker_pool.h"
#include "../pipeline/gateway_response.h"
#include "../runtime/function_runtime.h"
#include "access_log_sink.h"
#include "http_api_handler.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcGateway, "gw.net", QtInfoMsg)

namespace gw {

struct Gateway::ApiListener {
    std::string apiKey;
    int requestedPort = 0;
    HttpListener *listener = nullptr; // lives on worker 0's thread
};

Gateway::Gateway(GatewayOptions options, QObject *parent)
    : QObject(parent), m_options(options), m_sink(std::make_unique<AccessLogSink>()),
      m_config(std::make_unique<ConfigHolder>())
{
    qRegisterMetaType<gw::AccessLogEntry>();
    qRegisterMetaType<QVector<gw::AccessLogEntry>>();
    m_flushTimer.setInterval(options.flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &Gateway::flushLogs);
}

Gateway::~Gateway()
{
    stop();
}

bool Gateway::start(const Project &project, const QString &baseDir, QString *error)
{
    if (m_running)
        return update(project, baseDir, error);
    m_workers = std::make_unique<WorkerPool>(m_options.workerThreads);
    m_runtime = std::make_unique<FunctionRuntime>();
    connect(m_runtime.get(), &FunctionRuntime::functionOutput, this, &Gateway::functionOutput, Qt::DirectConnection);
    m_running = true;
    if (!update(project, baseDir, error)) {
        stop();
        return false;
    }
    m_flushTimer.start();
    emit runningChanged(true);
    return true;
}

bool Gateway::update(const Project &project, const QString &baseDir, QString *error)
{
    if (!m_running)
        return start(project, baseDir, error);
    auto config = compileGatewayConfig(project, baseDir, m_runtime.get(), m_sink.get());
    // Bind first: a port conflict leaves the old configuration serving.
    if (!bindListeners(*config, error))
        return false;
    // Functions first: a request that sees the new routes must find their functions (the runtime
    // handles the configuration before any invocation posted after it).
    m_runtime->configure(config->functions);
    m_config->store(config);
    return true;
}

bool Gateway::bindListeners(const GatewayConfig &config, QString *error)
{
    Worker *home = m_workers->at(0);
    // Listeners are either reused (same API, same requested port) or opened by this attempt.
    // Only the ones this attempt opened may be closed when it fails; reused ones go back.
    std::vector<std::unique_ptr<ApiListener>> old = std::move(m_listeners);
    m_listeners.clear();
    std::vector<std::unique_ptr<ApiListener>> next;
    std::vector<HttpListener *> opened;
    const auto closeListener = [home](HttpListener *server) {
        QMetaObject::invokeMethod(home, [server] { delete server; }, Qt::BlockingQueuedConnection);
    };
    QVector<Endpoint> endpoints;
    int index = 0;
    for (const auto &compiled : config.apis) {
        const Api &api = compiled->api;
        const int apiIndex = index++;
        if (api.apiType() != ApiType::Http) {
            qCInfo(lcGateway) << "API" << QString::fromStdString(api.name) << "of type"
                              << QString::fromStdString(api.type) << "is not served yet (HTTP APIs only in this version)";
            continue;
        }
        int port = api.port;
        if (m_options.basePort > 0)
            port = m_options.basePort + apiIndex;
        else if (m_options.basePort == 0)
            port = 0;
        std::unique_ptr<ApiListener> listener;
        for (auto &existing : old)
            if (existing && existing->apiKey == api.id && existing->requestedPort == port) {
                listener = std::move(existing);
                break;
            }
        if (!listener) {
            listener = std::make_unique<ApiListener>();
            listener->apiKey = api.id;
            listener->requestedPort = port;
            auto handler = std::make_shared<HttpApiHandler>(api.id, m_config.get(), m_sink.get());
            QString bindError;
            const QHostAddress host = m_options.host;
            QMetaObject::invokeMethod(
                home,
                [&] {
                    auto *server = new HttpListener(m_workers.get(), handler, HttpLimits{10240, 10 * 1024 * 1024}, home);
                    server->setErrorReplies({[](int status) { return makeGatewayResponseForStatus(status); }});
                    if (!server->listen(host, quint16(port))) {
                        bindError = server->errorString();
                        delete server;
                        return;
                    }
                    listener->listener = server;
                },
                Qt::BlockingQueuedConnection);
            if (!listener->listener) {
                *error = QStringLiteral("API %1: cannot listen on %2:%3: %4")
                             .arg(QString::fromStdString(api.name), host.toString())
                             .arg(port)
                             .arg(bindError);
                for (HttpListener *server : opened)
                    closeListener(server);
                for (auto &kept : next)
                    if (kept && std::find(opened.begin(), opened.end(), kept->listener) == opened.end())
                        old.push_back(std::move(kept));
                for (auto &kept : old)
                    if (kept)
                        m_listeners.push_back(std::move(kept));
                return false;
            }
            opened.push_back(listener->listener);
        }
        HttpListener *server = listener->listener;
        quint16 boundPort = 0;
        QMetaObject::invokeMethod(home, [&] { boundPort = server->serverPort(); }, Qt::BlockingQueuedConnection);
        for (const Stage &stage : api.stages) {
            Endpoint endpoint;
            endpoint.apiName = QString::fromStdString(api.name);
            endpoint.apiKey = QString::fromStdString(api.id);
            endpoint.type = QString::fromStdString(api.type);
            endpoint.stage = QString::fromStdString(stage.name);
            endpoint.port = boundPort;
            QString hostText = m_options.host.toString();
            if (m_options.host.protocol() == QAbstractSocket::IPv6Protocol)
                hostText = QLatin1Char('[') + hostText + QLatin1Char(']');
            endpoint.url = QStringLiteral("http://%1:%2").arg(hostText).arg(boundPort);
            if (stage.name != "$default")
                endpoint.url += QLatin1Char('/') + endpoint.stage;
            endpoints.append(endpoint);
        }
        next.push_back(std::move(listener));
    }
    // Listeners no longer needed (API removed or port changed) stop accepting.
    for (auto &unused : old)
        if (unused && unused->listener)
            closeListener(unused->listener);
    m_listeners = std::move(next);
    const bool changed = endpoints.size() != m_endpoints.size() ||
                         !std::equal(endpoints.begin(), endpoints.end(), m_endpoints.begin(), [](const Endpoint &a, const Endpoint &b) {
                             return a.url == b.url && a.apiName == b.apiName && a.stage == b.stage;
                         });
    m_endpoints = endpoints;
    if (changed)
        emit endpointsChanged();
    return true;
}

void Gateway::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_flushTimer.stop();
    if (m_workers) {
        Worker *home = m_workers->at(0);
        for (auto &listener : m_listeners)
            if (listener && listener->listener)
                QMetaObject::invokeMethod(home, [server = listener->listener] { delete server; }, Qt::BlockingQueuedConnection);
    }
    m_listeners.clear();
    if (m_runtime)
        m_runtime->shutdown();
    m_workers.reset(); // closes every connection and joins the threads
    m_runtime.reset();
    m_config->store(nullptr);
    flushLogs();
    m_endpoints.clear();
    emit endpointsChanged();
    emit runningChanged(false);
}

void Gateway::flushLogs()
{
    QVector<AccessLogEntry> batch = m_sink->drain();
    if (!batch.isEmpty())
        emit accessLogBatch(batch);
}

} // namespace gw
