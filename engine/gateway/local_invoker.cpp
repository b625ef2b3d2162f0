#include "local_invoker.h"

#include "../common/clocks.h"
#include "../observability/access_log_sink.h"
#include "../pipeline/in_memory_downstream.h"
#include "../runtime/function_runtime.h"
#include "deploy/project_compiler.h"
#include "http_api_frontend.h"

namespace gw {

LocalInvoker::LocalInvoker(const Project &project, const QString &baseDir, ClockPtr clock, QObject *parent)
    : QObject(parent), m_clock(clock ? std::move(clock) : systemClock()),
      m_runtime(std::make_shared<FunctionRuntime>(m_clock)), m_accessLog(std::make_shared<AccessLogSink>())
{
    m_config = compileProject(project, baseDir, DeployServices{m_runtime, m_accessLog, m_clock});
    m_runtime->configure(m_config->functions);
}

LocalInvoker::~LocalInvoker()
{
    m_runtime->shutdown();
}

void LocalInvoker::setCaptureBodyLimit(int bytes)
{
    m_accessLog->setCaptureLimit(bytes);
}

bool LocalInvoker::invoke(const LocalRequest &request, std::function<void(LocalResult)> done, QString *error)
{
    const Api *model = nullptr;
    for (const Api &api : m_config->project.apis)
        if (QString::fromStdString(api.name) == request.api || QString::fromStdString(api.id) == request.api ||
            QString::fromStdString(api.apiId) == request.api)
            model = &api;
    if (!model) {
        *error = QStringLiteral("no API named '%1' in the project").arg(request.api);
        return false;
    }
    const CompiledApi *api = m_config->findApi(model->id);
    if (!api) {
        *error = QStringLiteral("API '%1' is a %2 API: only HTTP APIs are served in this version")
                     .arg(request.api, QString::fromStdString(model->typeName()));
        return false;
    }
    HttpRequest http;
    http.method = request.method;
    http.target = request.target.startsWith('/') ? request.target : '/' + request.target;
    if (!request.stage.isEmpty() && request.stage != QLatin1String("$default")) {
        if (!api->findStage(request.stage.toStdString())) {
            *error = QStringLiteral("API '%1' has no stage '%2'").arg(request.api, request.stage);
            return false;
        }
        http.target = '/' + request.stage.toUtf8() + http.target;
    }
    http.headers = request.headers;
    http.givenHeaders = int(request.headers.size());
    if (http.header("host").isNull()) // what a client of the service would send
        http.headers.push_back({"Host", api->apiId + ".execute-api." + api->region + ".amazonaws.com"});
    if (!request.body.isEmpty() && http.header("content-length").isNull())
        http.headers.push_back({"Content-Length", QByteArray::number(request.body.size())});
    http.body = request.body;
    http.peerAddress = QHostAddress::LocalHost;
    http.peerIp = "127.0.0.1";
    http.localPort = quint16(model->port > 0 ? model->port : 80);
    http.receivedAtMs = m_clock->wallMs();
    http.receivedAtNs = m_clock->monotonicNs();

    auto downstream = std::make_shared<InMemoryDownstream>(this, [this, done = std::move(done)](HttpResponse response) {
        // The epilogue pushes the entry right after the answer: pick it up once this call returns.
        QMetaObject::invokeMethod(
            this,
            [this, done, response = std::move(response)]() mutable {
                LocalResult result;
                result.response = std::move(response);
                const QVector<AccessLogEntry> entries = m_accessLog->drain();
                if (!entries.isEmpty())
                    result.log = entries.last();
                done(std::move(result));
            },
            Qt::QueuedConnection);
    });
    HttpApiFrontend::begin(m_config, *api, std::move(http), downstream);
    return true;
}

} // namespace gw
