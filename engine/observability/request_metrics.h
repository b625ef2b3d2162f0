#pragma once
// The monitor's request metrics per API, stage and route, as CloudWatch names them for API
// Gateway: Count, 4XXError, 5XXError, Latency and IntegrationLatency. Kept per second of request
// time over a sliding window (the last five minutes by default), each second with its own latency
// histograms, so any span of the window gives exact counts and p50/p90/p99 to the histogram's
// two significant digits, and a chart gets one point a second.
#include "access_log_entry.h"
#include "latency_histogram.h"

#include <QByteArray>

#include <deque>
#include <map>
#include <tuple>
#include <vector>

namespace gw {

class RequestMetrics {
public:
    explicit RequestMetrics(int windowSeconds = 300);

    struct Key {
        QByteArray apiId;
        QByteArray stage;
        QByteArray routeKey;
        bool operator<(const Key &o) const { return std::tie(apiId, stage, routeKey) < std::tie(o.apiId, o.stage, o.routeKey); }
        bool operator==(const Key &o) const { return apiId == o.apiId && stage == o.stage && routeKey == o.routeKey; }
    };
    // Counted in the second of its $context.requestTimeEpoch; seconds older than the window, counted
    // from the newest request seen, are dropped.
    void add(const AccessLogEntry &entry);
    void clear();

    struct Totals {
        quint64 count = 0;
        quint64 clientErrors = 0; // 4XXError
        quint64 serverErrors = 0; // 5XXError
        // WebSocket APIs (websocket_metric_kinds.h): ConnectCount, MessageCount, ClientError,
        // IntegrationError and ExecutionError.
        quint64 webSocketEvents = 0; // CONNECT, MESSAGE and DISCONNECT events together
        quint64 connects = 0;
        quint64 messages = 0;
        quint64 webSocketClientErrors = 0;
        quint64 integrationErrors = 0;
        quint64 executionErrors = 0;
        LatencyHistogram latency;      // every request, µs
        LatencyHistogram integration;  // requests an integration answered, µs
        void add(const Totals &other);
    };
    // A filter: empty fields match every API, stage or route.
    static bool matches(const Key &filter, const Key &key);
    // The seconds (nowMs - seconds·1000, nowMs] of every series the filter matches.
    Totals totals(const Key &filter, qint64 nowMs, int seconds) const;
    struct Point {
        qint64 second = 0; // epoch seconds
        Totals totals;
    };
    // One point per second over the same span, oldest first, seconds without requests included.
    std::vector<Point> series(const Key &filter, qint64 nowMs, int seconds) const;
    std::vector<Key> keys() const;
    int windowSeconds() const { return m_windowSeconds; }

private:
    struct Second {
        qint64 second;
        Totals totals;
    };
    int m_windowSeconds;
    qint64 m_newestSecond = 0;
    std::map<Key, std::deque<Second>> m_series;
};

// The decision guide's reading of the split: high Latency with low IntegrationLatency points at
// the gateway (often an authorizer); both high point at the backend.
enum class LatencyTriage { NotEnoughData, Fast, GatewayBound, BackendBound };
// From the p90s of a span: "high" is at least highMs; "low" integration is under half the latency.
LatencyTriage triageLatency(const RequestMetrics::Totals &totals, double highMs = 100);

} // namespace gw
