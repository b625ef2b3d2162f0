#pragma once
// A load run's latency histogram: a bar per bucket over the range that has samples, the p50 and
// p99 marked, drawn with QPainter (no chart library for one small plot).
#include "load_generator.h"

#include <QWidget>

namespace gw::ui {

class LatencyHistogramView : public QWidget {
    Q_OBJECT
public:
    explicit LatencyHistogramView(QWidget *parent = nullptr);
    void setSnapshot(const LoadRunSnapshot &snapshot);
    QSize sizeHint() const override { return {360, 140}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    LoadRunSnapshot m_snapshot;
};

QString formatMicros(double us); // "850 µs", "12.3 ms", "2.10 s"

} // namespace gw::ui
