#include "function_runtime.h"

#include "function_pool.h"

#include "../common/clocks.h"
#include "../common/limits.h"

namespace gw {

FunctionRuntime::FunctionRuntime(ClockPtr clock) : m_clock(clock ? std::move(clock) : systemClock())
{
    m_thread.setObjectName(QStringLiteral("gw-runtime"));
    m_home = new QObject;
    m_home->moveToThread(&m_thread);
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
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(
        m_home,
        [this] {
            qDeleteAll(m_pools);
            m_pools.clear();
            delete m_home;
            m_home = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void FunctionRuntime::invoke(const QString &functionName, InvocationRequest request, InvocationCallback callback)
{
    if (request.payload.size() > limits::kMaxLambdaRequestBytes) {
        // Invoke's own refusal (RequestEntityTooLargeException, 413), before any sandbox sees it.
        InvocationResult result;
        result.status = InvocationResult::Status::ServiceError;
        result.errorType = "RequestEntityTooLargeException";
        result.errorMessage = QStringLiteral("%1 byte payload is too large for the RequestResponse invocation type (limit %2 bytes)")
                                  .arg(request.payload.size())
                                  .arg(limits::kMaxLambdaRequestBytes);
        callback(std::move(result));
        return;
    }
    std::shared_lock lock(m_homeLock);
    if (m_stopped) {
        lock.unlock();
        InvocationResult result;
        result.status = InvocationResult::Status::ServiceError;
        result.errorMessage = QStringLiteral("the function runtime is stopped");
        callback(std::move(result));
        return;
    }
    QMetaObject::invokeMethod(
        m_home,
        [this, functionName, request = std::move(request), callback = std::move(callback)]() mutable {
            FunctionPool *pool = m_pools.value(functionName);
            if (!pool) {
                InvocationResult result;
                result.status = InvocationResult::Status::ServiceError;
                result.errorType = "ResourceNotFoundException";
                result.errorMessage = QStringLiteral("Function not found: %1").arg(functionName);
                callback(std::move(result));
                return;
            }
            pool->invoke(std::move(request), std::move(callback));
        },
        Qt::QueuedConnection);
}

void FunctionRuntime::configure(const QList<FunctionSpec> &specs, bool keepMissing)
{
    std::shared_lock lock(m_homeLock);
    if (m_stopped)
        return;
    QMetaObject::invokeMethod(m_home, [this, specs, keepMissing] { configureHere(specs, keepMissing); }, Qt::QueuedConnection);
}

void FunctionRuntime::configureHere(const QList<FunctionSpec> &specs, bool keepMissing)
{
    QHash<QString, FunctionPool *> next;
    for (const FunctionSpec &spec : specs) {
        FunctionPool *pool = m_pools.take(spec.name);
        if (pool) {
            pool->updateSpec(spec);
        } else {
            pool = new FunctionPool(spec, m_clock, m_home);
            // Direct: a queued hop to the thread FunctionRuntime lives in would cost every line of
            // every invocation, listeners or not; listeners choose their own connection type.
            connect(pool, &FunctionPool::output, this, &FunctionRuntime::functionOutput, Qt::DirectConnection);
            connect(pool, &FunctionPool::processCountChanged, this, &FunctionRuntime::processCountChanged, Qt::DirectConnection);
        }
        next.insert(spec.name, pool);
    }
    if (keepMissing) {
        for (auto it = m_pools.cbegin(); it != m_pools.cend(); ++it)
            next.insert(it.key(), it.value());
    } else {
        // Removed functions: invocations in progress run to their end, as on Lambda; then the pool goes.
        for (FunctionPool *removed : std::as_const(m_pools))
            removed->drain();
    }
    m_pools = std::move(next);
}

void FunctionRuntime::recycle(const QString &functionName)
{
    std::shared_lock lock(m_homeLock);
    if (m_stopped)
        return;
    QMetaObject::invokeMethod(
        m_home,
        [this, functionName] {
            if (FunctionPool *pool = m_pools.value(functionName))
                pool->recycle();
        },
        Qt::QueuedConnection);
}

} // namespace gw
