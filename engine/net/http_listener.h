#pragma once
// Accepts connections on one address/port and hands each to a worker thread.
#include "http_parser_wrapper.h"
#include "http_server_connection.h"

#include <QTcpServer>
#include <memory>

namespace gw {

class WorkerPool;

class HttpListener : public QTcpServer {
    Q_OBJECT
public:
    HttpListener(WorkerPool *workers, std::shared_ptr<HttpHandler> handler, HttpLimits limits = {},
                 QObject *parent = nullptr);
    void setErrorReplies(HttpErrorReplies replies);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    WorkerPool *m_workers;
    std::shared_ptr<HttpHandler> m_handler;
    HttpLimits m_limits;
    std::shared_ptr<const HttpErrorReplies> m_errorReplies;
};

} // namespace gw
