#pragma once
// Time, for everything that depends on it: latencies, timeouts, idle limits, TTLs, token buckets,
// log timestamps. Injected, so tests move it by hand (ManualClock) instead of sleeping.
#include <QtGlobal>

#include <functional>
#include <memory>

class QObject;

namespace gw {

// A timer of a clock. Destroying it cancels it (destroy it on its home's thread, or let the clock
// defer the clean-up).
class ClockTimer {
public:
    virtual ~ClockTimer() = default;
    // (Re)arms it: its function runs once, delayMs from now and never earlier, unless stopped or
    // re-armed first.
    virtual void start(qint64 delayMs) = 0;
    virtual void stop() = 0;
};

class Clock {
public:
    virtual ~Clock() = default;
    // Nanoseconds on a monotonic scale, for durations.
    virtual qint64 monotonicNs() const = 0;
    // Milliseconds since the Unix epoch, for timestamps.
    virtual qint64 wallMs() const = 0;
    // A timer that runs fn on home's thread each time it fires. Create and use it on home's thread.
    virtual std::unique_ptr<ClockTimer> createTimer(QObject *home, std::function<void()> fn) const = 0;
    // A one-shot timer, already started.
    std::unique_ptr<ClockTimer> startTimer(QObject *home, qint64 delayMs, std::function<void()> fn) const
    {
        auto timer = createTimer(home, std::move(fn));
        timer->start(delayMs);
        return timer;
    }
};

using ClockPtr = std::shared_ptr<const Clock>;

} // namespace gw
