#pragma once
// One function's concurrency, shared by the pools that run it on several threads (each gateway
// worker keeps warm processes of its own): how many processes live and how many invocations are
// in flight in all of them, and where an idle process waits. Thread-safe; the counts of other
// threads are a hint that may be stale by the time it is read.
#include <atomic>
#include <memory>

namespace gw {

class FunctionBudget {
public:
    explicit FunctionBudget(int homes);

    // Reserves room for one more process if the function has fewer than maxConcurrency.
    bool tryStartProcess(int maxConcurrency);
    void processEnded();
    int processes() const { return m_processes.load(std::memory_order_acquire); }

    // Accepted invocations not answered yet (waiting or running), in every pool.
    int inFlight() const { return m_inFlight.load(std::memory_order_acquire); }
    void invocationAccepted() { m_inFlight.fetch_add(1, std::memory_order_acq_rel); }
    void invocationAnswered() { m_inFlight.fetch_sub(1, std::memory_order_acq_rel); }

    // What one home's pool has now: processes alive and processes ready for an event.
    void publish(int home, int alive, int idle);
    // A home other than `except` with an idle process, else -1.
    int homeWithIdle(int except) const;
    // The home other than `except` with the most processes, else -1 (none has any).
    int homeWithMostProcesses(int except) const;

private:
    struct Gauge {
        std::atomic<int> alive{0};
        std::atomic<int> idle{0};
    };
    int m_homes;
    std::unique_ptr<Gauge[]> m_gauges;
    std::atomic<int> m_processes{0};
    std::atomic<int> m_inFlight{0};
};

} // namespace gw
