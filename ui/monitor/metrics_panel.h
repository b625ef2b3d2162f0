#pragma once
// The Metrics tab: Count, 4XXError, 5XXError, Latency and IntegrationLatency per route of the
// chosen API/stage over the last minute or five, a live chart of the selected row, and what the
// latency split points at. Fed with the same batches as the access log; refreshed once a second
// while shown.
#include "observability/request_metrics.h"
#include "traffic_panel.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QTableView;
class QTimer;

namespace gw::ui {

class MetricsChart;
class MetricsTableModel;

class MetricsPanel : public QWidget {
    Q_OBJECT
public:
    explicit MetricsPanel(QWidget *parent = nullptr);
    void append(const QVector<AccessLogEntry> &batch);
    void clear();
    void setStages(const QList<TrafficPanel::StageChoice> &choices); // the API / stage choices
    // Wall-clock ms; tests set their own.
    void setClock(std::function<qint64()> now) { m_now = std::move(now); }
    void setSpanSeconds(int seconds); // 60 or 300 in the window's choice
    void refresh();

    MetricsTableModel *table() const { return m_table; }
    QTableView *view() const { return m_view; }
    MetricsChart *chart() const { return m_chart; }
    QString triageText() const;
    const RequestMetrics &metrics() const { return m_metrics; }

signals:
    // Double-click on a route: its requests in the Traffic tab.
    void showRouteInTraffic(const QString &routeKey);

protected:
    void showEvent(QShowEvent *event) override;

private:
    RequestMetrics::Key currentFilter() const;
    RequestMetrics m_metrics;
    MetricsTableModel *m_table;
    QTableView *m_view;
    MetricsChart *m_chart;
    QComboBox *m_apiStage;
    QComboBox *m_span;
    QLabel *m_triage;
    QTimer *m_timer;
    std::function<qint64()> m_now;
    RequestMetrics::Key m_selected; // the row the chart shows, kept across refreshes
};

} // namespace gw::ui
