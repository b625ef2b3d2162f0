#pragma once
// Runs every function of the project in real processes; invoke() may be called from any thread.
// The threads named at construction (the gateway's workers) each keep warm processes of their
// own: an invocation made on one of them is handed to its process, answered and resumed on that
// thread, without a hop to another thread and back. Calls from any other thread run on the
// runtime's own thread. A function's concurrency limit holds across all of them.
#include "../api/clock.h"
#include "../config/function_spec.h"
#include "invocation.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QThread>

#include <memory>
#include <shared_mutex>
#include <vector>

namespace gw {

class FunctionBudget;
class FunctionPool;

class FunctionRuntime : public QObject {
    Q_OBJECT
public:
    explicit FunctionRuntime(ClockPtr clock = nullptr, const QList<QThread *> &invokerThreads = {});
    ~FunctionRuntime() override;

    // Thread-safe. The callback runs on the thread that holds the process: the caller's own when
    // it is one of the invoker threads, else the runtime's; marshal back to your own thread.
    void invoke(const QString &functionName, InvocationRequest request, InvocationCallback callback);
    // Thread-safe. Adds and updates functions (changed ones get fresh processes). Functions not in
    // specs are drained (running invocations finish, then they go) unless keepMissing: a deploy
    // keeps them until no worker routes to them any more.
    void configure(const QList<FunctionSpec> &specs, bool keepMissing = false);
    // Thread-safe. Restart the processes of one function (its code changed).
    void recycle(const QString &functionName);
    // Call from a thread that is not an invoker thread, while those still run their event loops.
    void shutdown();

signals:
    // Emitted on the thread that holds the process.
    void functionOutput(const QString &functionName, const QByteArray &requestId, const QString &text);
    void processCountChanged(const QString &functionName, int processes);

private:
    struct Home {
        QThread *thread = nullptr;
        QObject *object = nullptr;           // lives on thread; parent of the pools
        QHash<QString, FunctionPool *> pools; // touched on thread only
        bool closed = false;                 // on thread only: shutdown ran there
    };
    struct Function {
        FunctionSpec spec;
        std::shared_ptr<FunctionBudget> budget;
    };
    int currentHome() const;
    void invokeAt(int home, const QString &functionName, InvocationRequest request, InvocationCallback callback, int hops);
    FunctionPool *poolAt(int home, const QString &functionName);
    void post(int home, std::function<void()> fn);
    void applyFunctionsAt(int home);

    QThread m_thread;
    std::vector<std::unique_ptr<Home>> m_homes; // [0]: m_thread
    // Callers on any thread post to the homes; shutdown() must not tear them down under them.
    mutable std::shared_mutex m_homeLock;
    bool m_stopped = false; // guarded by m_homeLock
    mutable QMutex m_functionsLock;
    QHash<QString, Function> m_functions; // what the pools are made from, guarded by m_functionsLock
    ClockPtr m_clock;
};

} // namespace gw
