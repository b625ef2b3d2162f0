#pragma once
// Event-loop threads that own accepted connections; one per core so load uses every core.
#include "http_parser_wrapper.h"

#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>
#include <vector>

namespace gw {

class HttpHandler;
class HttpServerConnection;
struct HttpErrorReplies;

class Worker : public QObject {
    Q_OBJECT
public:
    explicit Worker(int index);
    int index() const { return m_index; }
    // Takes over an accepted socket descriptor; call through a queued invocation.
    void adopt(qintptr descriptor, std::shared_ptr<HttpHandler> handler, HttpLimits limits,
               std::shared_ptr<const HttpErrorReplies> errorReplies);
    void setIdleTimeouts(int idleMs, int partialRequestMs);
    void closeAll();

private:
    void sweep();
    int m_index;
    int m_idleMs = 60000;
    int m_partialRequestMs = 30000;
    std::vector<HttpServerConnection *> m_connections;
};

class WorkerPool {
public:
    explicit WorkerPool(int threadCount = 0); // 0 = one per core
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    Worker *next();
    Worker *at(int i) const { return m_workers[size_t(i)]; }
    int size() const { return int(m_workers.size()); }

private:
    std::vector<QThread *> m_threads;
    std::vector<Worker *> m_workers;
    std::atomic<unsigned> m_roundRobin{0};
};

} // namespace gw
