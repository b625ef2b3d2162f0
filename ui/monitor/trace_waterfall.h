#pragma once
// One request's execution trace as a waterfall: a bar per stage on the request's time axis,
// gateway time and integration time in different colours, the lines each stage logged (the
// function's output under the integration's bar).
#include "observability/access_log_entry.h"

#include <QWidget>

namespace gw::ui {

class TraceWaterfall : public QWidget {
    Q_OBJECT
public:
    explicit TraceWaterfall(QWidget *parent = nullptr);
    void setEntry(const AccessLogEntry &entry);
    void clear();

    int spanCount() const { return m_trace ? int(m_trace->spans.size()) : 0; }
    // Where span i's bar is drawn (for tests and tooltips).
    QRectF barRect(int span) const;
    QColor colorOf(TraceSpan::Kind kind) const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {240, 80}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Row {
        int span;
        int top;        // the bar row's top
        int height;     // with its log lines
        QStringList lines;
    };
    void relayout();
    int labelWidth() const;
    double scaleFor(int width) const;

    std::shared_ptr<const ExecutionTrace> m_trace;
    QString m_summary;
    std::vector<Row> m_rows;
    int m_rowHeight = 18;
    int m_lineHeight = 14;
    int m_axisHeight = 22;
};

} // namespace gw::ui
