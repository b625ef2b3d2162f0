#pragma once
// Latency figures over many requests, in microseconds: the gateway's own overhead
// (Latency - IntegrationLatency), the integration's latency and the whole response latency.
// The access log's $context latencies are whole milliseconds, too coarse for the overhead.
#include "access_log_entry.h"

#include <nlohmann/json.hpp>
#include <map>
#include <vector>

namespace gw {

class LatencyStats {
public:
    void add(const AccessLogEntry &entry);
    // {"all": SERIES, "routes": {ROUTE_KEY or "-": SERIES, ...}} where SERIES is
    // {"requests":N,"overheadUs":{"count","p50","p90","p99","max","mean"},"integrationLatencyUs":{...},
    //  "responseLatencyUs":{...}}; percentiles by nearest rank, null without samples.
    nlohmann::json summary() const;

private:
    struct Series {
        std::vector<float> overheadUs;
        std::vector<float> integrationUs;
        std::vector<float> responseUs;
        quint64 requests = 0;

        void add(const AccessLogEntry &entry);
        nlohmann::json summary() const;
    };
    // Samples kept in full up to this many per series; a long run keeps counting but stops storing.
    static constexpr size_t kMaxSamples = 2'000'000;
    Series m_all;
    std::map<QByteArray, Series> m_routes;
};

} // namespace gw
