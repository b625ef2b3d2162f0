#pragma once
// Time, for everything that depends on it: latencies, timeouts, idle limits, TTLs, token buckets,
// log timestamps. Injected, so tests move it by hand (ManualClock) instead of sleeping.
#include <QtGlobal>

#include <functional>
#include <memory>

class QObject;

namespace gw {

// A pending timer; destroying the handle cancels it (destroy it on the timer's thread, or let the
// clock defer the clean-up).
class ClockTimer {
public:
    virtual ~ClockTimer() = default;
};

class Clock {
public:
    virtual ~Clock() = default;
    // Nanoseconds on a monotonic scale, for durations.
    virtual qint64 monotonicNs() const = 0;
    // Milliseconds since the Unix epoch, for timestamps.
    virtual qint64 wallMs() const = 0;
    // Runs fn once on home's thread, delayMs from now and never earlier. Call it on home's thread.
    virtual std::unique_ptr<ClockTimer> startTimer(QObject *home, qint64 delayMs, std::function<void()> fn) const = 0;
};

using ClockPtr = std::shared_ptr<const Clock>;

} // namespace gw
