#include "function_pool.h"

#include <QTimerEvent>

namespace gw {

namespace {
constexpr size_t kMaxQueued = 10000; // beyond this the caller is told the function is throttled
}

FunctionPool::FunctionPool(FunctionSpec spec, ClockPtr clock, std::shared_ptr<FunctionBudget> budget, int home, QObject *parent)
    : QObject(parent), m_spec(std::move(spec)), m_clock(std::move(clock)), m_home(budget ? home : 0),
      m_budget(budget ? std::move(budget) : std::make_shared<FunctionBudget>(1))
{
}

FunctionPool::~FunctionPool()
{
    failQueued(QByteArray(), QStringLiteral("the gateway is shutting down"));
    // The processes go with the pool (children): their share of the budget with them.
    for (size_t i = 0; i < m_processes.size(); ++i)
        m_budget->processEnded();
    m_budget->publish(m_home, 0, 0);
}

void FunctionPool::failQueued(const QByteArray &errorType, const QString &message)
{
    // Taken out first: a caller's callback may come back into the pool.
    auto queue = std::move(m_queue);
    m_queue.clear();
    for (auto &queued : queue) {
        InvocationResult result;
        result.status = InvocationResult::Status::ServiceError;
        result.errorType = errorType;
        result.errorMessage = message;
        queued.callback(std::move(result));
    }
}

bool FunctionPool::hasIdleProcess() const
{
    if (m_draining)
        return false;
    for (auto *process : m_processes)
        if (process->canTakeWork() && process->generation() == m_generation)
            return true;
    return false;
}

void FunctionPool::publish()
{
    int idle = 0;
    for (auto *process : m_processes)
        idle += process->canTakeWork() && process->generation() == m_generation;
    m_budget->publish(m_home, int(m_processes.size()), m_draining ? 0 : idle);
}

int FunctionPool::busyCount() const
{
    int busy = 0;
    for (auto *process : m_processes)
        busy += process->state() == FunctionProcess::State::Busy;
    return busy;
}

void FunctionPool::invoke(InvocationRequest request, InvocationCallback callback)
{
    // Reserved concurrency: every invocation not answered yet counts, in every pool of the function
    // (one that answered and is about to ask for the next does not), and past the limit Lambda
    // throttles at once.
    const bool overReserved = m_spec.throttleBeyondConcurrency && m_budget->inFlight() >= m_spec.maxConcurrency;
    if (overReserved || m_queue.size() >= kMaxQueued) {
        InvocationResult result;
        result.status = InvocationResult::Status::ServiceError;
        result.errorType = "TooManyRequestsException";
        result.errorMessage = QStringLiteral("Rate Exceeded.");
        callback(std::move(result));
        return;
    }
    m_budget->invocationAccepted();
    m_queue.push_back({std::move(request), [budget = m_budget, callback = std::move(callback)](InvocationResult result) {
                           budget->invocationAnswered();
                           callback(std::move(result));
                       }});
    pump();
}

void FunctionPool::drain()
{
    m_draining = true;
    failQueued("ResourceNotFoundException", QStringLiteral("Function not found: %1").arg(m_spec.name));
    recycle();
    if (m_processes.empty())
        deleteLater();
}

void FunctionPool::pump()
{
    if (m_draining)
        return;
    handToIdleProcesses();
    // Whether to cold-start is decided once the loop has polled its sockets: an answer already
    // waiting in a sandbox's socket frees that sandbox, and Lambda would have found it idle.
    // Deciding at once started sandboxes that were never needed (under load, most of them).
    // A zero-time timer fires after the sockets of the pass (a posted event would run before).
    if (size_t(m_starting) < m_queue.size() && !m_startCheck.isActive())
        m_startCheck.start(0, this);
    publish();
}

void FunctionPool::handToIdleProcesses()
{
    // Hand work to warm processes first (Lambda reuses an idle sandbox before starting one).
    for (FunctionProcess *process : m_processes) {
        if (m_queue.empty())
            break;
        if (process->canTakeWork() && process->generation() == m_generation) {
            Queued next = std::move(m_queue.front());
            m_queue.pop_front();
            process->invoke(std::move(next.request), std::move(next.callback));
        }
    }
}

void FunctionPool::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_startCheck.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_startCheck.stop();
    startWhatStillWaits();
}

void FunctionPool::startWhatStillWaits()
{
    if (m_draining)
        return;
    handToIdleProcesses();
    // Start as many as the waiting work needs, within the concurrency limit of all the pools.
    while (size_t(m_starting) < m_queue.size() && m_budget->tryStartProcess(m_spec.maxConcurrency)) {
        QString error;
        if (!spawn(&error)) {
            m_budget->processEnded();
            // Cannot start the program at all: every waiting invocation fails the same way.
            failQueued("Runtime.InvalidEntrypoint", error);
            publish();
            return;
        }
    }
    publish();
}

FunctionProcess *FunctionPool::spawn(QString *error)
{
    auto *process = new FunctionProcess(m_spec, m_generation, m_clock, this);
    connect(process, &FunctionProcess::becameIdle, this, &FunctionPool::onIdle);
    connect(process, &FunctionProcess::died, this, &FunctionPool::onDied);
    connect(process, &FunctionProcess::output, this, &FunctionPool::output);
    if (!process->start(error)) {
        delete process;
        return nullptr;
    }
    m_processes.push_back(process);
    ++m_starting;
    emit processCountChanged(m_spec.name, m_budget->processes());
    return process;
}

void FunctionPool::onIdle(FunctionProcess *process)
{
    if (process->leaveStarting())
        --m_starting;
    if (process->generation() != m_generation) {
        process->retire();
        return;
    }
    if (!m_queue.empty() && process->canTakeWork()) {
        Queued next = std::move(m_queue.front());
        m_queue.pop_front();
        process->invoke(std::move(next.request), std::move(next.callback));
    }
    publish();
}

void FunctionPool::onDied(FunctionProcess *process, InvocationResult initFailure, bool duringInit)
{
    if (process->leaveStarting())
        --m_starting;
    std::erase(m_processes, process);
    process->deleteLater();
    m_budget->processEnded();
    emit processCountChanged(m_spec.name, m_budget->processes());
    if (m_draining) {
        publish();
        if (m_processes.empty())
            deleteLater();
        return;
    }
    if (duringInit && !m_queue.empty() && process->generation() == m_generation) {
        // The cold start failed: the invocation that waited for it gets the init error, as in Lambda.
        Queued failed = std::move(m_queue.front());
        m_queue.pop_front();
        failed.callback(std::move(initFailure));
    }
    pump();
}

void FunctionPool::updateSpec(const FunctionSpec &spec)
{
    const bool fresh = !m_spec.sameProcessAs(spec);
    m_spec = spec;
    if (fresh)
        recycle();
    else
        pump();
}

void FunctionPool::recycle()
{
    ++m_generation;
    for (FunctionProcess *process : m_processes)
        process->retire(); // a busy one stops after its current invocation
    pump();
}

bool FunctionSpec::sameProcessAs(const FunctionSpec &other) const
{
    return name == other.name && runtime == other.runtime && handler == other.handler && program == other.program &&
           arguments == other.arguments && codeDir == other.codeDir && memorySize == other.memorySize &&
           timeoutMs == other.timeoutMs && environment == other.environment && region == other.region;
}

} // namespace gw
