// The injected clocks: the manual one moves only when told and fires due timers in deadline order
// on their home threads; the system one never fires a timer before its deadline.
#include "common/clocks.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

using namespace gw;

class TestClocks : public QObject {
    Q_OBJECT
private slots:
    void manualTimeStandsStillUntilAdvanced();
    void manualTimersFireInDeadlineOrder();
    void destroyedOrStoppedTimersDoNotFire();
    void manualTimersRunOnTheirHomeThread();
    void systemTimerIsNeverEarly();
};

void TestClocks::manualTimeStandsStillUntilAdvanced()
{
    ManualClock clock(1'000'000, 5'000);
    QCOMPARE(clock.wallMs(), qint64(1'000'000));
    QCOMPARE(clock.monotonicNs(), qint64(5'000));
    clock.advance(250);
    QCOMPARE(clock.wallMs(), qint64(1'000'250));
    QCOMPARE(clock.monotonicNs(), qint64(5'000 + 250'000'000));
}

void TestClocks::manualTimersFireInDeadlineOrder()
{
    ManualClock clock;
    QStringList fired;
    auto late = clock.startTimer(this, 300, [&] { fired << QStringLiteral("300"); });
    auto early = clock.startTimer(this, 100, [&] { fired << QStringLiteral("100"); });
    auto later = clock.startTimer(this, 1000, [&] { fired << QStringLiteral("1000"); });
    clock.advance(99);
    QCoreApplication::processEvents();
    QVERIFY(fired.isEmpty());
    clock.advance(201); // now at 300: the first two are due
    QCOMPARE(clock.pendingTimers(), 3); // due, but not run yet: still pending
    QCoreApplication::processEvents();
    QCOMPARE(fired, (QStringList{"100", "300"}));
    QCOMPARE(clock.pendingTimers(), 1);
    // A re-armed timer counts from now.
    early->start(50);
    clock.advance(50);
    QCoreApplication::processEvents();
    QCOMPARE(fired, (QStringList{"100", "300", "100"}));
}

void TestClocks::destroyedOrStoppedTimersDoNotFire()
{
    ManualClock clock;
    int fired = 0;
    auto stopped = clock.startTimer(this, 10, [&] { ++fired; });
    stopped->stop();
    {
        auto dropped = clock.startTimer(this, 10, [&] { ++fired; });
    }
    clock.advance(20);
    QCoreApplication::processEvents();
    QCOMPARE(fired, 0);
    // Cancelled after it was queued but before it ran: still nothing.
    auto queued = clock.startTimer(this, 10, [&] { ++fired; });
    clock.advance(10);
    queued.reset();
    QCoreApplication::processEvents();
    QCOMPARE(fired, 0);
}

void TestClocks::manualTimersRunOnTheirHomeThread()
{
    ManualClock clock;
    QThread thread;
    thread.start();
    QObject home;
    home.moveToThread(&thread);
    std::atomic<QThread *> ranOn{nullptr};
    std::unique_ptr<ClockTimer> timer;
    QMetaObject::invokeMethod(&home, [&] { timer = clock.startTimer(&home, 5, [&] { ranOn = QThread::currentThread(); }); },
                              Qt::BlockingQueuedConnection);
    clock.advance(5);
    QTRY_VERIFY(ranOn.load() != nullptr);
    QCOMPARE(ranOn.load(), &thread);
    QMetaObject::invokeMethod(&home, [&] { timer.reset(); }, Qt::BlockingQueuedConnection);
    home.moveToThread(QThread::currentThread());
    thread.quit();
    thread.wait();
}

void TestClocks::systemTimerIsNeverEarly()
{
    // A coarse Qt timer may fire 5% early; the clock's timers re-arm until the deadline is reached.
    const ClockPtr &clock = systemClock();
    for (int delay : {1, 7, 30, 120}) {
        const qint64 started = clock->monotonicNs();
        qint64 firedAt = 0;
        auto timer = clock->startTimer(this, delay, [&] { firedAt = clock->monotonicNs(); });
        QTRY_VERIFY_WITH_TIMEOUT(firedAt != 0, 5000);
        QVERIFY2(firedAt - started >= qint64(delay) * 1'000'000, qPrintable(QString::number(firedAt - started)));
    }
}

QTEST_GUILESS_MAIN(TestClocks)
#include "tst_clocks.moc"
