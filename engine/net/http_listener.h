#pragma once
// Accepts connections on one address/port and hands each to a worker thread, with the options
// (limits, TLS, upgrades) its front door chose.
#include "listener_options.h"

#include <QTcpServer>
#include <memory>

namespace gw {

class WorkerPool;
class HttpHandler;

class HttpListener : public QTcpServer {
    Q_OBJECT
public:
    HttpListener(WorkerPool *workers, std::shared_ptr<HttpHandler> handler, ListenerOptions options,
                 QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    WorkerPool *m_workers;
    std::shared_ptr<HttpHandler> m_handler;
    std::shared_ptr<const ListenerOptions> m_options;
};

} // namespace gw
