#pragma once
// One monotonic time base for every latency the gateway measures.
#include <chrono>
#include <QtGlobal>

namespace gw {

inline qint64 monotonicNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace gw
