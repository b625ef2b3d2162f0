#include "control_plane.h"

#include "../common/limits.h"
#include "../config/config_slots.h"
#include "../net/http_listener.h"
#include "../net/local_ca.h"
#include "../net/worker_pool.h"
#include "../runtime/function_runtime.h"
#include "deploy/project_compiler.h"
#include "http_api_frontend.h"
#include "websocket_api_frontend.h"
#include "../websocket/connection_directory.h"

namespace gw {

namespace {

ListenerOptions listenerOptionsFor(ApiType type)
{
    ListenerOptions options;
    options.limits = HttpLimits{limits::kMaxRequestHeaderBytes, limits::kMaxRequestBodyBytes};
    options.allowUpgrades = type == ApiType::WebSocket;
    // WebSocket APIs answer ws:// and wss:// on one port, as SDKs reach @connections over
    // https://{domainName}/{stage}; the certificate is the local CA's (net/local_ca).
    if (type == ApiType::WebSocket && localCertificate().ok())
        options.sniffedTls = std::make_shared<const QSslConfiguration>(localCertificate().server);
    auto responses = std::make_shared<const GatewayResponses>(GatewayResponses::forApiType(type));
    options.refusal = [responses](int status) {
        return responses->render(GatewayResponses::forProtocolStatus(status), ContextVariables{});
    };
    return options;
}

QString urlOf(const QHostAddress &host, quint16 port, const QString &stage, ApiType type)
{
    QString hostText = host.toString();
    if (host.protocol() == QAbstractSocket::IPv6Protocol)
        hostText = QLatin1Char('[') + hostText + QLatin1Char(']');
    QString url = QStringLiteral("%1://%2:%3").arg(type == ApiType::WebSocket ? QStringLiteral("ws") : QStringLiteral("http"), hostText).arg(port);
    if (stage != QLatin1String("$default"))
        url += QLatin1Char('/') + stage;
    return url;
}

} // namespace

ControlPlane::ControlPlane(ControlPlaneOptions options, ClockPtr clock, WorkerPool *workers,
                           std::shared_ptr<FunctionRuntime> runtime, std::shared_ptr<AccessLogSink> accessLog,
                           std::shared_ptr<ConnectionDirectory> connections, std::shared_ptr<WebSocketSessionFeed> sessions)
    : m_options(options), m_clock(std::move(clock)), m_workers(workers), m_runtime(std::move(runtime)),
      m_accessLog(std::move(accessLog)), m_connections(std::move(connections)), m_sessions(std::move(sessions))
{
}

ControlPlane::~ControlPlane()
{
    closeAll();
}

DeployResult ControlPlane::deploy(const Project &project, const QString &baseDir, quint64 id)
{
    DeployResult result;
    result.id = id;
    const qint64 started = m_clock->monotonicNs();
    std::shared_ptr<CompiledProject> snapshot =
        compileProject(project, baseDir, DeployServices{m_runtime, m_accessLog, m_clock});
    const qint64 compiled = m_clock->monotonicNs();
    result.compileMs = double(compiled - started) / 1e6;

    // Listeners are reused (same API, same requested port) or opened now. Only the ones opened
    // now may be closed if a later one fails; reused ones stay as they are.
    std::vector<Listener> old = std::move(m_listeners);
    m_listeners.clear();
    std::vector<Listener> next;
    std::vector<HttpListener *> opened;
    int index = 0;
    for (const Api &api : snapshot->project.apis) {
        const int apiIndex = index++;
        const CompiledApi *compiledApi = snapshot->findApi(api.id);
        if (!compiledApi)
            continue; // a type not served yet
        int port = api.port;
        if (m_options.basePort > 0)
            port = m_options.basePort + apiIndex;
        else if (m_options.basePort == 0)
            port = 0;
        auto reused = std::find_if(old.begin(), old.end(), [&](const Listener &l) {
            return l.server && l.apiKey == api.id && l.requestedPort == port;
        });
        Listener listener;
        if (reused != old.end()) {
            listener = std::exchange(*reused, Listener{});
        } else {
            listener.apiKey = api.id;
            listener.requestedPort = port;
            listener.id = m_nextListenerId++;
            std::shared_ptr<HttpHandler> frontend;
            if (api.apiType() == ApiType::WebSocket) {
                auto websocket = std::make_shared<WebSocketApiFrontend>(listener.id, QString::fromStdString(api.id), m_sessions,
                                                                        m_options.webSocketLimits, m_options.webSocketAuthorizer);
                listener.connections = websocket->registry();
                frontend = std::move(websocket);
            } else
                frontend = std::make_shared<HttpApiFrontend>(listener.id);
            auto *server = new HttpListener(m_workers, frontend, listenerOptionsFor(compiledApi->type), this);
            if (!server->listen(m_options.host, quint16(port))) {
                result.error = QStringLiteral("API %1: cannot listen on %2:%3: %4")
                                   .arg(QString::fromStdString(api.name), m_options.host.toString())
                                   .arg(port)
                                   .arg(server->errorString());
                delete server;
                for (HttpListener *fresh : opened)
                    delete fresh;
                for (Listener &kept : next)
                    if (std::find(opened.begin(), opened.end(), kept.server) == opened.end())
                        m_listeners.push_back(kept);
                for (Listener &kept : old)
                    if (kept.server)
                        m_listeners.push_back(kept);
                result.bindMs = double(m_clock->monotonicNs() - compiled) / 1e6;
                return result;
            }
            listener.server = server;
            listener.boundPort = server->serverPort();
            opened.push_back(server);
        }
        snapshot->listenerApis.emplace_back(listener.id, compiledApi);
        for (const Stage &stage : api.stages) {
            Endpoint endpoint;
            endpoint.apiName = QString::fromStdString(api.name);
            endpoint.apiKey = QString::fromStdString(api.id);
            endpoint.type = QString::fromStdString(api.typeName());
            endpoint.stage = QString::fromStdString(stage.name);
            endpoint.port = listener.boundPort;
            endpoint.url = urlOf(m_options.host, listener.boundPort, endpoint.stage, api.apiType());
            if (const CompiledStage *served = compiledApi->findStage(stage.name)) {
                if (served->deployment && served->deployment->fromSnapshot)
                    endpoint.deployment = QString::fromStdString(served->deployment->id);
                if (served->canary) {
                    endpoint.canaryDeployment = QString::fromLatin1(served->canary->deploymentId);
                    endpoint.canaryPercent = served->canarySplit->percentTraffic();
                }
            }
            result.endpoints.append(endpoint);
        }
        next.push_back(listener);
    }
    result.bindMs = double(m_clock->monotonicNs() - compiled) / 1e6;

    // New and changed functions first: a request that sees the new routes must find their
    // functions (the runtime handles the configuration before any invocation posted after it).
    // Removed ones go only once no worker serves the old snapshot any more.
    m_runtime->configure(snapshot->functions, true);
    const QList<FunctionSpec> functions = snapshot->functions;
    const CompiledProjectPtr published = std::move(snapshot);
    m_workers->runOnEach([published] { config_slots::publishOnThisThread(published); });
    m_runtime->configure(functions, false);
    // Listeners no longer needed (API removed or port changed) stop accepting.
    for (Listener &unused : old)
        delete unused.server;
    m_listeners = std::move(next);
    publishConnections();
    result.ok = true;
    return result;
}

void ControlPlane::closeAll()
{
    for (Listener &listener : m_listeners)
        delete listener.server;
    m_listeners.clear();
    publishConnections();
}

void ControlPlane::publishConnections()
{
    if (!m_connections)
        return;
    QHash<QString, std::shared_ptr<ConnectionRegistry>> registries;
    for (const Listener &listener : m_listeners)
        if (listener.connections)
            registries.insert(QString::fromStdString(listener.apiKey), listener.connections);
    m_connections->replace(std::move(registries));
}

} // namespace gw
