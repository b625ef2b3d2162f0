#include "request_details.h"

#include "trace_waterfall.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace gw::ui {

RequestDetails::RequestDetails(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_waterfall = new TraceWaterfall(this);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_waterfall);
    scroll->setWidgetResizable(true);
    m_tabs->addTab(scroll, tr("Trace"));
    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("executionLog"));
    m_log->setReadOnly(true);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("Select a request to see its execution log"));
    m_tabs->addTab(m_log, tr("Log"));
    layout->addWidget(m_tabs);
}

void RequestDetails::showEntry(const AccessLogEntry &e)
{
    m_waterfall->setEntry(e);
    QString text = tr("Request %1  %2 %3 → %4  (%5)\n")
                       .arg(QString::fromLatin1(e.requestId), QString::fromLatin1(e.httpMethod), QString::fromUtf8(e.path))
                       .arg(e.status)
                       .arg(QString::fromLatin1(e.reason()));
    text += tr("Latency %1 ms = gateway %2 ms + integration %3 ms\n")
                .arg(e.responseLatencyMs, 0, 'f', 3)
                .arg(e.overheadMs(), 0, 'f', 3)
                .arg(qMax(0.0, e.integrationLatencyMs), 0, 'f', 3);
    if (!e.integrationErrorMessage.isEmpty())
        text += tr("Integration error: %1\n").arg(e.integrationErrorMessage);
    text += QLatin1Char('\n') + e.executionLog;
    m_log->setPlainText(text);
}

} // namespace gw::ui
