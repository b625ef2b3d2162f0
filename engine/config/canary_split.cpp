#include "canary_split.h"

#include <QByteArray>
#include <QtGlobal>
#include <random>

namespace gw {

namespace {
// SplitMix64: a full-period mix of a counter, good enough to spread draws evenly.
std::uint64_t mixed(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
} // namespace

CanarySplit::CanarySplit(double percentTraffic, std::optional<std::uint64_t> seed)
    : m_percent(qBound(0.0, percentTraffic, 100.0)),
      m_seed(seed ? *seed : (std::uint64_t(std::random_device{}()) << 32) ^ std::random_device{}())
{
}

bool CanarySplit::nextGoesToCanary() const
{
    if (m_percent <= 0)
        return false;
    if (m_percent >= 100)
        return true;
    const std::uint64_t draw = mixed(m_seed + m_draws.fetch_add(1, std::memory_order_relaxed) * 0x632be59bd9b4e019ULL);
    const double unit = double(draw >> 11) * 0x1.0p-53; // [0, 1)
    return unit * 100.0 < m_percent;
}

std::optional<std::uint64_t> CanarySplit::seedFromEnvironment()
{
    bool ok = false;
    const qulonglong seed = qgetenv("GATEWRIGHT_CANARY_SEED").toULongLong(&ok);
    return ok ? std::optional<std::uint64_t>(seed) : std::nullopt;
}

} // namespace gw
