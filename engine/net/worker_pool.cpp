#include "worker_pool.h"

#include "../common/clocks.h"
#include "../common/limits.h"
#include "epoll_event_dispatcher.h"
#include "http_server_connection.h"

#include <QSocketNotifier>
#include <QSslSocket>
#include <QTimer>

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace gw {

namespace {
constexpr qint64 kSweepIntervalMs = 1000;
}

Worker::Worker(int index, ClockPtr clock)
    : m_index(index), m_clock(std::move(clock)), m_idleMs(limits::kIdleConnectionMs),
      m_partialRequestMs(limits::kPartialRequestMs)
{
}

Worker::~Worker() = default;

void Worker::setIdleTimeouts(int idleMs, int partialRequestMs)
{
    m_idleMs = idleMs;
    m_partialRequestMs = partialRequestMs;
}

void Worker::adopt(qintptr descriptor, std::shared_ptr<HttpHandler> handler, std::shared_ptr<const ListenerOptions> options)
{
    if (!options->sniffedTls) {
        const QSslConfiguration *tls = options->tls.get();
        open(descriptor, std::move(handler), std::move(options), tls);
        return;
    }
    // Look at the first byte without reading it: a TLS ClientHello starts with 0x16 (a handshake
    // record), an HTTP request with a letter. Under load it has mostly arrived already; else wait.
    {
        char first = 0;
        const ssize_t n = ::recv(int(descriptor), &first, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n > 0) {
            const QSslConfiguration *tls = first == 0x16 ? options->sniffedTls.get() : nullptr;
            open(descriptor, std::move(handler), std::move(options), tls);
            return;
        }
        if (n == 0) {
            ::close(int(descriptor)); // closed before saying anything
            return;
        }
    }
    auto *notifier = new QSocketNotifier(descriptor, QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this, notifier, descriptor, handler, options] {
        char first = 0;
        const ssize_t n = ::recv(int(descriptor), &first, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return; // woken without data: keep waiting
        notifier->setEnabled(false);
        notifier->deleteLater();
        if (n <= 0) {
            ::close(int(descriptor)); // closed before saying anything
            return;
        }
        open(descriptor, handler, options, first == 0x16 ? options->sniffedTls.get() : nullptr);
    });
    // A client that connects and says nothing is dropped, as a partial request would be.
    QTimer::singleShot(limits::kPartialRequestMs, notifier, [notifier, descriptor] {
        if (!notifier->isEnabled())
            return;
        notifier->setEnabled(false);
        notifier->deleteLater();
        ::close(int(descriptor));
    });
}

void Worker::open(qintptr descriptor, std::shared_ptr<HttpHandler> handler, std::shared_ptr<const ListenerOptions> options,
                  const QSslConfiguration *tlsConfiguration)
{
    QTcpSocket *socket = nullptr;
    if (tlsConfiguration) {
        auto *tls = new QSslSocket;
        if (!tls->setSocketDescriptor(descriptor)) {
            delete tls;
            return;
        }
        tls->setSslConfiguration(*tlsConfiguration);
        tls->startServerEncryption();
        socket = tls;
    } else {
        socket = new QTcpSocket;
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
    }
    auto *connection = new HttpServerConnection(socket, std::move(handler), std::move(options), m_clock, this);
    m_connections.push_back(connection);
    connect(connection, &HttpServerConnection::closed, this, [this, connection] { std::erase(m_connections, connection); });
    if (!m_sweep)
        armSweep(); // one coarse sweep per worker instead of a timer per connection
}

void Worker::armSweep()
{
    m_sweep = m_clock->startTimer(this, kSweepIntervalMs, [this] {
        sweep();
        if (!m_connections.empty())
            armSweep();
        else
            m_sweep.reset();
    });
}

void Worker::sweep()
{
    const qint64 now = m_clock->monotonicNs() / 1'000'000;
    const auto connections = m_connections;
    for (HttpServerConnection *connection : connections) {
        const qint64 quiet = now - connection->lastActivityMs();
        if ((connection->isIdle() && quiet > m_idleMs) || (connection->hasPartialRequest() && quiet > m_partialRequestMs))
            connection->closeNow();
    }
}

void Worker::closeAll()
{
    m_sweep.reset();
    const auto connections = m_connections;
    for (HttpServerConnection *connection : connections)
        connection->closeNow();
    m_connections.clear();
}

WorkerPool::WorkerPool(int threadCount, ClockPtr clock)
{
    if (!clock)
        clock = systemClock();
    if (threadCount <= 0)
        threadCount = qEnvironmentVariableIntValue("GATEWRIGHT_WORKERS");
    if (threadCount <= 0)
        threadCount = std::max(1, QThread::idealThreadCount());
    for (int i = 0; i < threadCount; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("gw-worker-%1").arg(i));
        // Workers hold every connection (10,000 WebSockets): epoll, not poll over all of them.
        thread->setEventDispatcher(new EpollEventDispatcher);
        auto *worker = new Worker(i, clock);
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

void WorkerPool::runOnEach(const std::function<void()> &fn)
{
    for (Worker *worker : m_workers)
        QMetaObject::invokeMethod(worker, fn, Qt::BlockingQueuedConnection);
}

} // namespace gw
