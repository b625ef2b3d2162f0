#pragma once
// The front door of an HTTP API's listener: each request gets its context ($context values,
// ids) and runs through the API's pipeline in the worker's current snapshot.
#include "../config/compiled_project.h"
#include "../net/http_handler.h"
#include "../pipeline/request_context.h"

namespace gw {

class HttpApiFrontend : public HttpHandler {
public:
    explicit HttpApiFrontend(quint32 listenerId) : m_listenerId(listenerId) {}
    void handle(const HttpExchangePtr &exchange) override;
    void protocolError(int status, const QByteArray &peerIp, HttpResponse &response) override;

    // Starts one request on the calling thread through api's pipeline: used by the listener path
    // and by `gatewright invoke` (an in-memory downstream).
    static RequestContextPtr begin(CompiledProjectPtr config, const CompiledApi &api, HttpRequest request,
                                   std::shared_ptr<Downstream> downstream);
    // The $context values a request has before any stage ran (ids aside), set in place.
    static void setInitialContextVariables(ContextVariables &values, const CompiledApi &api, const HttpRequest &request);

private:
    quint32 m_listenerId;
};

} // namespace gw
