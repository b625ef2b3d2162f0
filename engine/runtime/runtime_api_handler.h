#pragma once
// Serves the Lambda Runtime API (2018-06-01) to one function process.
#include "../net/http_handler.h"

#include <QPointer>

namespace gw {

class FunctionProcess;

class RuntimeApiHandler : public HttpHandler {
public:
    explicit RuntimeApiHandler(FunctionProcess *process) : m_process(process) {}
    void handle(const HttpExchangePtr &exchange) override;
    void detach() { m_process = nullptr; }

private:
    QPointer<FunctionProcess> m_process;
};

HttpResponse runtimeApiReply(int status, const QByteArray &json);

} // namespace gw
