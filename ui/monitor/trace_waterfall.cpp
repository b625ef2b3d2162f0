#include "trace_waterfall.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace gw::ui {

namespace {
constexpr int kMargin = 8;
constexpr int kDurationWidth = 80;
constexpr int kMaxLogLines = 40; // per span: the rest is in the Log tab

QString millis(qint64 ns)
{
    const double ms = double(ns) / 1e6;
    return ms < 1 ? QStringLiteral("%1 µs").arg(double(ns) / 1e3, 0, 'f', 0) : QStringLiteral("%1 ms").arg(ms, 0, 'f', 2);
}
} // namespace

TraceWaterfall::TraceWaterfall(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("traceWaterfall"));
    setMouseTracking(true);
    m_rowHeight = fontMetrics().height() + 6;
    m_lineHeight = QFontMetrics(QFontDatabase::systemFont(QFontDatabase::FixedFont)).height() + 1;
}

void TraceWaterfall::setEntry(const AccessLogEntry &entry)
{
    m_trace = entry.trace;
    m_summary = tr("%1 %2 → %3 · %4 · total %5, integration %6")
                    .arg(QString::fromLatin1(entry.methodLabel()), QString::fromUtf8(entry.path))
                    .arg(entry.status)
                    .arg(QString::fromLatin1(entry.reason()),
                         m_trace ? millis(m_trace->totalNs) : QStringLiteral("—"),
                         m_trace && m_trace->integrationNs >= 0 ? millis(m_trace->integrationNs) : QStringLiteral("—"));
    if (m_trace && m_trace->clientGone)
        m_summary += tr(" · the client left first");
    relayout();
}

void TraceWaterfall::clear()
{
    m_trace.reset();
    m_summary.clear();
    relayout();
}

QColor TraceWaterfall::colorOf(TraceSpan::Kind kind) const
{
    switch (kind) {
    case TraceSpan::Kind::Gateway: return QColor(0x19, 0x76, 0xd2);
    case TraceSpan::Kind::Integration: return QColor(0xef, 0x6c, 0x00);
    case TraceSpan::Kind::Response: return QColor(0x2e, 0x7d, 0x32);
    }
    return Qt::gray;
}

int TraceWaterfall::labelWidth() const
{
    int width = fontMetrics().horizontalAdvance(QStringLiteral("integration"));
    if (m_trace)
        for (const TraceSpan &span : m_trace->spans)
            width = std::max(width, fontMetrics().horizontalAdvance(QString::fromLatin1(span.name)));
    return width + 2 * kMargin;
}

void TraceWaterfall::relayout()
{
    m_rows.clear();
    int top = m_axisHeight + fontMetrics().height() + kMargin;
    if (m_trace)
        for (int i = 0; i < int(m_trace->spans.size()); ++i) {
            Row row{i, top, m_rowHeight, {}};
            const TraceSpan &span = m_trace->spans[size_t(i)];
            const QStringList lines = (QString::fromUtf8(span.log) + span.output).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            row.lines = lines.mid(0, kMaxLogLines);
            if (lines.size() > kMaxLogLines)
                row.lines << tr("… %1 more lines in the Log tab").arg(lines.size() - kMaxLogLines);
            row.height += int(row.lines.size()) * m_lineHeight;
            top += row.height;
            m_rows.push_back(std::move(row));
        }
    updateGeometry();
    update();
}

QSize TraceWaterfall::sizeHint() const
{
    const int height = m_rows.empty() ? 80 : m_rows.back().top + m_rows.back().height + kMargin;
    return {600, height};
}

double TraceWaterfall::scaleFor(int width) const
{
    const qint64 total = m_trace ? std::max<qint64>(1, m_trace->totalNs) : 1;
    const int axis = std::max(40, width - labelWidth() - kDurationWidth - kMargin);
    return double(axis) / double(total);
}

QRectF TraceWaterfall::barRect(int index) const
{
    if (!m_trace || index < 0 || index >= int(m_rows.size()))
        return {};
    const TraceSpan &span = m_trace->spans[size_t(index)];
    const double scale = scaleFor(width());
    const double x = labelWidth() + double(std::max<qint64>(0, span.startNs)) * scale;
    const double w = std::max(2.0, double(std::max<qint64>(0, span.durationNs)) * scale);
    return QRectF(x, m_rows[size_t(index)].top + 3, w, m_rowHeight - 6);
}

void TraceWaterfall::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (!m_trace) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::AlignLeft | Qt::AlignTop,
                         tr("Select a request to see what happened inside it, stage by stage"));
        return;
    }
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QRect(kMargin, kMargin / 2, width() - 2 * kMargin, fontMetrics().height()), Qt::AlignLeft, m_summary);
    // The time axis: 0, half, total.
    const int axisTop = fontMetrics().height() + kMargin;
    const double scale = scaleFor(width());
    const int left = labelWidth();
    const int right = left + int(double(std::max<qint64>(1, m_trace->totalNs)) * scale);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(left, axisTop + m_axisHeight - 4, right, axisTop + m_axisHeight - 4);
    for (int tick = 0; tick <= 2; ++tick) {
        const int x = left + (right - left) * tick / 2;
        painter.drawLine(x, axisTop + m_axisHeight - 8, x, axisTop + m_axisHeight);
        const QString label = millis(m_trace->totalNs * tick / 2);
        const int w = fontMetrics().horizontalAdvance(label);
        painter.drawText(std::clamp(x - w / 2, 0, width() - w), axisTop + fontMetrics().ascent(), label);
    }
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const Row &row : m_rows) {
        const TraceSpan &span = m_trace->spans[size_t(row.span)];
        painter.setFont(font());
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRect(kMargin, row.top, left - 2 * kMargin, m_rowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                         QString::fromLatin1(span.name));
        const QRectF bar = barRect(row.span);
        painter.fillRect(bar, colorOf(span.kind));
        painter.drawText(QRectF(bar.right() + 4, row.top, kDurationWidth, m_rowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                         millis(std::max<qint64>(0, span.durationNs)));
        if (!row.lines.isEmpty()) {
            painter.setFont(mono);
            painter.setPen(palette().color(QPalette::PlaceholderText));
            int y = row.top + m_rowHeight;
            for (const QString &line : row.lines) {
                painter.drawText(QRect(left, y, width() - left - kMargin, m_lineHeight), Qt::AlignVCenter | Qt::AlignLeft,
                                 fontMetrics().elidedText(line, Qt::ElideRight, width() - left - kMargin));
                y += m_lineHeight;
            }
        }
    }
}

bool TraceWaterfall::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_trace) {
        const auto *help = static_cast<QHelpEvent *>(event);
        for (const Row &row : m_rows) {
            if (help->pos().y() < row.top || help->pos().y() >= row.top + m_rowHeight)
                continue;
            const TraceSpan &span = m_trace->spans[size_t(row.span)];
            QToolTip::showText(help->globalPos(),
                               tr("%1: starts at %2, takes %3 (%4)")
                                   .arg(QString::fromLatin1(span.name), millis(span.startNs), millis(std::max<qint64>(0, span.durationNs)),
                                        QString::fromLatin1(span.result)),
                               this);
            return true;
        }
        QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace gw::ui
