#include "prometheus_metrics.h"

#include "websocket_metric_kinds.h"

#include <algorithm>

namespace gw {

namespace {

// A label value as the exposition format escapes it: backslash, double quote and line feed.
void appendLabelValue(QByteArray &out, const QByteArray &value)
{
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 12);
}

} // namespace

void PrometheusMetrics::Histogram::add(double ms)
{
    for (size_t i = 0; i < kBucketsMs.size(); ++i)
        if (ms <= kBucketsMs[i]) {
            ++buckets[i];
            break;
        }
    ++count;
    sum += ms;
}

void PrometheusMetrics::add(const AccessLogEntry &entry, const QByteArray &apiName)
{
    // routeKey "-" when no route matched (a 404), as the access log writes it.
    RouteSeries &series = m_series[Key{apiName, entry.stage, entry.routeKey.isEmpty() ? QByteArray("-") : entry.routeKey}];
    ++series.byStatus[entry.status];
    series.latency.add(entry.responseLatencyMs);
    if (entry.integrationLatencyMs >= 0)
        series.integrationLatency.add(entry.integrationLatencyMs);
    if (const WebSocketMetricKinds kinds = webSocketMetricKinds(entry); kinds.webSocket) {
        series.webSocket = true;
        series.connects += kinds.connect;
        series.messages += kinds.message;
        series.clientErrors += kinds.clientError;
        series.integrationErrors += kinds.integrationError;
        series.executionErrors += kinds.executionError;
    }
}

QByteArray PrometheusMetrics::render() const
{
    QByteArray out;
    const auto labels = [&out](const Key &key) {
        out += "api=\"";
        appendLabelValue(out, std::get<0>(key));
        out += "\",stage=\"";
        appendLabelValue(out, std::get<1>(key));
        out += "\",route=\"";
        appendLabelValue(out, std::get<2>(key));
        out += '"';
    };
    out += "# HELP gatewright_requests_total Requests answered (CloudWatch Count), by status.\n"
           "# TYPE gatewright_requests_total counter\n";
    for (const auto &[key, series] : m_series)
        for (const auto &[status, count] : series.byStatus) {
            out += "gatewright_requests_total{";
            labels(key);
            out += ",status=\"" + QByteArray::number(status) + "\"} " + QByteArray::number(count) + '\n';
        }
    for (const auto &[name, low, help] : {std::tuple{"gatewright_4xx_errors_total", 400, "Requests answered 4xx (CloudWatch 4XXError)."},
                                          std::tuple{"gatewright_5xx_errors_total", 500, "Requests answered 5xx (CloudWatch 5XXError)."}}) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " counter\n";
        for (const auto &[key, series] : m_series) {
            quint64 count = 0;
            for (const auto &[status, n] : series.byStatus)
                if (status >= low && status < low + 100)
                    count += n;
            out += name;
            out += '{';
            labels(key);
            out += "} " + QByteArray::number(count) + '\n';
        }
    }
    const bool anyWebSocket = std::any_of(m_series.begin(), m_series.end(), [](const auto &s) { return s.second.webSocket; });
    for (const auto &[name, help, member] :
         {std::tuple{"gatewright_websocket_connects_total", "$connect integration calls (CloudWatch ConnectCount).", &RouteSeries::connects},
          std::tuple{"gatewright_websocket_messages_total", "Messages the clients sent (CloudWatch MessageCount).", &RouteSeries::messages},
          std::tuple{"gatewright_websocket_client_errors_total", "4xx answered before any integration ran (CloudWatch ClientError).",
                     &RouteSeries::clientErrors},
          std::tuple{"gatewright_websocket_integration_errors_total", "The integration answered 4xx/5xx (CloudWatch IntegrationError).",
                     &RouteSeries::integrationErrors},
          std::tuple{"gatewright_websocket_execution_errors_total", "Calling the integration failed (CloudWatch ExecutionError).",
                     &RouteSeries::executionErrors}}) {
        if (!anyWebSocket)
            break;
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " counter\n";
        for (const auto &[key, series] : m_series) {
            if (!series.webSocket)
                continue;
            out += name;
            out += '{';
            labels(key);
            out += "} " + QByteArray::number(series.*member) + '\n';
        }
    }
    const auto histogram = [&](const char *name, const char *help, auto member) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " histogram\n";
        for (const auto &[key, series] : m_series) {
            const Histogram &h = series.*member;
            quint64 cumulative = 0;
            for (size_t i = 0; i < kBucketsMs.size(); ++i) {
                cumulative += h.buckets[i];
                out += QByteArray(name) + "_bucket{";
                labels(key);
                out += ",le=\"" + number(kBucketsMs[i]) + "\"} " + QByteArray::number(cumulative) + '\n';
            }
            out += QByteArray(name) + "_bucket{";
            labels(key);
            out += ",le=\"+Inf\"} " + QByteArray::number(h.count) + '\n';
            out += QByteArray(name) + "_sum{";
            labels(key);
            out += "} " + number(h.sum) + '\n';
            out += QByteArray(name) + "_count{";
            labels(key);
            out += "} " + QByteArray::number(h.count) + '\n';
        }
    };
    histogram("gatewright_latency_milliseconds", "From the request's first byte to the response (CloudWatch Latency).",
              &RouteSeries::latency);
    histogram("gatewright_integration_latency_milliseconds", "The integration's share (CloudWatch IntegrationLatency).",
              &RouteSeries::integrationLatency);
    return out;
}

} // namespace gw
