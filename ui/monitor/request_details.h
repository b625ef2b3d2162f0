#pragma once
// What one request carried and what happened to it: the trace as a waterfall, the function's
// output and gateway notes as text.
#include "observability/access_log_entry.h"

#include <QWidget>

class QPlainTextEdit;
class QTabWidget;

namespace gw::ui {

class TraceWaterfall;

class RequestDetails : public QWidget {
    Q_OBJECT
public:
    explicit RequestDetails(QWidget *parent = nullptr);
    void showEntry(const AccessLogEntry &entry);
    TraceWaterfall *waterfall() const { return m_waterfall; }
    QPlainTextEdit *logView() const { return m_log; }

private:
    QTabWidget *m_tabs;
    TraceWaterfall *m_waterfall;
    QPlainTextEdit *m_log;
};

} // namespace gw::ui
