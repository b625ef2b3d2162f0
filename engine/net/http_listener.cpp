#include "http_listener.h"

#include "worker_pool.h"

namespace gw {

HttpListener::HttpListener(WorkerPool *workers, std::shared_ptr<HttpHandler> handler, HttpLimits limits,
                           QObject *parent)
    : QTcpServer(parent), m_workers(workers), m_handler(std::move(handler)), m_limits(limits)
{
    // Bursts of clients (wrk -c 256) must not be refused by a short backlog.
    setListenBacklogSize(1024);
}

void HttpListener::setErrorReplies(HttpErrorReplies replies)
{
    m_errorReplies = std::make_shared<const HttpErrorReplies>(std::move(replies));
}

void HttpListener::incomingConnection(qintptr descriptor)
{
    Worker *worker = m_workers->next();
    QMetaObject::invokeMethod(
        worker,
        [worker, descriptor, handler = m_handler, limits = m_limits, replies = m_errorReplies] {
            worker->adopt(descriptor, handler, limits, replies);
        },
        Qt::QueuedConnection);
}

} // namespace gw
