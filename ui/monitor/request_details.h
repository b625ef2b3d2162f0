#pragma once
// What one request carried and what happened to it: an overview, the trace as a waterfall, the
// request as received, what the integration got (the Lambda event) and returned, what the client
// got, and the function's output with the gateway's notes.
#include "observability/access_log_entry.h"

#include <QWidget>

class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace gw::ui {

class TraceWaterfall;

class RequestDetails : public QWidget {
    Q_OBJECT
public:
    explicit RequestDetails(QWidget *parent = nullptr);
    void showEntry(const AccessLogEntry &entry);
    // The shown request's line in its stage's access-log format, under the overview.
    void setAccessLogLine(const QString &line);
    TraceWaterfall *waterfall() const { return m_waterfall; }
    QPlainTextEdit *logView() const { return m_log; }
    QTabWidget *tabs() const { return m_tabs; }
    // The text a tab shows ("Request", "Event", "Function response", "Response", ...), for tests.
    QString tabText(const QString &title) const;

signals:
    void goToRoute(const QString &routeKey);
    void openHandlerOf(const QString &routeKey);

private:
    QPlainTextEdit *textPage(const char *name);
    void showMessage(QPlainTextEdit *page, const CapturedMessage *message);
    QTabWidget *m_tabs;
    QPlainTextEdit *m_overview;
    QPushButton *m_goToRoute;
    QPushButton *m_openHandler;
    TraceWaterfall *m_waterfall;
    QPlainTextEdit *m_request;
    QPlainTextEdit *m_integrationRequest;
    QPlainTextEdit *m_integrationResponse;
    QPlainTextEdit *m_response;
    QPlainTextEdit *m_log;
    QString m_routeKey;
    QString m_overviewText;
};

} // namespace gw::ui
