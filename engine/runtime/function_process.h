#pragma once
// One warm function sandbox: a real process with its own Lambda Runtime API endpoint on loopback.
#include "../api/clock.h"
#include "../config/function_spec.h"
#include "invocation.h"
#include "memory_gauge.h"

#include <QObject>
#include <QProcess>
#include <QTcpServer>
#include <QTimer>
#include <memory>

namespace gw {

class HttpExchange;
class RuntimeApiHandler;

class FunctionProcess : public QObject {
    Q_OBJECT
public:
    enum class State { Starting, Idle, Busy, Dead };

    FunctionProcess(FunctionSpec spec, int generation, ClockPtr clock, QObject *parent = nullptr);
    ~FunctionProcess() override;

    bool start(QString *error);
    void invoke(InvocationRequest request, InvocationCallback callback);
    void retire();  // stop once idle (settings changed)
    State state() const { return m_state; }
    // Idle *and* its runtime is waiting on /next: only then can an event be handed over.
    bool canTakeWork() const { return m_state == State::Idle && m_parkedNext && !m_retiring && !m_outOfMemory; }
    int generation() const { return m_generation; }
    const FunctionSpec &spec() const { return m_spec; }
    // True the first time it is called: the pool counts a process as "starting" until then.
    bool leaveStarting() { return std::exchange(m_countedAsStarting, false); }

    // Runtime API, called by RuntimeApiHandler.
    void onNext(const std::shared_ptr<HttpExchange> &exchange);
    // Answers a /response or /error that is not the running invocation's; true when it did.
    bool refusedOutOfTurn(const QByteArray &requestId, const char *transition, const std::shared_ptr<HttpExchange> &exchange);
    void onResponse(const QByteArray &requestId, const QByteArray &body, const std::shared_ptr<HttpExchange> &exchange);
    void onError(const QByteArray &requestId, const QByteArray &body, const QByteArray &errorType,
                 const std::shared_ptr<HttpExchange> &exchange);
    void onInitError(const QByteArray &body, const QByteArray &errorType, const std::shared_ptr<HttpExchange> &exchange);

signals:
    void becameIdle(FunctionProcess *process);
    void died(FunctionProcess *process, InvocationResult initFailure, bool duringInit);
    void output(const QString &functionName, const QByteArray &requestId, const QString &text);

private:
    void deliverParked();
    void finishInvocation(InvocationResult result);
    void onTimeout();
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void readOutput(QProcess::ProcessChannel channel);
    void appendLog(const QString &line);
    void checkMemory();
    void killSandbox();

    FunctionSpec m_spec;
    int m_generation;
    State m_state = State::Starting;
    QTcpServer m_server;
    std::shared_ptr<RuntimeApiHandler> m_handler;
    QProcess m_process;
    ClockPtr m_clock;
    std::unique_ptr<ClockTimer> m_timeout; // the function's timeout, on the injected clock
    // memorySize is enforced like Lambda does: past it, the runtime is killed. Resident memory is
    // sampled (a pread of /proc/PID/statm) on a timer, when init ends and when the function answers.
    std::unique_ptr<MemoryGauge> m_memory;
    QTimer m_memoryCheck;
    qint64 m_peakResidentBytes = 0;
    bool m_outOfMemory = false;
    qint64 m_phaseStartNs = 0; // start of init, then of the current invocation
    bool m_retiring = false;
    bool m_readingLastOutput = false; // in finishInvocation: an exit seen meanwhile is handled after it
    bool m_everInvoked = false;
    bool m_currentIsCold = false;
    bool m_countedAsStarting = true;
    double m_initMs = 0;
    std::shared_ptr<HttpExchange> m_parkedNext;
    // The invocation in progress.
    InvocationRequest m_request;
    InvocationCallback m_callback;
    QString m_logs;
    QString m_initLogs;
    QByteArray m_lastRequestId;
    QByteArray m_stdoutTail, m_stderrTail;
    InvocationResult m_initFailure;
    bool m_initFailed = false;
};

} // namespace gw
