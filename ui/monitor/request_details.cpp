#include "request_details.h"

#include "trace_waterfall.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

namespace gw::ui {

namespace {
// A JSON body indented for reading; anything else as it came (bytes that are not UTF-8 shown as such).
QString readable(const QByteArray &body, bool truncated)
{
    if (!truncated) {
        const auto json = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
        if (!json.is_discarded() && (json.is_object() || json.is_array()))
            return QString::fromStdString(json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    return QString::fromUtf8(body);
}
} // namespace

RequestDetails::RequestDetails(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("requestTabs"));

    auto *overview = new QWidget(this);
    auto *overviewLayout = new QVBoxLayout(overview);
    overviewLayout->setContentsMargins(0, 0, 0, 0);
    m_overview = textPage("overview");
    m_overview->setPlaceholderText(tr("Select a request"));
    overviewLayout->addWidget(m_overview, 1);
    auto *actions = new QHBoxLayout;
    m_goToRoute = new QPushButton(tr("Go to route"), this);
    m_openHandler = new QPushButton(tr("Open handler"), this);
    actions->addWidget(m_goToRoute);
    actions->addWidget(m_openHandler);
    actions->addStretch(1);
    overviewLayout->addLayout(actions);
    connect(m_goToRoute, &QPushButton::clicked, this, [this] { emit goToRoute(m_routeKey); });
    connect(m_openHandler, &QPushButton::clicked, this, [this] { emit openHandlerOf(m_routeKey); });
    m_tabs->addTab(overview, tr("Overview"));

    m_waterfall = new TraceWaterfall(this);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_waterfall);
    scroll->setWidgetResizable(true);
    m_tabs->addTab(scroll, tr("Trace"));
    m_request = textPage("capturedRequest");
    m_tabs->addTab(m_request, tr("Request"));
    m_integrationRequest = textPage("capturedIntegrationRequest");
    m_tabs->addTab(m_integrationRequest, tr("Event"));
    m_integrationResponse = textPage("capturedIntegrationResponse");
    m_tabs->addTab(m_integrationResponse, tr("Fn response"));
    m_response = textPage("capturedResponse");
    m_tabs->addTab(m_response, tr("Response"));
    m_log = textPage("executionLog");
    m_log->setPlaceholderText(tr("Select a request to see its execution log"));
    m_tabs->addTab(m_log, tr("Logs"));
    m_tabs->setCurrentIndex(1); // the trace first: where the time went
    layout->addWidget(m_tabs);
    m_goToRoute->setEnabled(false);
    m_openHandler->setEnabled(false);
}

QPlainTextEdit *RequestDetails::textPage(const char *name)
{
    auto *page = new QPlainTextEdit(this);
    page->setObjectName(QLatin1String(name));
    page->setReadOnly(true);
    page->setLineWrapMode(QPlainTextEdit::NoWrap);
    page->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return page;
}

void RequestDetails::showMessage(QPlainTextEdit *page, const CapturedMessage *message)
{
    if (!message || !message->present) {
        page->setPlainText(QString());
        page->setPlaceholderText(message ? tr("This request did not get that far")
                                         : tr("Not captured: the designer keeps the bodies of recent requests only"));
        return;
    }
    QString text = QString::fromUtf8(message->startLine) + QLatin1Char('\n');
    for (const HttpHeader &h : message->headers)
        text += QString::fromUtf8(h.name) + QStringLiteral(": ") + QString::fromUtf8(h.value) + QLatin1Char('\n');
    text += QLatin1Char('\n') + readable(message->body, message->truncated());
    if (message->truncated())
        text += tr("\n… (%1 of %2 bytes shown)").arg(message->body.size()).arg(message->bodySize);
    page->setPlainText(text);
}

void RequestDetails::setAccessLogLine(const QString &line)
{
    m_overview->setPlainText(m_overviewText + tr("\nAccess log (the stage's format):\n%1\n").arg(line));
}

QString RequestDetails::tabText(const QString &title) const
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->tabText(i) == title)
            if (auto *page = qobject_cast<QPlainTextEdit *>(m_tabs->widget(i)))
                return page->toPlainText();
    return {};
}

void RequestDetails::showEntry(const AccessLogEntry &e)
{
    m_waterfall->setEntry(e);
    m_routeKey = QString::fromUtf8(e.routeKey);
    const bool routed = !m_routeKey.isEmpty() && m_routeKey != QLatin1String("-");
    m_goToRoute->setEnabled(routed);
    m_openHandler->setEnabled(routed);
    QString text = tr("Request %1  %2 %3 → %4  (%5)\n")
                       .arg(QString::fromLatin1(e.requestId), QString::fromLatin1(e.methodLabel()), QString::fromUtf8(e.path))
                       .arg(e.status)
                       .arg(QString::fromLatin1(e.reason()));
    text += tr("Route %1\n").arg(routed ? m_routeKey : tr("none matched"));
    text += tr("Latency %1 ms = gateway %2 ms + integration %3 ms\n")
                .arg(e.responseLatencyMs, 0, 'f', 3)
                .arg(e.overheadMs(), 0, 'f', 3)
                .arg(qMax(0.0, e.integrationLatencyMs), 0, 'f', 3);
    if (!e.integrationErrorMessage.isEmpty())
        text += tr("Integration error: %1\n").arg(e.integrationErrorMessage);
    m_overviewText = text;
    m_overview->setPlainText(text);
    const ExchangeCapture *capture = e.capture.get();
    const bool lambda = !capture || capture->lambda;
    m_tabs->setTabText(m_tabs->indexOf(m_integrationRequest), lambda ? tr("Event") : tr("Backend req."));
    m_tabs->setTabText(m_tabs->indexOf(m_integrationResponse), lambda ? tr("Fn response") : tr("Backend response"));
    showMessage(m_request, capture ? &capture->request : nullptr);
    showMessage(m_integrationRequest, capture ? &capture->integrationRequest : nullptr);
    showMessage(m_integrationResponse, capture ? &capture->integrationResponse : nullptr);
    showMessage(m_response, capture ? &capture->response : nullptr);
    m_log->setPlainText(text + QLatin1Char('\n') + e.executionLog);
}

} // namespace gw::ui
