// FunctionRuntime across threads: invoke() from gateway workers while the runtime shuts down.
#include "runtime/function_runtime.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <vector>

using namespace gw;

class TestFunctionRuntime : public QObject {
    Q_OBJECT
private slots:
    void invokeRacesShutdown();
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

QTEST_GUILESS_MAIN(TestFunctionRuntime)
#include "tst_function_runtime.moc"
