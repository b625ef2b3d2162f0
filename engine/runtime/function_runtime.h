#pragma once
// Runs every function of the project on its own thread; invoke() may be called from any thread.
#include "../api/clock.h"
#include "../config/function_spec.h"
#include "invocation.h"

#include <QHash>
#include <QObject>
#include <QThread>

#include <shared_mutex>

namespace gw {

class FunctionPool;

class FunctionRuntime : public QObject {
    Q_OBJECT
public:
    explicit FunctionRuntime(ClockPtr clock = nullptr);
    ~FunctionRuntime() override;

    // Thread-safe. The callback runs on the runtime thread: marshal back to your own.
    void invoke(const QString &functionName, InvocationRequest request, InvocationCallback callback);
    // Thread-safe. Adds and updates functions (changed ones get fresh processes). Functions not in
    // specs are drained (running invocations finish, then they go) unless keepMissing: a deploy
    // keeps them until no worker routes to them any more.
    void configure(const QList<FunctionSpec> &specs, bool keepMissing = false);
    // Thread-safe. Restart the processes of one function (its code changed).
    void recycle(const QString &functionName);
    void shutdown();

signals:
    void functionOutput(const QString &functionName, const QByteArray &requestId, const QString &text);
    void processCountChanged(const QString &functionName, int processes);

private:
    void configureHere(const QList<FunctionSpec> &specs, bool keepMissing);
    QThread m_thread;
    QObject *m_home = nullptr;     // lives on m_thread; parent of the pools
    // Callers on any thread post to m_home; shutdown() must not tear it down under them.
    mutable std::shared_mutex m_homeLock;
    bool m_stopped = false;        // guarded by m_homeLock
    QHash<QString, FunctionPool *> m_pools;
    ClockPtr m_clock;
};

} // namespace gw
