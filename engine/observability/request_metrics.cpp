#include "request_metrics.h"

#include "websocket_metric_kinds.h"

#include <algorithm>

namespace gw {

RequestMetrics::RequestMetrics(int windowSeconds) : m_windowSeconds(std::max(1, windowSeconds)) {}

void RequestMetrics::Totals::add(const Totals &other)
{
    count += other.count;
    webSocketEvents += other.webSocketEvents;
    connects += other.connects;
    messages += other.messages;
    webSocketClientErrors += other.webSocketClientErrors;
    integrationErrors += other.integrationErrors;
    executionErrors += other.executionErrors;
    clientErrors += other.clientErrors;
    serverErrors += other.serverErrors;
    latency.merge(other.latency);
    integration.merge(other.integration);
}

void RequestMetrics::add(const AccessLogEntry &entry)
{
    const qint64 second = entry.requestTimeEpochMs / 1000;
    if (second <= m_newestSecond - m_windowSeconds)
        return; // older than anything kept
    // No route matched: "-", as $context.routeKey prints it (an empty key would be a filter for all).
    std::deque<Second> &seconds = m_series[Key{entry.apiId, entry.stage, entry.routeKey.isEmpty() ? QByteArray("-") : entry.routeKey}];
    // Requests end out of order (a slow one is logged after faster later ones): find its second
    // from the back, where it almost always is.
    auto at = seconds.end();
    while (at != seconds.begin() && std::prev(at)->second > second)
        --at;
    if (at == seconds.begin() || std::prev(at)->second != second)
        at = seconds.insert(at, Second{second, {}});
    else
        --at;
    Totals &t = at->totals;
    ++t.count;
    if (const WebSocketMetricKinds kinds = webSocketMetricKinds(entry); kinds.webSocket) {
        ++t.webSocketEvents;
        t.connects += kinds.connect;
        t.messages += kinds.message;
        t.webSocketClientErrors += kinds.clientError;
        t.integrationErrors += kinds.integrationError;
        t.executionErrors += kinds.executionError;
    }
    if (entry.status >= 400 && entry.status < 500)
        ++t.clientErrors;
    else if (entry.status >= 500 && entry.status < 600)
        ++t.serverErrors;
    t.latency.add(std::max(0.0, entry.responseLatencyMs) * 1000);
    if (entry.integrationLatencyMs >= 0)
        t.integration.add(entry.integrationLatencyMs * 1000);
    if (second > m_newestSecond) {
        m_newestSecond = second;
        const qint64 oldest = m_newestSecond - m_windowSeconds;
        for (auto it = m_series.begin(); it != m_series.end();) {
            while (!it->second.empty() && it->second.front().second <= oldest)
                it->second.pop_front();
            it = it->second.empty() ? m_series.erase(it) : std::next(it);
        }
    }
}

void RequestMetrics::clear()
{
    m_series.clear();
    m_newestSecond = 0;
}

bool RequestMetrics::matches(const Key &filter, const Key &key)
{
    return (filter.apiId.isEmpty() || filter.apiId == key.apiId) && (filter.stage.isEmpty() || filter.stage == key.stage) &&
           (filter.routeKey.isEmpty() || filter.routeKey == key.routeKey);
}

RequestMetrics::Totals RequestMetrics::totals(const Key &filter, qint64 nowMs, int seconds) const
{
    const qint64 last = nowMs / 1000;
    const qint64 first = last - seconds + 1;
    Totals sum;
    for (const auto &[key, kept] : m_series) {
        if (!matches(filter, key))
            continue;
        for (auto it = kept.rbegin(); it != kept.rend() && it->second >= first; ++it)
            if (it->second <= last)
                sum.add(it->totals);
    }
    return sum;
}

std::vector<RequestMetrics::Point> RequestMetrics::series(const Key &filter, qint64 nowMs, int seconds) const
{
    const qint64 last = nowMs / 1000;
    const qint64 first = last - seconds + 1;
    std::vector<Point> points(size_t(std::max(0, seconds)));
    for (size_t i = 0; i < points.size(); ++i)
        points[i].second = first + qint64(i);
    for (const auto &[key, kept] : m_series) {
        if (!matches(filter, key))
            continue;
        for (auto it = kept.rbegin(); it != kept.rend() && it->second >= first; ++it)
            if (it->second <= last)
                points[size_t(it->second - first)].totals.add(it->totals);
    }
    return points;
}

std::vector<RequestMetrics::Key> RequestMetrics::keys() const
{
    std::vector<Key> out;
    out.reserve(m_series.size());
    for (const auto &entry : m_series)
        out.push_back(entry.first);
    return out;
}

LatencyTriage triageLatency(const RequestMetrics::Totals &totals, double highMs)
{
    if (totals.count < 5)
        return LatencyTriage::NotEnoughData;
    const double latencyMs = totals.latency.percentileUs(0.9) / 1000;
    if (latencyMs < highMs)
        return LatencyTriage::Fast;
    const double integrationMs = totals.integration.percentileUs(0.9) / 1000;
    return integrationMs >= latencyMs / 2 ? LatencyTriage::BackendBound : LatencyTriage::GatewayBound;
}

} // namespace gw
