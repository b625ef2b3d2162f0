#include "latency_histogram_view.h"

#include <QPainter>

#include <algorithm>

namespace gw::ui {

QString formatMicros(double us)
{
    if (us < 1000)
        return QStringLiteral("%1 µs").arg(us, 0, 'f', 0);
    if (us < 10'000)
        return QStringLiteral("%1 ms").arg(us / 1000, 0, 'f', 2);
    if (us < 1'000'000)
        return QStringLiteral("%1 ms").arg(us / 1000, 0, 'f', 1);
    return QStringLiteral("%1 s").arg(us / 1e6, 0, 'f', 2);
}

LatencyHistogramView::LatencyHistogramView(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(110);
    setObjectName(QStringLiteral("latencyHistogram"));
}

void LatencyHistogramView::setSnapshot(const LoadRunSnapshot &snapshot)
{
    m_snapshot = snapshot;
    update();
}

void LatencyHistogramView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.base());
    const LatencyHistogram &h = m_snapshot.histogram;
    const QFontMetrics fm(font());
    const QRect plot = rect().adjusted(8, 6, -8, -(fm.height() + 8));
    if (h.total == 0) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("The latency histogram appears here during a run"));
        return;
    }
    int first = 0, last = LatencyHistogram::kBuckets - 1;
    while (first < last && h.counts[size_t(first)] == 0)
        ++first;
    while (last > first && h.counts[size_t(last)] == 0)
        --last;
    // Some room either side, so one bucket is not a wall.
    first = std::max(0, first - 2);
    last = std::min(LatencyHistogram::kBuckets - 1, last + 2);
    const int n = last - first + 1;
    const quint64 peak = *std::max_element(h.counts.begin() + first, h.counts.begin() + last + 1);
    const double barWidth = double(plot.width()) / n;
    const QColor bar = pal.color(QPalette::Highlight);
    for (int b = first; b <= last; ++b) {
        const double height = peak ? double(plot.height()) * double(h.counts[size_t(b)]) / double(peak) : 0;
        const QRectF r(plot.left() + (b - first) * barWidth + 1, plot.bottom() - height, std::max(1.0, barWidth - 2), height);
        p.fillRect(r, bar);
    }
    auto xOf = [&](double us) {
        const int b = LatencyHistogram::bucketOf(us);
        return plot.left() + (b - first + 0.5) * barWidth;
    };
    p.setPen(pal.color(QPalette::Text));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    // Axis: the range's ends and the marked percentiles.
    p.drawText(QRect(plot.left(), plot.bottom() + 3, plot.width() / 2, fm.height()), Qt::AlignLeft,
               formatMicros(LatencyHistogram::lowerUs(first)));
    p.drawText(QRect(plot.left() + plot.width() / 2, plot.bottom() + 3, plot.width() / 2, fm.height()), Qt::AlignRight,
               formatMicros(LatencyHistogram::upperUs(last)));
    const QColor p50 = QColor(0x2e, 0x7d, 0x32), p99 = QColor(0xc6, 0x28, 0x28);
    int line = 0; // p50 on the first line, p99 under it: close values do not overwrite each other
    for (const auto &[us, color, label] : {std::tuple{m_snapshot.p50Us, p50, QStringLiteral("p50")},
                                           std::tuple{m_snapshot.p99Us, p99, QStringLiteral("p99")}}) {
        const int row = line++;
        if (us <= 0)
            continue;
        const double x = xOf(us);
        p.setPen(QPen(color, 1, Qt::DashLine));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        p.setPen(color);
        const QString text = label + QLatin1Char(' ') + formatMicros(us);
        const int width = fm.horizontalAdvance(text);
        // Beside the line, on whichever side has room for it.
        const double left = x + 3 + width <= plot.right() ? x + 3 : x - 3 - width;
        p.drawText(QPointF(left, plot.top() + fm.ascent() + row * fm.height()), text);
    }
}

} // namespace gw::ui
