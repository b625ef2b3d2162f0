#pragma once
// The Metrics tab's live chart, one point a second over the span: requests a second (2xx, 4XX
// and 5XX stacked) above, and Latency against IntegrationLatency (p50 and p99) below, so the
// gap between the two lines is the gateway's own time.
#include "observability/request_metrics.h"

#include <QWidget>

namespace gw::ui {

class MetricsChart : public QWidget {
    Q_OBJECT
public:
    explicit MetricsChart(QWidget *parent = nullptr);
    void setSeries(std::vector<RequestMetrics::Point> points);
    QSize sizeHint() const override { return {520, 260}; }
    QSize minimumSizeHint() const override { return {240, 160}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<RequestMetrics::Point> m_points;
};

} // namespace gw::ui
