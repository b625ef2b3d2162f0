#pragma once
// The gateway's request metrics in the Prometheus text exposition format (version 0.0.4), per
// API, stage and route: what CloudWatch calls Count, 4XXError and 5XXError as counters by status,
// and Latency and IntegrationLatency as histograms in milliseconds, and for WebSocket APIs'
// routes ConnectCount, MessageCount, ClientError, IntegrationError and ExecutionError as counters,
// so a dashboard that scrapes a local run sees the service's metric names' meaning.
#include "access_log_entry.h"

#include <QByteArray>

#include <array>
#include <map>
#include <tuple>

namespace gw {

class PrometheusMetrics {
public:
    // apiName: the label the API goes by (its name in the project).
    void add(const AccessLogEntry &entry, const QByteArray &apiName);
    QByteArray render() const;

    // Upper bounds of the latency buckets, in ms (+Inf follows).
    static constexpr std::array<double, 14> kBucketsMs{1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000};

private:
    struct Histogram {
        std::array<quint64, kBucketsMs.size()> buckets{}; // not cumulative; render() sums
        quint64 count = 0;
        double sum = 0;
        void add(double ms);
    };
    struct RouteSeries {
        std::map<int, quint64> byStatus;
        Histogram latency;
        Histogram integrationLatency; // requests an integration answered
        bool webSocket = false;       // a WebSocket API's route: its five counters are written
        quint64 connects = 0, messages = 0, clientErrors = 0, integrationErrors = 0, executionErrors = 0;
    };
    using Key = std::tuple<QByteArray, QByteArray, QByteArray>; // api, stage, route
    std::map<Key, RouteSeries> m_series;
};

} // namespace gw
