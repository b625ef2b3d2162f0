#include "epoll_event_dispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>
#include <QtDebug>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace gw {

namespace {

constexpr int kEventsPerWait = 256; // more ready descriptors stay ready for the next pass

void drain(int eventFd)
{
    std::uint64_t count = 0;
    while (::read(eventFd, &count, sizeof count) < 0 && errno == EINTR) {
    }
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent) : QAbstractEventDispatcher(parent)
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    m_wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epoll < 0 || m_wake < 0)
        qFatal("EpollEventDispatcher: epoll_create1/eventfd failed: %s", std::strerror(errno));
    epoll_event wake{};
    wake.events = EPOLLIN;
    wake.data.fd = m_wake;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &wake);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wake);
    ::close(m_epoll);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    if (!m_loopThread.load(std::memory_order_relaxed))
        m_loopThread.store(QThread::currentThreadId(), std::memory_order_relaxed);
    emit awake();
    // Cleared before the posted events go out: an event posted after this point writes the
    // eventfd again, so the wait below cannot sleep through it.
    if (m_wakePending.load(std::memory_order_acquire)) {
        drain(m_wake);
        m_wakePending.store(false, std::memory_order_release);
    }
    QCoreApplication::sendPostedEvents();
    // Kept until a pass sees it (not reset on entry): an exit() that lands between the loop's
    // check and this call must still end this pass instead of sleeping.
    if (m_interrupted.exchange(false, std::memory_order_relaxed))
        return false;

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = flags & QEventLoop::WaitForMoreEvents;
    if (canWait)
        emit aboutToBlock();

    int timeoutMs = 0;
    // Events this thread posted to itself (while sending the posted ones, or in a pass that did
    // not wait) are sent next pass; this one must not sleep with them queued.
    if (canWait && !std::exchange(m_postedFromLoopThread, false))
        timeoutMs = includeTimers ? msUntilNextTimer() : -1;

    int activated = 0;
    if (includeNotifiers) {
        activated += activateSockets(timeoutMs);
    } else if (timeoutMs != 0) {
        pollfd wake{m_wake, POLLIN, 0}; // sockets are excluded: only a wake-up or a timer ends the wait
        if (::poll(&wake, 1, timeoutMs) > 0)
            ++activated;
    }
    if (includeTimers)
        activated += activateTimers();
    m_interrupted.store(false, std::memory_order_relaxed); // this pass ends now anyway
    return activated > 0;
}

int EpollEventDispatcher::activateSockets(int timeoutMs)
{
    for (const int fd : m_dirty)
        if (const auto it = m_watches.find(fd); it != m_watches.end() && it->second.dirty) {
            it->second.dirty = false;
            updateInterest(fd);
        }
    m_dirty.clear();
    epoll_event ready[kEventsPerWait];
    const int count = ::epoll_wait(m_epoll, ready, kEventsPerWait, timeoutMs);
    if (count < 0) {
        if (errno != EINTR)
            qWarning("EpollEventDispatcher: epoll_wait: %s", std::strerror(errno));
        return 0;
    }
    int activated = 0;
    for (int i = 0; i < count; ++i) {
        const int fd = ready[i].data.fd;
        const std::uint32_t events = ready[i].events;
        if (fd == m_wake) {
            ++activated; // drained by the next pass, which sends what was posted
            continue;
        }
        // Each delivery may enable, disable or delete notifiers of this descriptor: look again.
        const auto deliver = [&](QSocketNotifier *Watch::*slot) {
            const auto it = m_watches.find(fd);
            if (it == m_watches.end() || !(it->second.*slot))
                return;
            QEvent event(QEvent::SockAct);
            QCoreApplication::sendEvent(it->second.*slot, &event);
            ++activated;
        };
        if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
            deliver(&Watch::read);
        if (events & (EPOLLOUT | EPOLLERR))
            deliver(&Watch::write);
        if (events & EPOLLPRI)
            deliver(&Watch::exception);
    }
    return activated;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    Watch &watch = m_watches[fd];
    QSocketNotifier **slot = notifier->type() == QSocketNotifier::Read    ? &watch.read
                             : notifier->type() == QSocketNotifier::Write ? &watch.write
                                                                          : &watch.exception;
    if (*slot && *slot != notifier)
        qWarning("EpollEventDispatcher: a second socket notifier of the same type for descriptor %d is ignored", fd);
    else
        *slot = notifier;
    changed(fd);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto it = m_watches.find(fd);
    if (it == m_watches.end())
        return;
    for (QSocketNotifier **slot : {&it->second.read, &it->second.write, &it->second.exception})
        if (*slot == notifier)
            *slot = nullptr;
    changed(fd);
}

void EpollEventDispatcher::changed(int fd)
{
    Watch &watch = m_watches[fd];
    if (!watch.read && !watch.write && !watch.exception) {
        updateInterest(fd); // now: the descriptor may be closed next, and its number handed out again
        return;
    }
    if (!watch.dirty) {
        watch.dirty = true;
        m_dirty.push_back(fd);
    }
}

void EpollEventDispatcher::updateInterest(int fd)
{
    const auto it = m_watches.find(fd);
    if (it == m_watches.end())
        return;
    Watch &watch = it->second;
    const std::uint32_t wanted =
        (watch.read ? std::uint32_t(EPOLLIN) : 0u) | (watch.write ? std::uint32_t(EPOLLOUT) : 0u) |
        (watch.exception ? std::uint32_t(EPOLLPRI) : 0u);
    if (wanted == 0) {
        // The descriptor may be closed already (which took it out of the set): nothing to undo then.
        if (watch.events != 0)
            ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        m_watches.erase(it);
        return;
    }
    if (wanted == watch.events)
        return;
    epoll_event interest{};
    interest.events = wanted;
    interest.data.fd = fd;
    // A descriptor closed and reused behind our back is new to epoll; one added twice is not.
    int op = watch.events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (::epoll_ctl(m_epoll, op, fd, &interest) < 0) {
        op = errno == ENOENT ? EPOLL_CTL_ADD : errno == EEXIST ? EPOLL_CTL_MOD : -1;
        if (op < 0 || ::epoll_ctl(m_epoll, op, fd, &interest) < 0) {
            qWarning("EpollEventDispatcher: epoll_ctl on descriptor %d: %s", fd, std::strerror(errno));
            return;
        }
    }
    watch.events = wanted;
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    if (const auto old = m_timers.find(timerId); old != m_timers.end())
        forgetTimer(old);
    Timer &timer = m_timers[timerId];
    timer.intervalMs = std::max<qint64>(0, interval);
    timer.type = timerType;
    timer.object = object;
    timer.deadline = Clock::now() + std::chrono::milliseconds(timer.intervalMs);
    m_queue.emplace(timer.deadline, timerId);
    m_byObject.emplace(object, timerId);
}

void EpollEventDispatcher::forgetTimer(std::unordered_map<int, Timer>::iterator it)
{
    const int id = it->first;
    m_queue.erase({it->second.deadline, id});
    auto [first, last] = m_byObject.equal_range(it->second.object);
    for (auto o = first; o != last; ++o)
        if (o->second == id) {
            m_byObject.erase(o);
            break;
        }
    m_timers.erase(it);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    forgetTimer(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    auto [first, last] = m_byObject.equal_range(object);
    if (first == last)
        return false;
    std::vector<int> ids;
    for (auto o = first; o != last; ++o)
        ids.push_back(o->second);
    for (int id : ids)
        unregisterTimer(id);
    return true;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    auto [first, last] = m_byObject.equal_range(object);
    for (auto o = first; o != last; ++o) {
        const Timer &timer = m_timers.at(o->second);
        timers.append(TimerInfo(o->second, int(timer.intervalMs), timer.type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return -1;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(it->second.deadline - Clock::now());
    return int(std::max<qint64>(0, left.count()));
}

int EpollEventDispatcher::msUntilNextTimer() const
{
    if (m_queue.empty())
        return -1;
    const auto left = m_queue.begin()->first - Clock::now();
    if (left <= Clock::duration::zero())
        return 0;
    // Rounded up: waking a little early would only spin until the deadline.
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
    return int(std::min<qint64>(ms, 24 * 3600 * 1000));
}

int EpollEventDispatcher::activateTimers()
{
    if (m_queue.empty())
        return 0;
    const Clock::time_point now = Clock::now();
    // Taken out of the queue first: a timer due now fires once in this pass, however long its
    // own event takes, and one started by an event waits for the next pass.
    std::vector<Due> due;
    while (!m_queue.empty() && m_queue.begin()->first <= now) {
        due.push_back(*m_queue.begin());
        m_queue.erase(m_queue.begin());
    }
    int activated = 0;
    for (const auto &[deadline, id] : due) {
        // Earlier events may have stopped or restarted this timer.
        auto it = m_timers.find(id);
        if (it == m_timers.end() || it->second.deadline != deadline)
            continue;
        Timer &timer = it->second;
        const auto interval = std::chrono::milliseconds(timer.intervalMs);
        timer.deadline += interval;
        if (timer.deadline < now)
            timer.deadline = now + interval; // fell behind: the next one a full interval from now
        timer.firing = true; // out of the queue until its event returns, so nested loops skip it
        QTimerEvent event(id);
        QCoreApplication::sendEvent(timer.object, &event);
        ++activated;
        // Still ours (not stopped, not restarted, which would have queued it already): queue it again.
        it = m_timers.find(id);
        if (it != m_timers.end() && it->second.firing) {
            it->second.firing = false;
            m_queue.emplace(it->second.deadline, id);
        }
    }
    return activated;
}

void EpollEventDispatcher::wakeUp()
{
    if (QThread::currentThreadId() == m_loopThread.load(std::memory_order_relaxed)) {
        m_postedFromLoopThread = true;
        return;
    }
    // One write per sleep is enough; processEvents() clears the flag before it sends posted events.
    if (m_wakePending.exchange(true, std::memory_order_acq_rel))
        return;
    const std::uint64_t one = 1;
    while (::write(m_wake, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true, std::memory_order_relaxed);
    wakeUp();
}

} // namespace gw
