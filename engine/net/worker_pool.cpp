#include "worker_pool.h"

#include "http_server_connection.h"

#include <QDateTime>
#include <QTimer>

namespace gw {

Worker::Worker(int index) : m_index(index)
{
}

void Worker::setIdleTimeouts(int idleMs, int partialRequestMs)
{
    m_idleMs = idleMs;
    m_partialRequestMs = partialRequestMs;
}

void Worker::adopt(qintptr descriptor, std::shared_ptr<HttpHandler> handler, HttpLimits limits,
                   std::shared_ptr<const HttpErrorReplies> errorReplies)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    auto *connection = new HttpServerConnection(socket, std::move(handler), limits, this);
    if (errorReplies)
        connection->setErrorReplies(*errorReplies);
    m_connections.push_back(connection);
    connect(connection, &HttpServerConnection::closed, this, [this, connection] {
        std::erase(m_connections, connection);
    });
    if (m_connections.size() == 1) {
        // A coarse sweep instead of a timer per connection: idle and slow-header timeouts.
        auto *timer = findChild<QTimer *>(QStringLiteral("sweep"));
        if (!timer) {
            timer = new QTimer(this);
            timer->setObjectName(QStringLiteral("sweep"));
            timer->setInterval(1000);
            connect(timer, &QTimer::timeout, this, &Worker::sweep);
            timer->start();
        }
    }
}

void Worker::sweep()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto connections = m_connections;
    for (HttpServerConnection *connection : connections) {
        const qint64 quiet = now - connection->lastActivityMs();
        if ((connection->isIdle() && quiet > m_idleMs) ||
            (connection->hasPartialRequest() && quiet > m_partialRequestMs))
            connection->closeNow();
    }
}

void Worker::closeAll()
{
    const auto connections = m_connections;
    for (HttpServerConnection *connection : connections)
        connection->closeNow();
    m_connections.clear();
}

WorkerPool::WorkerPool(int threadCount)
{
    if (threadCount <= 0)
        threadCount = qEnvironmentVariableIntValue("GATEWRIGHT_WORKERS");
    if (threadCount <= 0)
        threadCount = std::max(1, QThread::idealThreadCount());
    for (int i = 0; i < threadCount; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("gw-worker-%1").arg(i));
        auto *worker = new Worker(i);
        worker->moveToThread(thread);
        QObject::connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }
}

WorkerPool::~WorkerPool()
{
    for (Worker *worker : m_workers)
        QMetaObject::invokeMethod(worker, &Worker::closeAll, Qt::BlockingQueuedConnection);
    for (QThread *thread : m_threads) {
        thread->quit();
        thread->wait();
        delete thread;
    }
}

Worker *WorkerPool::next()
{
    return m_workers[m_roundRobin.fetch_add(1, std::memory_order_relaxed) % m_workers.size()];
}

} // namespace gw
