#include "clocks.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>

namespace gw {

namespace {

class SystemTimer : public ClockTimer {
public:
    SystemTimer(const SystemClock *clock, QObject *home, std::function<void()> fn) : m_state(std::make_shared<State>())
    {
        m_state->clock = clock;
        m_state->fn = std::move(fn);
        // Precise: a coarse timer may fire up to 5% early (a 500 ms timeout at 475 ms).
        m_timer = new QTimer(home);
        m_timer->setSingleShot(true);
        m_timer->setTimerType(Qt::PreciseTimer);
        QObject::connect(m_timer, &QTimer::timeout, m_timer, [state = m_state, timer = m_timer.data()] {
            if (state->cancelled.load())
                return;
            // Qt counts whole milliseconds: never run before the deadline, re-arm for what is left.
            const qint64 leftNs = state->deadlineNs - state->clock->monotonicNs();
            if (leftNs > 0) {
                timer->start(int((leftNs + 999'999) / 1'000'000));
                return;
            }
            state->firing = true; // fn may drop this timer: it must not delete the QTimer under its own signal
            state->fn();
            state->firing = false;
        });
    }
    ~SystemTimer() override
    {
        m_state->cancelled.store(true);
        if (!m_timer)
            return;
        if (m_timer->thread() == QThread::currentThread() && !m_state->firing)
            delete m_timer;
        else
            m_timer->deleteLater(); // its own thread deletes it; the flag keeps it from firing meanwhile
    }
    void start(qint64 delayMs) override
    {
        m_state->deadlineNs = m_state->clock->monotonicNs() + delayMs * 1'000'000;
        m_timer->start(int(std::clamp<qint64>(delayMs, 0, std::numeric_limits<int>::max())));
    }
    void stop() override { m_timer->stop(); }

private:
    struct State {
        const SystemClock *clock = nullptr;
        qint64 deadlineNs = 0;
        std::function<void()> fn;
        std::atomic<bool> cancelled{false};
        bool firing = false;
    };
    std::shared_ptr<State> m_state;
    QPointer<QTimer> m_timer;
};

} // namespace

qint64 SystemClock::monotonicNs() const
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

qint64 SystemClock::wallMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

std::unique_ptr<ClockTimer> SystemClock::createTimer(QObject *home, std::function<void()> fn) const
{
    Q_ASSERT(home && home->thread() == QThread::currentThread());
    return std::make_unique<SystemTimer>(this, home, std::move(fn));
}

const ClockPtr &systemClock()
{
    static const ClockPtr clock = std::make_shared<const SystemClock>();
    return clock;
}

struct ManualClock::Entry {
    qint64 deadlineNs;
    QPointer<QObject> home;
    std::shared_ptr<std::function<void()>> fn;
    std::atomic<bool> cancelled{false}; // or run: either way it is no longer pending
    bool queued = false;                // due, handed to its thread, not run yet (guarded by the clock's mutex)
};

namespace {
class ManualTimer : public ClockTimer {
public:
    ManualTimer(const ManualClock *clock, QObject *home, std::function<void()> fn)
        : m_clock(clock), m_home(home), m_fn(std::make_shared<std::function<void()>>(std::move(fn)))
    {
    }
    ~ManualTimer() override { stop(); }
    void start(qint64 delayMs) override
    {
        stop();
        m_entry = m_clock->schedule(m_home, delayMs, [fn = m_fn] { (*fn)(); });
    }
    void stop() override
    {
        if (m_entry)
            m_entry->cancelled.store(true);
        m_entry.reset();
    }

private:
    const ManualClock *m_clock;
    QPointer<QObject> m_home;
    std::shared_ptr<std::function<void()>> m_fn;
    std::shared_ptr<ManualClock::Entry> m_entry;
};
} // namespace

ManualClock::ManualClock(qint64 wallMs, qint64 monotonicNs) : m_wallMs(wallMs), m_monotonicNs(monotonicNs)
{
}

qint64 ManualClock::monotonicNs() const
{
    QMutexLocker lock(&m_mutex);
    return m_monotonicNs;
}

qint64 ManualClock::wallMs() const
{
    QMutexLocker lock(&m_mutex);
    return m_wallMs;
}

std::unique_ptr<ClockTimer> ManualClock::createTimer(QObject *home, std::function<void()> fn) const
{
    return std::make_unique<ManualTimer>(this, home, std::move(fn));
}

std::shared_ptr<ManualClock::Entry> ManualClock::schedule(QObject *home, qint64 delayMs, std::function<void()> fn) const
{
    auto entry = std::make_shared<Entry>();
    entry->home = home;
    entry->fn = std::make_shared<std::function<void()>>(std::move(fn));
    QMutexLocker lock(&m_mutex);
    entry->deadlineNs = m_monotonicNs + std::max<qint64>(0, delayMs) * 1'000'000;
    m_timers.push_back(entry);
    return entry;
}

void ManualClock::advance(qint64 ms)
{
    std::vector<std::shared_ptr<Entry>> due;
    {
        QMutexLocker lock(&m_mutex);
        m_monotonicNs += ms * 1'000'000;
        m_wallMs += ms;
        for (auto it = m_timers.begin(); it != m_timers.end();) {
            if ((*it)->cancelled.load()) {
                it = m_timers.erase(it);
                continue;
            }
            if (!(*it)->queued && (*it)->deadlineNs <= m_monotonicNs) {
                (*it)->queued = true; // stays pending until it has run
                due.push_back(*it);
            }
            ++it;
        }
    }
    std::stable_sort(due.begin(), due.end(), [](const auto &a, const auto &b) { return a->deadlineNs < b->deadlineNs; });
    for (auto &entry : due) {
        if (!entry->home)
            continue;
        QMetaObject::invokeMethod(
            entry->home.data(),
            [entry] {
                if (!entry->cancelled.exchange(true))
                    (*entry->fn)();
            },
            Qt::QueuedConnection);
    }
}

int ManualClock::pendingTimers() const
{
    QMutexLocker lock(&m_mutex);
    return int(std::count_if(m_timers.begin(), m_timers.end(), [](const auto &e) { return !e->cancelled.load(); }));
}

} // namespace gw
