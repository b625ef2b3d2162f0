#pragma once
// Runs one request through an API's pipeline without a socket (an in-memory downstream): the
// same compiled chains, real functions, real backends. `gatewright invoke` and the designer's
// "invoke" use it.
#include "../api/clock.h"
#include "../common/http_message.h"
#include "../model/project.h"
#include "../observability/access_log_entry.h"

#include <QObject>
#include <functional>
#include <memory>

namespace gw {

class FunctionRuntime;
class AccessLogSink;
struct CompiledProject;

struct LocalRequest {
    QString api;            // the API's name, id or apiId
    QString stage;          // "" or "$default": the default stage; else the request goes to /STAGE/...
    QByteArray method = "GET";
    QByteArray target = "/"; // path and query, as a client sends them (without the stage)
    std::vector<HttpHeader> headers;
    QByteArray body;
};

struct LocalResult {
    HttpResponse response;
    AccessLogEntry log; // $context values, outcome, function output, trace
};

class LocalInvoker : public QObject {
    Q_OBJECT
public:
    LocalInvoker(const Project &project, const QString &baseDir, ClockPtr clock = nullptr, QObject *parent = nullptr);
    ~LocalInvoker() override;

    // Starts the request on this object's thread; done runs there when it ended. False (and
    // error) when the request cannot run: no such API, a type not served yet.
    bool invoke(const LocalRequest &request, std::function<void(LocalResult)> done, QString *error);
    // > 0: results carry what the request carried (GatewayOptions::captureBodyLimit).
    void setCaptureBodyLimit(int bytes);

private:
    ClockPtr m_clock;
    std::shared_ptr<FunctionRuntime> m_runtime;
    std::shared_ptr<AccessLogSink> m_accessLog;
    std::shared_ptr<const CompiledProject> m_config;
};

} // namespace gw
