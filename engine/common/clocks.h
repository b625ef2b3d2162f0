#pragma once
// The two clocks: the system's (steady and wall time, precise Qt timers) and a manual one for
// tests, whose time moves only when advance() is called.
#include "../api/clock.h"

#include <QMutex>
#include <vector>

namespace gw {

class SystemClock : public Clock {
public:
    qint64 monotonicNs() const override;
    qint64 wallMs() const override;
    std::unique_ptr<ClockTimer> createTimer(QObject *home, std::function<void()> fn) const override;
};

// The process-wide system clock.
const ClockPtr &systemClock();

class ManualClock : public Clock {
public:
    explicit ManualClock(qint64 wallMs = 1764547200000, qint64 monotonicNs = 1'000'000'000);
    qint64 monotonicNs() const override;
    qint64 wallMs() const override;
    std::unique_ptr<ClockTimer> createTimer(QObject *home, std::function<void()> fn) const override;

    // Moves time forward; every timer now due is queued to its home's thread, in deadline order
    // (they run when that thread's event loop next runs).
    void advance(qint64 ms);
    // Timers started and neither fired nor cancelled.
    int pendingTimers() const;

    struct Entry;
    // For ManualClock's timers.
    std::shared_ptr<Entry> schedule(QObject *home, qint64 delayMs, std::function<void()> fn) const;

private:
    mutable QMutex m_mutex;
    qint64 m_wallMs;
    qint64 m_monotonicNs;
    mutable std::vector<std::shared_ptr<Entry>> m_timers;
};

} // namespace gw
