#pragma once
// The Metrics tab's table: one row for every route of the chosen API/stage that had requests in
// the span, after a first row with all of them, with the CloudWatch names' columns.
#include "observability/request_metrics.h"

#include <QAbstractTableModel>

namespace gw::ui {

class MetricsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // Connects to ExecutionErrors: WebSocket APIs' ConnectCount, MessageCount, ClientError,
    // IntegrationError and ExecutionError (the panel shows them only while there is WebSocket traffic).
    enum Column { Route, Count, ClientErrors, ServerErrors, LatencyP50, LatencyP90, LatencyP99,
                  IntegrationP50, IntegrationP90, IntegrationP99, Connects, Messages, WebSocketClientErrors,
                  IntegrationErrors, ExecutionErrors, ColumnCount };
    bool hasWebSocketTraffic() const;
    enum Role { ValueRole = Qt::UserRole + 1 }; // the raw figure (a count, or ms)
    using QAbstractTableModel::QAbstractTableModel;

    // Recomputes every row over the span (nowMs - seconds, nowMs] of the routes `filter` matches.
    void refresh(const RequestMetrics &metrics, const RequestMetrics::Key &filter, qint64 nowMs, int seconds);
    // Row 0 is every route together (its key has an empty routeKey).
    RequestMetrics::Key keyAt(int row) const { return m_rows[size_t(row)].key; }
    const RequestMetrics::Totals &totalsAt(int row) const { return m_rows[size_t(row)].totals; }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        RequestMetrics::Key key;
        RequestMetrics::Totals totals;
    };
    double value(const Row &row, int column) const;
    std::vector<Row> m_rows;
};

} // namespace gw::ui
