#include "runtime_api_handler.h"

#include "function_process.h"

namespace gw {

HttpResponse runtimeApiReply(int status, const QByteArray &json)
{
    HttpResponse response;
    response.status = status;
    response.setHeader("Content-Type", "application/json");
    response.body = json;
    return response;
}

void RuntimeApiHandler::handle(const HttpExchangePtr &exchange)
{
    static const QByteArray kPrefix = "/2018-06-01/runtime/";
    const HttpRequest &request = exchange->request();
    if (!m_process) {
        exchange->respond(runtimeApiReply(500, R"({"errorMessage":"sandbox is shutting down","errorType":"Runtime.Shutdown"})"));
        return;
    }
    const QByteArray path = request.path();
    if (!path.startsWith(kPrefix)) {
        exchange->respond(runtimeApiReply(404, R"({"errorMessage":"not found","errorType":"InvalidRequest"})"));
        return;
    }
    const QByteArray rest = path.mid(kPrefix.size());
    const QByteArray errorType = request.header("lambda-runtime-function-error-type");
    if (request.method == "GET" && rest == "invocation/next") {
        m_process->onNext(exchange);
    } else if (request.method == "POST" && rest == "init/error") {
        m_process->onInitError(request.body, errorType, exchange);
    } else if (request.method == "POST" && rest.startsWith("invocation/")) {
        const QByteArray tail = rest.mid(int(strlen("invocation/")));
        const qsizetype slash = tail.lastIndexOf('/');
        const QByteArray requestId = slash > 0 ? tail.left(slash) : QByteArray();
        const QByteArray action = slash > 0 ? tail.mid(slash + 1) : QByteArray();
        if (action == "response")
            m_process->onResponse(requestId, request.body, exchange);
        else if (action == "error")
            m_process->onError(requestId, request.body, errorType, exchange);
        else
            exchange->respond(runtimeApiReply(404, R"({"errorMessage":"unknown action","errorType":"InvalidRequest"})"));
    } else {
        exchange->respond(runtimeApiReply(404, R"({"errorMessage":"not found","errorType":"InvalidRequest"})"));
    }
}

} // namespace gw
