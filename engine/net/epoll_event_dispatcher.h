#pragma once
// A Qt event dispatcher over epoll(7), for the threads that hold the gateway's connections. Qt's
// own UNIX dispatcher hands every socket notifier of its thread to poll(2) on every loop
// iteration, so a worker holding 5,000 WebSocket connections paid 5,000 sock_poll calls per
// wake-up: 70% of the gateway's CPU in an @connections fan-out to 10,000 connections (perf,
// bench/websocket.sh). epoll reports only the sockets that are ready. Changes of interest wait
// for the next epoll_wait, so a write notifier that QAbstractSocket enables on write() and
// disables again in flush() costs no system call; a descriptor that loses its last notifier
// leaves the set at once, before it can be closed and its number reused.
//
// Semantics as QEventDispatcherUNIX: level-triggered notifiers (a hang-up or error wakes the read
// notifier, an error the write one), timers fired at most once per pass and never re-entered from
// a nested loop, posted events sent first, interrupt() ends a blocking wait. Every timer is kept to
// the millisecond whatever its type (Qt only allows coarse ones to drift).
#include <QAbstractEventDispatcher>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gw {

class EpollEventDispatcher final : public QAbstractEventDispatcher {
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    using Clock = std::chrono::steady_clock;
    struct Watch {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        std::uint32_t events = 0; // what epoll has for this descriptor
        bool dirty = false;       // in m_dirty: epoll learns of the change before the next wait
    };
    struct Timer {
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        Clock::time_point deadline;
        bool firing = false; // its event is being delivered: a nested loop must not fire it again
    };
    using Due = std::pair<Clock::time_point, int>; // deadline, timer id

    void changed(int fd);
    void updateInterest(int fd);
    int activateSockets(int timeoutMs);
    int activateTimers();
    int msUntilNextTimer() const; // -1: no timer can fire
    void forgetTimer(std::unordered_map<int, Timer>::iterator it);

    int m_epoll = -1;
    int m_wake = -1; // an eventfd: wakeUp() from any thread makes it readable
    std::atomic<bool> m_wakePending{false};
    // The thread that runs the loop (known from its first pass). An event it posts to itself
    // needs no eventfd round trip: the flag keeps the next wait from sleeping instead.
    std::atomic<Qt::HANDLE> m_loopThread{nullptr};
    bool m_postedFromLoopThread = false; // touched by the loop's thread only
    std::atomic<bool> m_interrupted{false};
    std::unordered_map<int, Watch> m_watches; // by descriptor
    std::vector<int> m_dirty;                 // descriptors whose interest changed since the last wait
    // Every connection has its timers (idle, lifetime): the next one due is found in the queue,
    // a dying object's in m_byObject, never by walking all of them.
    std::unordered_map<int, Timer> m_timers; // by timer id
    std::set<Due> m_queue;                   // the timers that may fire, soonest first
    std::unordered_multimap<QObject *, int> m_byObject;
};

} // namespace gw
