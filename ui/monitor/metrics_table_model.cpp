#include "metrics_table_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>

namespace gw::ui {

void MetricsTableModel::refresh(const RequestMetrics &metrics, const RequestMetrics::Key &filter, qint64 nowMs, int seconds)
{
    std::vector<Row> rows;
    rows.push_back({RequestMetrics::Key{filter.apiId, filter.stage, {}}, metrics.totals(filter, nowMs, seconds)});
    // One row per route key (a route served by several stages or APIs adds up under the filter).
    std::vector<QByteArray> routes;
    for (const RequestMetrics::Key &key : metrics.keys())
        if (RequestMetrics::matches(filter, key) && std::find(routes.begin(), routes.end(), key.routeKey) == routes.end())
            routes.push_back(key.routeKey);
    std::sort(routes.begin(), routes.end());
    for (const QByteArray &route : routes) {
        RequestMetrics::Key key{filter.apiId, filter.stage, route};
        RequestMetrics::Totals totals = metrics.totals(key, nowMs, seconds);
        if (totals.count > 0)
            rows.push_back({std::move(key), std::move(totals)});
    }
    const bool sameRows = rows.size() == m_rows.size() &&
                          std::equal(rows.begin(), rows.end(), m_rows.begin(), [](const Row &a, const Row &b) { return a.key == b.key; });
    if (sameRows) {
        m_rows = std::move(rows);
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

bool MetricsTableModel::hasWebSocketTraffic() const
{
    return !m_rows.empty() && m_rows.front().totals.webSocketEvents > 0;
}

double MetricsTableModel::value(const Row &row, int column) const
{
    const RequestMetrics::Totals &t = row.totals;
    switch (column) {
    case Count: return double(t.count);
    case ClientErrors: return double(t.clientErrors);
    case ServerErrors: return double(t.serverErrors);
    case LatencyP50: return t.latency.percentileUs(0.5) / 1000;
    case LatencyP90: return t.latency.percentileUs(0.9) / 1000;
    case LatencyP99: return t.latency.percentileUs(0.99) / 1000;
    case IntegrationP50: return t.integration.percentileUs(0.5) / 1000;
    case IntegrationP90: return t.integration.percentileUs(0.9) / 1000;
    case IntegrationP99: return t.integration.percentileUs(0.99) / 1000;
    case Connects: return double(t.connects);
    case Messages: return double(t.messages);
    case WebSocketClientErrors: return double(t.webSocketClientErrors);
    case IntegrationErrors: return double(t.integrationErrors);
    case ExecutionErrors: return double(t.executionErrors);
    }
    return 0;
}

QVariant MetricsTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        if (column == Route)
            return index.row() == 0 ? tr("All routes") : row.key.routeKey == "-" ? tr("(no route matched)") : QString::fromUtf8(row.key.routeKey);
        const double v = value(row, column);
        if (column <= ServerErrors || column >= Connects)
            return QString::number(qint64(v));
        if (column >= IntegrationP50 && row.totals.integration.total == 0)
            return QStringLiteral("–"); // no integration answered (MOCK-less routes, refusals)
        return v < 10 ? QString::number(v, 'f', 2) : QString::number(v, 'f', v < 100 ? 1 : 0);
    }
    if (role == ValueRole)
        return column == Route ? QVariant(QString::fromUtf8(row.key.routeKey)) : QVariant(value(row, column));
    if (role == Qt::TextAlignmentRole && column != Route)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole) {
        if (column == ServerErrors && row.totals.serverErrors > 0)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (column == ClientErrors && row.totals.clientErrors > 0)
            return QBrush(QColor(0xef, 0x6c, 0x00));
        if (column == WebSocketClientErrors && row.totals.webSocketClientErrors > 0)
            return QBrush(QColor(0xef, 0x6c, 0x00));
        if ((column == IntegrationErrors && row.totals.integrationErrors > 0) ||
            (column == ExecutionErrors && row.totals.executionErrors > 0))
            return QBrush(QColor(0xc6, 0x28, 0x28));
    }
    if (role == Qt::FontRole && index.row() == 0) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

QVariant MetricsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Count: return tr("Count: requests in the span");
        case ClientErrors: return tr("4XXError: answers 400-499");
        case ServerErrors: return tr("5XXError: answers 500-599");
        case LatencyP50: case LatencyP90: case LatencyP99:
            return tr("Latency: from the request's arrival to the answer's last byte, ms");
        case IntegrationP50: case IntegrationP90: case IntegrationP99:
            return tr("IntegrationLatency: from the request to the backend to its answer, ms");
        case Connects: return tr("ConnectCount: $connect events (WebSocket APIs)");
        case Messages: return tr("MessageCount: messages the clients sent (WebSocket APIs)");
        case WebSocketClientErrors: return tr("ClientError: 4xx answers the gateway gave before any integration ran (WebSocket APIs)");
        case IntegrationErrors: return tr("IntegrationError: the integration answered 4xx or 5xx (WebSocket APIs)");
        case ExecutionErrors: return tr("ExecutionError: calling the integration failed: a function error, a timeout, an unreachable backend (WebSocket APIs)");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Route: return tr("Route");
    case Count: return tr("Count");
    case ClientErrors: return tr("4XX");
    case ServerErrors: return tr("5XX");
    case LatencyP50: return tr("Latency p50");  // the tooltips name them in full
    case LatencyP90: return tr("p90");
    case LatencyP99: return tr("p99");
    case IntegrationP50: return tr("Integr. p50");
    case IntegrationP90: return tr("p90");
    case IntegrationP99: return tr("p99");
    case Connects: return tr("Connects");
    case Messages: return tr("Messages");
    case WebSocketClientErrors: return tr("ClientError");
    case IntegrationErrors: return tr("Integr. errors");
    case ExecutionErrors: return tr("Exec. errors");
    }
    return {};
}

} // namespace gw::ui
