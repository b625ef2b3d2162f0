#include "http_listener.h"

#include "worker_pool.h"

namespace gw {

HttpListener::HttpListener(WorkerPool *workers, std::shared_ptr<HttpHandler> handler, ListenerOptions options,
                           QObject *parent)
    : QTcpServer(parent), m_workers(workers), m_handler(std::move(handler)),
      m_options(std::make_shared<const ListenerOptions>(std::move(options)))
{
    // Bursts of clients (wrk -c 256) must not be refused by a short backlog.
    setListenBacklogSize(1024);
}

void HttpListener::incomingConnection(qintptr descriptor)
{
    Worker *worker = m_workers->next();
    QMetaObject::invokeMethod(
        worker, [worker, descriptor, handler = m_handler, options = m_options] { worker->adopt(descriptor, handler, options); },
        Qt::QueuedConnection);
}

} // namespace gw
