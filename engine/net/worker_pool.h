#pragma once
// Event-loop threads that own accepted connections; one per core so load uses every core.
#include "../api/clock.h"
#include "listener_options.h"

#include <QObject>
#include <QSslConfiguration>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace gw {

class HttpHandler;
class HttpServerConnection;
class ClockTimer;

class Worker : public QObject {
    Q_OBJECT
public:
    Worker(int index, ClockPtr clock);
    ~Worker() override;
    int index() const { return m_index; }
    // Takes over an accepted socket descriptor; call through a queued invocation.
    void adopt(qintptr descriptor, std::shared_ptr<HttpHandler> handler, std::shared_ptr<const ListenerOptions> options);
    void setIdleTimeouts(int idleMs, int partialRequestMs);
    void closeAll();

private:
    void open(qintptr descriptor, std::shared_ptr<HttpHandler> handler, std::shared_ptr<const ListenerOptions> options,
              const QSslConfiguration *tls);
    void sweep();
    void armSweep();
    int m_index;
    ClockPtr m_clock;
    int m_idleMs;
    int m_partialRequestMs;
    std::vector<HttpServerConnection *> m_connections;
    std::unique_ptr<ClockTimer> m_sweep;
};

class WorkerPool {
public:
    explicit WorkerPool(int threadCount = 0, ClockPtr clock = nullptr); // 0 = one per core
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    Worker *next();
    Worker *at(int i) const { return m_workers[size_t(i)]; }
    int size() const { return int(m_workers.size()); }
    // Runs fn on every worker's thread and returns when all have run it (never call it from a worker).
    void runOnEach(const std::function<void()> &fn);

private:
    std::vector<QThread *> m_threads;
    std::vector<Worker *> m_workers;
    std::atomic<unsigned> m_roundRobin{0};
};

} // namespace gw
