#include "metrics_chart.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace gw::ui {

namespace {

// 1, 2, 5, 10, 20, 50, ...: the smallest at or above v, so an axis ends on a round figure.
double niceCeiling(double v)
{
    if (v <= 0)
        return 1;
    const double decade = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : {1.0, 2.0, 5.0, 10.0})
        if (v <= step * decade)
            return step * decade;
    return 10 * decade;
}

QString figure(double v)
{
    return v >= 100 || v == std::floor(v) ? QString::number(qint64(std::round(v))) : QString::number(v, 'f', v < 10 ? 1 : 0);
}

} // namespace

MetricsChart::MetricsChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("metricsChart"));
}

void MetricsChart::setSeries(std::vector<RequestMetrics::Point> points)
{
    m_points = std::move(points);
    update();
}

void MetricsChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QFontMetrics fm = fontMetrics();
    const int left = fm.horizontalAdvance(QStringLiteral("00000 ms")) + 8;
    const int right = 8;
    const int gap = fm.height() + 8;
    const int plotWidth = width() - left - right;
    const int plotsHeight = height() - 3 * gap - fm.height();
    if (plotWidth < 40 || plotsHeight < 60 || m_points.empty())
        return;
    const QRect rates(left, gap, plotWidth, plotsHeight * 2 / 5);
    const QRect latencies(left, rates.bottom() + gap + 2, plotWidth, plotsHeight - rates.height());
    const int n = int(m_points.size());
    const double step = double(plotWidth) / n;
    const QColor okColor(0x2e, 0x7d, 0x32), clientColor(0xef, 0x6c, 0x00), serverColor(0xc6, 0x28, 0x28);
    const QColor latencyColor(0x15, 0x65, 0xc0), integrationColor(0x8e, 0x24, 0xaa);
    const QColor axis = palette().mid().color();

    // Requests a second, stacked by class.
    double maxRate = 0;
    for (const auto &point : m_points)
        maxRate = std::max(maxRate, double(point.totals.count));
    maxRate = niceCeiling(maxRate);
    p.setPen(palette().text().color());
    p.drawText(QRect(left, 2, plotWidth, fm.height()), Qt::AlignLeft, tr("Requests a second: 2xx/3xx, 4XX, 5XX"));
    p.setPen(axis);
    p.drawRect(rates.adjusted(0, 0, -1, -1));
    p.drawText(QRect(0, rates.top() - fm.height() / 2, left - 4, fm.height()), Qt::AlignRight, figure(maxRate));
    p.drawText(QRect(0, rates.bottom() - fm.height() / 2, left - 4, fm.height()), Qt::AlignRight, QStringLiteral("0"));
    for (int i = 0; i < n; ++i) {
        const RequestMetrics::Totals &t = m_points[size_t(i)].totals;
        if (t.count == 0)
            continue;
        const double x = rates.left() + i * step;
        const double w = std::max(1.0, step - (step > 3 ? 1 : 0));
        double y = rates.bottom();
        const quint64 ok = t.count - t.clientErrors - t.serverErrors;
        for (const auto &[count, color] : {std::pair{ok, okColor}, std::pair{t.clientErrors, clientColor}, std::pair{t.serverErrors, serverColor}}) {
            const double h = rates.height() * double(count) / maxRate;
            p.fillRect(QRectF(x, y - h, w, h), color);
            y -= h;
        }
    }

    // Latency and IntegrationLatency, p50 (thin) and p99 (thick), on one scale.
    double maxMs = 0;
    for (const auto &point : m_points)
        maxMs = std::max(maxMs, point.totals.latency.percentileUs(0.99) / 1000);
    maxMs = niceCeiling(maxMs);
    // The title names each line in its colour.
    int x = left;
    for (const auto &[text, color] : {std::pair{tr("Latency"), latencyColor}, std::pair{tr(" and "), palette().text().color()},
                                      std::pair{tr("IntegrationLatency"), integrationColor},
                                      std::pair{tr(", p99 thick, p50 thin"), palette().text().color()}}) {
        const QString shown = fm.elidedText(text, Qt::ElideRight, std::max(0, left + plotWidth - x));
        p.setPen(color);
        p.drawText(QRect(x, latencies.top() - gap + 2, left + plotWidth - x, fm.height()), Qt::AlignLeft, shown);
        x += fm.horizontalAdvance(shown);
    }
    p.setPen(axis);
    p.drawRect(latencies.adjusted(0, 0, -1, -1));
    p.drawText(QRect(0, latencies.top() - fm.height() / 2, left - 4, fm.height()), Qt::AlignRight, figure(maxMs) + QStringLiteral(" ms"));
    p.drawText(QRect(0, latencies.bottom() - fm.height() / 2, left - 4, fm.height()), Qt::AlignRight, QStringLiteral("0"));
    const auto line = [&](bool integration, double quantile, const QColor &color, qreal width) {
        QPainterPath path;
        bool drawing = false;
        for (int i = 0; i < n; ++i) {
            const RequestMetrics::Totals &t = m_points[size_t(i)].totals;
            const LatencyHistogram &h = integration ? t.integration : t.latency;
            if (h.total == 0) { // no requests that second: the line breaks
                drawing = false;
                continue;
            }
            const QPointF at(latencies.left() + (i + 0.5) * step,
                             latencies.bottom() - latencies.height() * std::min(1.0, h.percentileUs(quantile) / 1000 / maxMs));
            if (drawing)
                path.lineTo(at);
            else
                path.moveTo(at);
            drawing = true;
            if (i + 1 == n || (integration ? m_points[size_t(i + 1)].totals.integration : m_points[size_t(i + 1)].totals.latency).total == 0)
                path.addEllipse(at, width, width); // a lone second still shows
        }
        p.setPen(QPen(color, width));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    };
    line(false, 0.5, latencyColor.lighter(140), 1);
    line(true, 0.5, integrationColor.lighter(140), 1);
    line(false, 0.99, latencyColor, 2.2);
    line(true, 0.99, integrationColor, 2.2);

    // Time axis: how long ago, at the ends and the middle.
    p.setPen(axis);
    const int seconds = n;
    const int y = latencies.bottom() + 4;
    p.drawText(QRect(left, y, plotWidth, fm.height()), Qt::AlignLeft, tr("−%1 s").arg(seconds));
    p.drawText(QRect(left, y, plotWidth, fm.height()), Qt::AlignHCenter, tr("−%1 s").arg(seconds / 2));
    p.drawText(QRect(left, y, plotWidth, fm.height()), Qt::AlignRight, tr("now"));
}

} // namespace gw::ui
