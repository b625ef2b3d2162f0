#include "function_budget.h"

namespace gw {

FunctionBudget::FunctionBudget(int homes) : m_homes(homes), m_gauges(std::make_unique<Gauge[]>(size_t(homes)))
{
}

bool FunctionBudget::tryStartProcess(int maxConcurrency)
{
    int now = m_processes.load(std::memory_order_acquire);
    while (now < maxConcurrency) {
        if (m_processes.compare_exchange_weak(now, now + 1, std::memory_order_acq_rel))
            return true;
    }
    return false;
}

void FunctionBudget::processEnded()
{
    m_processes.fetch_sub(1, std::memory_order_acq_rel);
}

void FunctionBudget::publish(int home, int alive, int idle)
{
    if (home < 0 || home >= m_homes)
        return;
    m_gauges[size_t(home)].alive.store(alive, std::memory_order_release);
    m_gauges[size_t(home)].idle.store(idle, std::memory_order_release);
}

int FunctionBudget::homeWithIdle(int except) const
{
    for (int home = 0; home < m_homes; ++home)
        if (home != except && m_gauges[size_t(home)].idle.load(std::memory_order_acquire) > 0)
            return home;
    return -1;
}

int FunctionBudget::homeWithMostProcesses(int except) const
{
    int best = -1;
    int most = 0;
    for (int home = 0; home < m_homes; ++home) {
        const int alive = m_gauges[size_t(home)].alive.load(std::memory_order_acquire);
        if (home != except && alive > most) {
            most = alive;
            best = home;
        }
    }
    return best;
}

} // namespace gw
