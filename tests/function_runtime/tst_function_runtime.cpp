// FunctionRuntime across threads: invoke() from gateway workers while the runtime shuts down;
// each invoker thread's own warm processes (the answer comes back on the caller's thread, an idle
// process on another thread is reused before a cold start), and one concurrency limit for all.
#include "net/epoll_event_dispatcher.h"
#include "runtime/function_runtime.h"
#include "runtime/runtime_bootstraps.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <nlohmann/json.hpp>

#include <atomic>
#include <memory>
#include <map>
#include <mutex>
#include <set>
#include <vector>

using namespace gw;

namespace {

// A thread with a running loop on the gateway's dispatcher, like a worker.
struct LoopThread {
    QThread thread;
    QObject *home = nullptr;
    LoopThread()
    {
        thread.setEventDispatcher(new EpollEventDispatcher);
        thread.start();
        home = new QObject;
        home->moveToThread(&thread);
    }
    ~LoopThread()
    {
        QMetaObject::invokeMethod(home, [h = home] { delete h; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
    template <typename F> void post(F &&f) { QMetaObject::invokeMethod(home, std::forward<F>(f), Qt::QueuedConnection); }
};

// What one invocation ended with, and where its callback ran.
struct Answer {
    InvocationResult result;
    QThread *thread = nullptr;
    int tag = 0;
    int pid() const
    {
        const auto body = nlohmann::json::parse(result.payload.toStdString(), nullptr, false);
        return body.is_object() ? body.value("pid", 0) : 0;
    }
};

struct Answers {
    std::mutex lock;
    std::vector<Answer> all;
    std::atomic<int> count{0};
    InvocationCallback callback(int tag = 0)
    {
        return [this, tag](InvocationResult result) {
            {
                std::lock_guard guard(lock);
                all.push_back({std::move(result), QThread::currentThread(), tag});
            }
            ++count;
        };
    }
};

// A Node function that answers with its process id, after sleeping as long as the event asks.
FunctionSpec pidFunction(const QString &codeDir, int maxConcurrency, bool throttle)
{
    QFile app(codeDir + QStringLiteral("/app.js"));
    if (app.open(QIODevice::WriteOnly))
        app.write("exports.handler = async (event) => {\n"
                  "  if (event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));\n"
                  "  return { pid: process.pid };\n"
                  "};\n");
    FunctionSpec spec;
    spec.name = QStringLiteral("pid");
    spec.runtime = QStringLiteral("nodejs");
    spec.handler = QStringLiteral("app.handler");
    spec.program = QStandardPaths::findExecutable(QStringLiteral("node"));
    spec.arguments = {runtimeBootstrapPath(spec.runtime)};
    spec.codeDir = codeDir;
    spec.timeoutMs = 10000;
    spec.maxConcurrency = maxConcurrency;
    spec.throttleBeyondConcurrency = throttle;
    spec.region = QStringLiteral("us-east-1");
    spec.arn = "arn:aws:lambda:us-east-1:123456789012:function:pid";
    return spec;
}

InvocationRequest sleepEvent(int sleepMs, int n)
{
    InvocationRequest request;
    request.payload = QByteArray::fromStdString(nlohmann::json{{"sleepMs", sleepMs}}.dump());
    request.requestId = "req-" + QByteArray::number(n);
    return request;
}

} // namespace

class TestFunctionRuntime : public QObject {
    Q_OBJECT
private slots:
    void invokeRacesShutdown();
    void anInvokerThreadIsAnsweredOnItsOwnThread();
    void anIdleProcessOnAnotherThreadIsReusedBeforeAColdStart();
    void aSandboxWhoseAnswerHasArrivedIsReusedRatherThanColdStarted();
    void theConcurrencyLimitHoldsAcrossThreads();
    void reservedConcurrencyThrottlesAcrossThreads();
    void aRuntimeThatAnswersAndExitsHasAnswered();
};

void TestFunctionRuntime::invokeRacesShutdown()
{
    // Workers keep invoking while the runtime stops: every call must get exactly one answer
    // (a "stopped" or "not found" error), and none may touch what shutdown() tore down.
    for (int round = 0; round < 40; ++round) {
        auto runtime = std::make_unique<FunctionRuntime>();
        std::atomic<bool> go{true};
        std::atomic<int> sent{0}, answered{0};
        std::vector<QThread *> threads;
        for (int t = 0; t < 3; ++t) {
            threads.push_back(QThread::create([&] {
                while (go.load()) {
                    ++sent;
                    runtime->invoke(QStringLiteral("missing"), InvocationRequest{}, [&](InvocationResult result) {
                        if (result.status == InvocationResult::Status::ServiceError)
                            ++answered;
                    });
                }
            }));
            threads.back()->start();
        }
        QThread::usleep(500);
        runtime->shutdown();
        go = false;
        for (QThread *thread : threads) {
            thread->wait();
            delete thread;
        }
        runtime.reset();
        QCOMPARE(answered.load(), sent.load());
    }
}

void TestFunctionRuntime::anInvokerThreadIsAnsweredOnItsOwnThread()
{
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        QSKIP("node is not installed");
    QTemporaryDir dir;
    LoopThread a, b;
    FunctionRuntime runtime(nullptr, {&a.thread, &b.thread});
    runtime.configure({pidFunction(dir.path(), 4, false)});
    Answers answers;
    // a's call starts a process held by a, and is answered on a's thread (no hop to the
    // runtime's thread and back).
    a.post([&] { runtime.invoke(QStringLiteral("pid"), sleepEvent(0, 0), answers.callback(1)); });
    QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), 1, 20000);
    // While that process is busy, b's call finds no idle one anywhere: b starts its own.
    a.post([&] { runtime.invoke(QStringLiteral("pid"), sleepEvent(1000, 1), answers.callback(2)); });
    QTest::qWait(150);
    b.post([&] { runtime.invoke(QStringLiteral("pid"), sleepEvent(0, 2), answers.callback(3)); });
    QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), 3, 20000);
    std::lock_guard guard(answers.lock);
    std::map<int, const Answer *> byTag;
    for (const Answer &answer : answers.all) {
        QVERIFY2(answer.result.status == InvocationResult::Status::Success, answer.result.errorMessage.toUtf8());
        byTag[answer.tag] = &answer;
    }
    QCOMPARE(byTag[1]->thread, &a.thread);
    QCOMPARE(byTag[2]->thread, &a.thread);
    QCOMPARE(byTag[3]->thread, &b.thread);
    QCOMPARE(byTag[1]->pid(), byTag[2]->pid());
    QVERIFY(byTag[3]->pid() != byTag[1]->pid());
    QVERIFY(byTag[3]->pid() > 0);
    runtime.shutdown();
}

void TestFunctionRuntime::anIdleProcessOnAnotherThreadIsReusedBeforeAColdStart()
{
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        QSKIP("node is not installed");
    QTemporaryDir dir;
    LoopThread a, b;
    FunctionRuntime runtime(nullptr, {&a.thread, &b.thread});
    std::atomic<int> mostProcesses{0};
    connect(&runtime, &FunctionRuntime::processCountChanged, this, [&](const QString &, int processes) {
        mostProcesses = std::max(mostProcesses.load(), processes);
    }, Qt::DirectConnection);
    runtime.configure({pidFunction(dir.path(), 4, false)});
    Answers answers;
    // One at a time, alternating threads: Lambda reuses an idle sandbox before starting another,
    // so one process serves all of them, wherever it lives.
    for (int n = 0; n < 6; ++n) {
        LoopThread *t = n % 2 ? &b : &a;
        t->post([&, n] { runtime.invoke(QStringLiteral("pid"), sleepEvent(0, n), answers.callback()); });
        QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), n + 1, 20000);
    }
    std::lock_guard guard(answers.lock);
    std::set<int> pids;
    for (const Answer &answer : answers.all) {
        QVERIFY2(answer.result.status == InvocationResult::Status::Success, answer.result.errorMessage.toUtf8());
        pids.insert(answer.pid());
    }
    QCOMPARE(int(pids.size()), 1);
    QCOMPARE(mostProcesses.load(), 1);
    runtime.shutdown();
}

void TestFunctionRuntime::aSandboxWhoseAnswerHasArrivedIsReusedRatherThanColdStarted()
{
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        QSKIP("node is not installed");
    QTemporaryDir dir;
    LoopThread a;
    FunctionRuntime runtime(nullptr, {&a.thread});
    std::atomic<int> mostProcesses{0};
    connect(&runtime, &FunctionRuntime::processCountChanged, this, [&](const QString &, int processes) {
        mostProcesses = std::max(mostProcesses.load(), processes);
    }, Qt::DirectConnection);
    runtime.configure({pidFunction(dir.path(), 4, false)});
    Answers answers;
    a.post([&] { runtime.invoke(QStringLiteral("pid"), sleepEvent(0, 0), answers.callback(0)); });
    QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), 1, 20000);
    // The warm process takes a 150 ms invocation; the thread is then kept busy until well after
    // its answer has arrived, and only then is handed the next event. That process is free (its
    // answer is in the socket, unread): the event goes to it, and no sandbox is started.
    a.post([&] { runtime.invoke(QStringLiteral("pid"), sleepEvent(150, 1), answers.callback(1)); });
    QTest::qWait(50);
    a.post([&] {
        QThread::msleep(700);
        runtime.invoke(QStringLiteral("pid"), sleepEvent(0, 2), answers.callback(2));
    });
    QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), 3, 20000);
    std::lock_guard guard(answers.lock);
    std::map<int, const Answer *> byTag;
    for (const Answer &answer : answers.all) {
        QVERIFY2(answer.result.status == InvocationResult::Status::Success, answer.result.errorMessage.toUtf8());
        byTag[answer.tag] = &answer;
    }
    QCOMPARE(byTag[2]->pid(), byTag[1]->pid());
    QCOMPARE(mostProcesses.load(), 1);
    runtime.shutdown();
}

void TestFunctionRuntime::theConcurrencyLimitHoldsAcrossThreads()
{
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        QSKIP("node is not installed");
    QTemporaryDir dir;
    LoopThread a, b;
    FunctionRuntime runtime(nullptr, {&a.thread, &b.thread});
    std::atomic<int> mostProcesses{0};
    connect(&runtime, &FunctionRuntime::processCountChanged, this, [&](const QString &, int processes) {
        mostProcesses = std::max(mostProcesses.load(), processes);
    }, Qt::DirectConnection);
    runtime.configure({pidFunction(dir.path(), 2, false)});
    Answers answers;
    // Eight slow invocations at once, four from each thread, with room for two processes in all:
    // the rest wait (no reserved concurrency: the local pool queues) and every one is answered.
    for (int n = 0; n < 8; ++n) {
        LoopThread *t = n % 2 ? &b : &a;
        t->post([&, n] { runtime.invoke(QStringLiteral("pid"), sleepEvent(150, n), answers.callback()); });
    }
    QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), 8, 30000);
    std::lock_guard guard(answers.lock);
    std::set<int> pids;
    for (const Answer &answer : answers.all) {
        QVERIFY2(answer.result.status == InvocationResult::Status::Success, answer.result.errorMessage.toUtf8());
        pids.insert(answer.pid());
    }
    QVERIFY2(pids.size() <= 2, qPrintable(QStringLiteral("%1 processes").arg(pids.size())));
    QVERIFY(mostProcesses.load() <= 2);
    runtime.shutdown();
}

void TestFunctionRuntime::reservedConcurrencyThrottlesAcrossThreads()
{
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        QSKIP("node is not installed");
    QTemporaryDir dir;
    LoopThread a, b;
    FunctionRuntime runtime(nullptr, {&a.thread, &b.thread});
    runtime.configure({pidFunction(dir.path(), 1, true)});
    Answers answers;
    // Reserved concurrency 1: while a's invocation runs, b's is throttled at once, as Lambda does
    // (TooManyRequestsException), although b has no process of its own yet.
    a.post([&] { runtime.invoke(QStringLiteral("pid"), sleepEvent(1500, 0), answers.callback()); });
    QTest::qWait(700); // the cold start is done and the handler sleeps
    b.post([&] { runtime.invoke(QStringLiteral("pid"), sleepEvent(0, 1), answers.callback()); });
    QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), 2, 20000);
    std::lock_guard guard(answers.lock);
    QCOMPARE(answers.all[0].result.errorType, QByteArray("TooManyRequestsException"));
    QCOMPARE(answers.all[0].thread, &b.thread);
    QVERIFY2(answers.all[1].result.status == InvocationResult::Status::Success, answers.all[1].result.errorMessage.toUtf8());
    runtime.shutdown();
}

QTEST_GUILESS_MAIN(TestFunctionRuntime)
#include "tst_function_runtime.moc"

void TestFunctionRuntime::aRuntimeThatAnswersAndExitsHasAnswered()
{
    // A custom runtime that takes one event, posts its answer and exits at once. The worker is kept busy
    // meanwhile, so the answer and the exit wait for the same pass: the invocation has its answer
    // (Lambda reports the exit on the next event), and reading the function's last lines before END
    // must not report the exit in the middle of finishing it.
    QTemporaryDir dir;
    QFile script(dir.filePath(QStringLiteral("once.py")));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("import os, time, urllib.request\n"
                 "base = 'http://%s/2018-06-01/runtime/invocation/' % os.environ['AWS_LAMBDA_RUNTIME_API']\n"
                 "with urllib.request.urlopen(base + 'next') as r:\n"
                 "    rid = r.headers['Lambda-Runtime-Aws-Request-Id']\n"
                 "    r.read()\n"
                 "time.sleep(0.6)\n"
                 "print('answering', flush=True)\n"
                 "urllib.request.urlopen(urllib.request.Request(base + rid + '/response', data=b'{\"done\": 1}', method='POST')).read()\n"
                 "os._exit(0)\n");
    script.close();
    FunctionSpec spec = pidFunction(dir.path(), 1, false);
    spec.name = QStringLiteral("once");
    spec.runtime = QStringLiteral("command");
    spec.program = QStringLiteral("/usr/bin/python3");
    spec.arguments = {script.fileName()};
    spec.arn = "arn:aws:lambda:us-east-1:123456789012:function:once";
    LoopThread a;
    FunctionRuntime runtime(nullptr, {&a.thread});
    runtime.configure({spec});
    Answers answers;
    a.post([&] {
        runtime.invoke(QStringLiteral("once"), sleepEvent(0, 1), answers.callback(1));
    });
    // The runtime has its event and waits 0.6 s before it answers; the worker sleeps through the
    // answer and the exit.
    QTest::qWait(200);
    a.post([] { QThread::msleep(1500); });
    QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), 1, 20000);
    QTest::qWait(200); // a second report would come now
    std::lock_guard guard(answers.lock);
    QCOMPARE(int(answers.all.size()), 1);
    const InvocationResult &result = answers.all.front().result;
    QVERIFY2(result.status == InvocationResult::Status::Success, qPrintable(result.errorMessage));
    QCOMPARE(result.payload, QByteArray(R"({"done": 1})"));
    QVERIFY2(result.logs.contains(QStringLiteral("answering")), qPrintable(result.logs));
    runtime.shutdown();
}
