#pragma once
// Which requests of a stage go to its canary: percentTraffic of them, drawn from a sequence
// that a seed makes repeatable (GATEWRIGHT_CANARY_SEED), so a test sees the same split each run.
// Shared by every worker: the draw is one atomic counter, so the n-th request of the stage gets
// the n-th draw whatever thread serves it.
#include <atomic>
#include <cstdint>
#include <optional>

namespace gw {

class CanarySplit {
public:
    CanarySplit(double percentTraffic, std::optional<std::uint64_t> seed);
    double percentTraffic() const { return m_percent; }
    bool nextGoesToCanary() const;
    // The seed GATEWRIGHT_CANARY_SEED names, if it is set to a number.
    static std::optional<std::uint64_t> seedFromEnvironment();

private:
    double m_percent;
    std::uint64_t m_seed;
    mutable std::atomic<std::uint64_t> m_draws{0};
};

} // namespace gw
