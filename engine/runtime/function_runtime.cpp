#include "function_runtime.h"

#include "function_budget.h"
#include "function_pool.h"

#include "../common/clocks.h"
#include "../common/limits.h"
#include "../net/epoll_event_dispatcher.h"

namespace gw {

namespace {

// An invocation handed to another thread's idle process may find it taken on arrival; it is
// passed on at most this many times, then waits where it is.
constexpr int kMaxHops = 2;

InvocationResult serviceError(QByteArray type, QString message)
{
    InvocationResult result;
    result.status = InvocationResult::Status::ServiceError;
    result.errorType = std::move(type);
    result.errorMessage = std::move(message);
    return result;
}

} // namespace

FunctionRuntime::FunctionRuntime(ClockPtr clock, const QList<QThread *> &invokerThreads)
    : m_clock(clock ? std::move(clock) : systemClock())
{
    m_thread.setObjectName(QStringLiteral("gw-runtime"));
    // The thread watches every warm process's Runtime API connection, its output pipes and its
    // exit: epoll, not a poll() over all of them on each wake.
    m_thread.setEventDispatcher(new EpollEventDispatcher);
    auto own = std::make_unique<Home>();
    own->thread = &m_thread;
    m_homes.push_back(std::move(own));
    for (QThread *thread : invokerThreads) {
        auto home = std::make_unique<Home>();
        home->thread = thread;
        m_homes.push_back(std::move(home));
    }
    for (auto &home : m_homes) {
        home->object = new QObject;
        home->object->moveToThread(home->thread);
    }
    m_thread.start();
}

FunctionRuntime::~FunctionRuntime()
{
    shutdown();
}

void FunctionRuntime::shutdown()
{
    {
        // After this, invoke() answers "stopped" itself; everything posted before runs first.
        std::unique_lock lock(m_homeLock);
        if (m_stopped)
            return;
        m_stopped = true;
    }
    for (auto &entry : m_homes) {
        Home *home = entry.get();
        const auto close = [home] {
            home->closed = true;
            // Queued invocations are answered as the pools go, on the thread that holds them.
            qDeleteAll(home->pools);
            home->pools.clear();
            delete home->object; // and the pools that were draining
            home->object = nullptr;
        };
        if (home->thread == QThread::currentThread() || !home->thread->isRunning())
            close();
        else
            QMetaObject::invokeMethod(home->object, close, Qt::BlockingQueuedConnection);
    }
    m_thread.quit();
    m_thread.wait();
}

int FunctionRuntime::currentHome() const
{
    QThread *current = QThread::currentThread();
    for (size_t i = 1; i < m_homes.size(); ++i)
        if (m_homes[i]->thread == current)
            return int(i);
    return 0;
}

void FunctionRuntime::post(int home, std::function<void()> fn)
{
    // The caller holds m_homeLock (shared) and saw the runtime running: the home's object exists.
    QMetaObject::invokeMethod(m_homes[size_t(home)]->object, std::move(fn), Qt::QueuedConnection);
}

void FunctionRuntime::invoke(const QString &functionName, InvocationRequest request, InvocationCallback callback)
{
    if (request.payload.size() > limits::kMaxLambdaRequestBytes) {
        // Invoke's own refusal (RequestEntityTooLargeException, 413), before any sandbox sees it.
        callback(serviceError("RequestEntityTooLargeException",
                              QStringLiteral("%1 byte payload is too large for the RequestResponse invocation type (limit %2 bytes)")
                                  .arg(request.payload.size())
                                  .arg(limits::kMaxLambdaRequestBytes)));
        return;
    }
    int home = 0;
    {
        std::shared_lock lock(m_homeLock);
        if (m_stopped) {
            lock.unlock();
            callback(serviceError(QByteArray(), QStringLiteral("the function runtime is stopped")));
            return;
        }
        home = currentHome();
        if (home == 0) {
            post(0, [this, functionName, request = std::move(request), callback = std::move(callback)]() mutable {
                invokeAt(0, functionName, std::move(request), std::move(callback), 0);
            });
            return;
        }
    }
    // An invoker thread: its own processes, here and now (the lock is not held: the answer may
    // come back into invoke()).
    invokeAt(home, functionName, std::move(request), std::move(callback), 0);
}

FunctionPool *FunctionRuntime::poolAt(int homeIndex, const QString &functionName)
{
    Home &home = *m_homes[size_t(homeIndex)];
    if (FunctionPool *pool = home.pools.value(functionName))
        return pool;
    Function function;
    {
        QMutexLocker lock(&m_functionsLock);
        const auto it = m_functions.constFind(functionName);
        if (it == m_functions.cend())
            return nullptr;
        function = *it;
    }
    auto *pool = new FunctionPool(function.spec, m_clock, function.budget, homeIndex, home.object);
    // Direct: a queued hop to the thread FunctionRuntime lives in would cost every line of
    // every invocation, listeners or not; listeners choose their own connection type.
    connect(pool, &FunctionPool::output, this, &FunctionRuntime::functionOutput, Qt::DirectConnection);
    connect(pool, &FunctionPool::processCountChanged, this, &FunctionRuntime::processCountChanged, Qt::DirectConnection);
    home.pools.insert(functionName, pool);
    return pool;
}

void FunctionRuntime::invokeAt(int homeIndex, const QString &functionName, InvocationRequest request,
                               InvocationCallback callback, int hops)
{
    Home &home = *m_homes[size_t(homeIndex)];
    if (home.closed) {
        callback(serviceError(QByteArray(), QStringLiteral("the function runtime is stopped")));
        return;
    }
    FunctionPool *pool = poolAt(homeIndex, functionName);
    if (!pool) {
        callback(serviceError("ResourceNotFoundException", QStringLiteral("Function not found: %1").arg(functionName)));
        return;
    }
    const FunctionSpec &spec = pool->spec();
    const bool throttled = spec.throttleBeyondConcurrency && pool->budget()->inFlight() >= spec.maxConcurrency;
    if (!throttled && !pool->hasIdleProcess()) {
        // A warm process on another thread beats a cold start here (Lambda reuses an idle
        // sandbox first); with no room to start one, work waits where processes are (never in a
        // pool that has none: nothing would take it).
        const FunctionBudget &budget = *pool->budget();
        int other = hops < kMaxHops ? budget.homeWithIdle(homeIndex) : -1;
        if (other < 0 && pool->processCount() == 0 && budget.processes() >= spec.maxConcurrency)
            other = budget.homeWithMostProcesses(homeIndex);
        if (other >= 0) {
            std::shared_lock lock(m_homeLock);
            if (!m_stopped) {
                post(other, [this, other, functionName, request = std::move(request), callback = std::move(callback),
                             hops]() mutable { invokeAt(other, functionName, std::move(request), std::move(callback), hops + 1); });
                return;
            }
        }
    }
    pool->invoke(std::move(request), std::move(callback)); // throttled here, at once, when over reserved concurrency
}

void FunctionRuntime::configure(const QList<FunctionSpec> &specs, bool keepMissing)
{
    std::shared_lock lock(m_homeLock);
    if (m_stopped)
        return;
    {
        QMutexLocker functionsLock(&m_functionsLock);
        QHash<QString, Function> next;
        for (const FunctionSpec &spec : specs) {
            const auto it = m_functions.constFind(spec.name);
            next.insert(spec.name, Function{spec, it != m_functions.cend() ? it->budget
                                                                             : std::make_shared<FunctionBudget>(int(m_homes.size()))});
        }
        if (keepMissing) {
            for (auto it = m_functions.cbegin(); it != m_functions.cend(); ++it)
                if (!next.contains(it.key()))
                    next.insert(it.key(), it.value());
        }
        m_functions = std::move(next);
    }
    for (int home = 0; home < int(m_homes.size()); ++home)
        post(home, [this, home] { applyFunctionsAt(home); });
}

void FunctionRuntime::applyFunctionsAt(int homeIndex)
{
    Home &home = *m_homes[size_t(homeIndex)];
    if (home.closed)
        return;
    QHash<QString, Function> functions;
    {
        QMutexLocker lock(&m_functionsLock);
        functions = m_functions;
    }
    for (auto it = home.pools.begin(); it != home.pools.end();) {
        const auto function = functions.constFind(it.key());
        if (function == functions.cend() || function->budget != it.value()->budget()) {
            // Removed (or removed and added again since): invocations in progress run to their
            // end, as on Lambda; then the pool goes. A new one is made on the next invocation.
            it.value()->drain();
            it = home.pools.erase(it);
        } else {
            it.value()->updateSpec(function->spec);
            ++it;
        }
    }
}

void FunctionRuntime::recycle(const QString &functionName)
{
    std::shared_lock lock(m_homeLock);
    if (m_stopped)
        return;
    for (int home = 0; home < int(m_homes.size()); ++home)
        post(home, [this, home, functionName] {
            if (FunctionPool *pool = m_homes[size_t(home)]->pools.value(functionName))
                pool->recycle();
        });
}

} // namespace gw
