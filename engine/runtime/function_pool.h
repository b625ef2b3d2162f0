#pragma once
// The warm processes of one function on one thread: reuse, concurrency limit (shared through the
// function's budget with its pools on other threads), queueing, cold starts.
#include "function_budget.h"
#include "function_process.h"

#include <QBasicTimer>
#include <QObject>
#include <deque>
#include <vector>

namespace gw {

class FunctionPool : public QObject {
    Q_OBJECT
public:
    // home: this pool's place in the budget's per-thread gauges.
    FunctionPool(FunctionSpec spec, ClockPtr clock, std::shared_ptr<FunctionBudget> budget = nullptr, int home = 0,
                 QObject *parent = nullptr);
    ~FunctionPool() override;

    void invoke(InvocationRequest request, InvocationCallback callback);
    void updateSpec(const FunctionSpec &spec);   // new settings: retire processes that no longer match
    void recycle();                               // code changed: fresh processes from now on
    // The function was removed: queued invocations fail, running ones finish, then the pool deletes itself.
    void drain();
    int processCount() const { return int(m_processes.size()); }
    int busyCount() const;
    // A warm process is ready for an event now (no cold start, no wait).
    bool hasIdleProcess() const;
    const FunctionSpec &spec() const { return m_spec; }
    const std::shared_ptr<FunctionBudget> &budget() const { return m_budget; }

signals:
    void output(const QString &functionName, const QByteArray &requestId, const QString &text);
    // Processes of this function alive now (starting, warm or busy) in all its pools, on every change.
    void processCountChanged(const QString &functionName, int processes);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Queued {
        InvocationRequest request;
        InvocationCallback callback;
    };
    void pump();
    void handToIdleProcesses();
    void startWhatStillWaits();
    // Every waiting invocation fails with a service error (Lambda's own, not the function's).
    void failQueued(const QByteArray &errorType, const QString &message);
    void onIdle(FunctionProcess *process);
    void onDied(FunctionProcess *process, InvocationResult initFailure, bool duringInit);
    FunctionProcess *spawn(QString *error);
    void publish();

    FunctionSpec m_spec;
    ClockPtr m_clock;
    int m_home; // before m_budget: the constructor reads the budget argument before moving it
    std::shared_ptr<FunctionBudget> m_budget;
    int m_generation = 0;
    std::vector<FunctionProcess *> m_processes;
    std::deque<Queued> m_queue;
    int m_starting = 0;
    bool m_draining = false;
    QBasicTimer m_startCheck; // zero-time: fires once the loop has polled its sockets
};

} // namespace gw
