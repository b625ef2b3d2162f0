// The epoll dispatcher the gateway's workers run on, held to QEventDispatcherUNIX's behaviour:
// posted events and quit() from other threads wake it, timers repeat, stop, keep their ids free
// for reuse and are not re-entered from a nested loop, a moved object keeps its timer, and of
// thousands of watched sockets exactly the ready ones are served (level-triggered, hang-ups
// included, descriptors reused after close, notifiers excluded when the caller says so).
#include "net/epoll_event_dispatcher.h"

#include <QAbstractEventDispatcher>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSocketNotifier>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace gw;

namespace {

// A thread running its loop on the epoll dispatcher, and a way to run code there.
struct EpollThread {
    QThread thread;
    QObject *home = nullptr;
    EpollThread()
    {
        thread.setEventDispatcher(new EpollEventDispatcher);
        thread.start();
        home = new QObject;
        home->moveToThread(&thread);
    }
    ~EpollThread()
    {
        QMetaObject::invokeMethod(home, [h = home] { delete h; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
    template <typename F> void run(F &&f) { QMetaObject::invokeMethod(home, std::forward<F>(f), Qt::BlockingQueuedConnection); }
};

// An object that counts its timer events, from any thread.
class TimerCounter : public QObject {
public:
    std::atomic<int> fired{0};
    std::atomic<int> reentered{0};
    std::function<void(TimerCounter *)> onFire;
    bool inside = false;

protected:
    void timerEvent(QTimerEvent *) override
    {
        if (inside)
            ++reentered;
        inside = true;
        ++fired;
        if (onFire)
            onFire(this);
        inside = false;
    }
};

} // namespace

class TestEpollEventDispatcher : public QObject {
    Q_OBJECT
private slots:
    void theThreadRunsOnIt();
    void crossThreadPostsAndQuitWakeTheLoop();
    void timersRepeatStopAndFreeTheirIds();
    void aNestedLoopDoesNotReenterTheFiringTimer();
    void aMovedObjectKeepsItsTimer();
    void ofThousandsOfSocketsOnlyTheReadyOnesAreServed();
    void notifiersAreLevelTriggeredAndSeeHangUps();
    void aReusedDescriptorIsWatchedAfresh();
    void excludedNotifiersWaitForTheNextPass();
    void postsFromTheLoopsOwnThreadDoNotWaitForAWakeUp();
};

void TestEpollEventDispatcher::theThreadRunsOnIt()
{
    EpollThread t;
    bool isEpoll = false;
    t.run([&] { isEpoll = qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()) != nullptr; });
    QVERIFY(isEpoll);
}

void TestEpollEventDispatcher::crossThreadPostsAndQuitWakeTheLoop()
{
    EpollThread t;
    std::atomic<int> ran{0};
    // From two threads at once, while the loop sleeps and while it works.
    std::thread other([&] {
        for (int i = 0; i < 5000; ++i)
            QMetaObject::invokeMethod(t.home, [&] { ++ran; }, Qt::QueuedConnection);
    });
    for (int i = 0; i < 5000; ++i)
        QMetaObject::invokeMethod(t.home, [&] { ++ran; }, Qt::QueuedConnection);
    other.join();
    QTRY_COMPARE_WITH_TIMEOUT(ran.load(), 10000, 10000);
    // One more after it went back to sleep.
    QTest::qWait(50);
    QMetaObject::invokeMethod(t.home, [&] { ++ran; }, Qt::QueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(ran.load(), 10001, 10000);
    // quit() from here ends a loop that sleeps with no timer at all.
    QThread thread;
    thread.setEventDispatcher(new EpollEventDispatcher);
    thread.start();
    QTest::qWait(20);
    thread.quit();
    QVERIFY(thread.wait(10000));
}

void TestEpollEventDispatcher::timersRepeatStopAndFreeTheirIds()
{
    EpollThread t;
    TimerCounter *counter = nullptr;
    int firstId = 0, secondId = 0, remaining = -2;
    t.run([&] {
        counter = new TimerCounter;
        counter->onFire = [](TimerCounter *c) {
            if (c->fired == 5)
                c->killTimer(c->property("id").toInt());
        };
        const int id = counter->startTimer(5, Qt::PreciseTimer);
        counter->setProperty("id", id);
        // A stopped timer's id goes back to the pool: the next one gets it again.
        firstId = counter->startTimer(1000);
        remaining = QAbstractEventDispatcher::instance()->remainingTime(firstId);
        counter->killTimer(firstId);
        secondId = counter->startTimer(1000);
        counter->killTimer(secondId);
    });
    QCOMPARE(secondId, firstId);
    QVERIFY2(remaining > 900 && remaining <= 1000, qPrintable(QString::number(remaining)));
    QTRY_COMPARE_WITH_TIMEOUT(counter->fired.load(), 5, 10000);
    QTest::qWait(60);
    QCOMPARE(counter->fired.load(), 5); // killed from its own event: no sixth
    // A single shot, and one stopped before it was due.
    std::atomic<int> shots{0};
    t.run([&] {
        QTimer::singleShot(10, t.home, [&] { ++shots; });
        auto *stopped = new QTimer(t.home);
        stopped->setSingleShot(true);
        QObject::connect(stopped, &QTimer::timeout, [&] { shots += 100; });
        stopped->start(20);
        QTimer::singleShot(5, t.home, [stopped] { stopped->stop(); });
    });
    QTRY_COMPARE_WITH_TIMEOUT(shots.load(), 1, 10000);
    QTest::qWait(60);
    QCOMPARE(shots.load(), 1);
    t.run([&] { delete counter; });
}

void TestEpollEventDispatcher::aNestedLoopDoesNotReenterTheFiringTimer()
{
    EpollThread t;
    TimerCounter *counter = nullptr;
    std::atomic<int> otherTicks{0};
    t.run([&] {
        counter = new TimerCounter;
        // The first event spins a nested loop for 60 ms; the 5 ms timer is due a dozen times
        // meanwhile, but Qt never delivers a timer inside its own event.
        counter->onFire = [&](TimerCounter *c) {
            if (c->fired != 1)
                return;
            QEventLoop nested;
            auto *other = new QTimer(&nested);
            QObject::connect(other, &QTimer::timeout, [&] { ++otherTicks; });
            other->start(5);
            QTimer::singleShot(60, &nested, &QEventLoop::quit);
            nested.exec();
        };
        counter->startTimer(5, Qt::PreciseTimer);
    });
    QTRY_VERIFY_WITH_TIMEOUT(counter->fired.load() >= 3, 10000);
    QCOMPARE(counter->reentered.load(), 0);
    QVERIFY2(otherTicks.load() >= 3, "other timers run in the nested loop");
    t.run([&] { delete counter; });
}

void TestEpollEventDispatcher::aMovedObjectKeepsItsTimer()
{
    EpollThread t;
    auto *counter = new TimerCounter;
    counter->startTimer(5);
    counter->moveToThread(&t.thread);
    QTRY_VERIFY_WITH_TIMEOUT(counter->fired.load() >= 3, 10000);
    QMetaObject::invokeMethod(counter, [counter] { delete counter; }, Qt::BlockingQueuedConnection);
}

namespace {

struct SocketPair {
    int mine = -1;   // watched in the dispatcher's thread
    int theirs = -1; // written from the test
    SocketPair()
    {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0) {
            mine = fds[0];
            theirs = fds[1];
        }
    }
    ~SocketPair()
    {
        if (mine >= 0)
            ::close(mine);
        if (theirs >= 0)
            ::close(theirs);
    }
};

} // namespace

void TestEpollEventDispatcher::ofThousandsOfSocketsOnlyTheReadyOnesAreServed()
{
    EpollThread t;
    // 3,000 pairs need 6,000 descriptors: the soft limit goes up to the hard one.
    rlimit files{};
    ::getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
    if (files.rlim_cur < 6500)
        QSKIP("the open-file limit is below 6,500: 3,000 socket pairs do not fit");
    constexpr int kSockets = 3000;
    std::vector<std::unique_ptr<SocketPair>> pairs;
    for (int i = 0; i < kSockets; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        QVERIFY(pairs.back()->mine >= 0);
    }
    std::vector<std::atomic<int>> served(kSockets);
    std::vector<QSocketNotifier *> notifiers(kSockets);
    t.run([&] {
        for (int i = 0; i < kSockets; ++i) {
            auto *n = new QSocketNotifier(pairs[size_t(i)]->mine, QSocketNotifier::Read, t.home);
            QObject::connect(n, &QSocketNotifier::activated, [&, i, fd = pairs[size_t(i)]->mine] {
                char buffer[64];
                while (::read(fd, buffer, sizeof buffer) > 0)
                    ++served[size_t(i)];
            });
            notifiers[size_t(i)] = n;
        }
    });
    const std::vector<int> ready = {0, 7, 1499, 2998, 2999};
    for (int i : ready)
        QCOMPARE(::write(pairs[size_t(i)]->theirs, "x", 1), ssize_t(1));
    for (int i : ready)
        QTRY_COMPARE_WITH_TIMEOUT(served[size_t(i)].load(), 1, 10000);
    int total = 0;
    for (const auto &s : served)
        total += s.load();
    QCOMPARE(total, int(ready.size()));
    t.run([&] { qDeleteAll(notifiers); });
}

void TestEpollEventDispatcher::notifiersAreLevelTriggeredAndSeeHangUps()
{
    EpollThread t;
    SocketPair pair;
    std::atomic<int> activations{0};
    std::atomic<int> sawEnd{0};
    QSocketNotifier *notifier = nullptr;
    t.run([&] {
        notifier = new QSocketNotifier(pair.mine, QSocketNotifier::Read, t.home);
        // Reads one byte per activation: the rest must wake it again (level-triggered).
        QObject::connect(notifier, &QSocketNotifier::activated, [&] {
            char byte;
            const ssize_t n = ::read(pair.mine, &byte, 1);
            ++activations;
            if (n == 0) {
                ++sawEnd;
                notifier->setEnabled(false);
            }
        });
    });
    QCOMPARE(::write(pair.theirs, "abc", 3), ssize_t(3));
    QTRY_COMPARE_WITH_TIMEOUT(activations.load(), 3, 10000);
    // Disabled, a ready socket is not delivered; enabled again, it is.
    t.run([&] { notifier->setEnabled(false); });
    QCOMPARE(::write(pair.theirs, "d", 1), ssize_t(1));
    QTest::qWait(50);
    QCOMPARE(activations.load(), 3);
    t.run([&] { notifier->setEnabled(true); });
    QTRY_COMPARE_WITH_TIMEOUT(activations.load(), 4, 10000);
    // The peer goes away: the read notifier hears of it.
    ::close(pair.theirs);
    pair.theirs = -1;
    QTRY_COMPARE_WITH_TIMEOUT(sawEnd.load(), 1, 10000);
    t.run([&] { delete notifier; });
}

void TestEpollEventDispatcher::aReusedDescriptorIsWatchedAfresh()
{
    // A descriptor closed while its notifier was still enabled (epoll dropped it silently) and
    // handed out again by the kernel: the new notifier on the same number must work.
    EpollThread t;
    auto first = std::make_unique<SocketPair>();
    const int number = first->mine;
    QSocketNotifier *stale = nullptr;
    t.run([&] { stale = new QSocketNotifier(number, QSocketNotifier::Read, t.home); });
    first.reset();
    auto second = std::make_unique<SocketPair>();
    QCOMPARE(second->mine, number); // the lowest free number, as POSIX hands them out
    std::atomic<int> got{0};
    QSocketNotifier *fresh = nullptr;
    t.run([&] {
        delete stale;
        fresh = new QSocketNotifier(second->mine, QSocketNotifier::Read, t.home);
        QObject::connect(fresh, &QSocketNotifier::activated, [&] {
            char byte;
            if (::read(second->mine, &byte, 1) == 1)
                ++got;
        });
    });
    QCOMPARE(::write(second->theirs, "y", 1), ssize_t(1));
    QTRY_COMPARE_WITH_TIMEOUT(got.load(), 1, 10000);
    t.run([&] { delete fresh; });
}

void TestEpollEventDispatcher::excludedNotifiersWaitForTheNextPass()
{
    EpollThread t;
    SocketPair pair;
    QCOMPARE(::write(pair.theirs, "z", 1), ssize_t(1));
    int duringExcluded = -1, afterwards = -1;
    t.run([&] {
        int activations = 0;
        QSocketNotifier notifier(pair.mine, QSocketNotifier::Read);
        QObject::connect(&notifier, &QSocketNotifier::activated, [&] {
            char byte;
            ::read(pair.mine, &byte, 1);
            ++activations;
        });
        QEventLoop loop;
        loop.processEvents(QEventLoop::ExcludeSocketNotifiers);
        duringExcluded = activations;
        QElapsedTimer timer;
        timer.start();
        while (activations == 0 && timer.elapsed() < 10000)
            loop.processEvents(QEventLoop::AllEvents);
        afterwards = activations;
    });
    QCOMPARE(duringExcluded, 0);
    QCOMPARE(afterwards, 1);
}

void TestEpollEventDispatcher::postsFromTheLoopsOwnThreadDoNotWaitForAWakeUp()
{
    // The loop's own posts skip the eventfd; the pass after them must not sleep. Nothing else
    // wakes this loop (no timer, no other thread), so a sleep would stall each chain for good.
    EpollThread t;
    SocketPair pair;
    std::atomic<int> chained{0};
    std::atomic<bool> fromNotifier{false}, fromTimer{false};
    std::function<void()> step = [&] {
        if (++chained < 1000)
            QMetaObject::invokeMethod(t.home, step, Qt::QueuedConnection);
    };
    // A chain of posts, each made while the posted events are being sent.
    QMetaObject::invokeMethod(t.home, step, Qt::QueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(chained.load(), 1000, 10000);
    // A post made while a socket is served, and one made by a timer's handler.
    std::unique_ptr<QSocketNotifier> notifier;
    t.run([&] {
        notifier = std::make_unique<QSocketNotifier>(pair.mine, QSocketNotifier::Read);
        QObject::connect(notifier.get(), &QSocketNotifier::activated, t.home, [&] {
            char byte;
            ::read(pair.mine, &byte, 1);
            QMetaObject::invokeMethod(t.home, [&] { fromNotifier = true; }, Qt::QueuedConnection);
        });
        QTimer::singleShot(20, t.home, [&] { QMetaObject::invokeMethod(t.home, [&] { fromTimer = true; }, Qt::QueuedConnection); });
    });
    QTest::qWait(50); // the loop sleeps again, with no timer left
    QCOMPARE(::write(pair.theirs, "x", 1), ssize_t(1));
    QTRY_VERIFY_WITH_TIMEOUT(fromNotifier.load(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(fromTimer.load(), 10000);
    // A nested loop ended from its own thread ends at once too (exit() posts no event).
    bool nestedEnded = false;
    t.run([&] {
        QEventLoop nested;
        QMetaObject::invokeMethod(t.home, [&] { nested.exit(); }, Qt::QueuedConnection);
        nested.exec();
        nestedEnded = true;
    });
    QVERIFY(nestedEnded);
    t.run([&] { notifier.reset(); });
}

QTEST_GUILESS_MAIN(TestEpollEventDispatcher)
#include "tst_epoll_event_dispatcher.moc"
