#include "latency_stats.h"

#include <algorithm>
#include <cmath>

namespace gw {

namespace {
nlohmann::json describe(std::vector<float> samples)
{
    if (samples.empty())
        return nullptr;
    std::sort(samples.begin(), samples.end());
    const auto rank = [&](double p) {
        const size_t index = size_t(std::ceil(p * double(samples.size()))) - 1;
        return std::round(double(samples[std::min(index, samples.size() - 1)]) * 10.0) / 10.0;
    };
    double sum = 0;
    for (float v : samples)
        sum += v;
    return {{"count", samples.size()},  {"p50", rank(0.50)},         {"p90", rank(0.90)},
            {"p99", rank(0.99)},        {"max", rank(1.0)},
            {"mean", std::round(sum / double(samples.size()) * 10.0) / 10.0}};
}
} // namespace

void LatencyStats::Series::add(const AccessLogEntry &entry)
{
    ++requests;
    if (responseUs.size() >= kMaxSamples)
        return;
    responseUs.push_back(float(entry.responseLatencyMs * 1000.0));
    if (entry.integrationLatencyMs >= 0) {
        integrationUs.push_back(float(entry.integrationLatencyMs * 1000.0));
        overheadUs.push_back(float(entry.overheadMs() * 1000.0));
    }
}

nlohmann::json LatencyStats::Series::summary() const
{
    return {{"requests", requests},
            {"overheadUs", describe(overheadUs)},
            {"integrationLatencyUs", describe(integrationUs)},
            {"responseLatencyUs", describe(responseUs)}};
}

void LatencyStats::add(const AccessLogEntry &entry)
{
    m_all.add(entry);
    m_routes[entry.routeKey.isEmpty() ? QByteArray("-") : entry.routeKey].add(entry); // "-": no route matched
}

nlohmann::json LatencyStats::summary() const
{
    nlohmann::json routes = nlohmann::json::object();
    for (const auto &[routeKey, series] : m_routes)
        routes[routeKey.toStdString()] = series.summary();
    return {{"all", m_all.summary()}, {"routes", routes}};
}

} // namespace gw
