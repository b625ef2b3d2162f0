#include "metrics_panel.h"

#include "metrics_chart.h"
#include "metrics_table_model.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace gw::ui {

MetricsPanel::MetricsPanel(QWidget *parent)
    : QWidget(parent), m_metrics(300), m_table(new MetricsTableModel(this)), m_timer(new QTimer(this)),
      m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_apiStage = new QComboBox(this);
    m_apiStage->setObjectName(QStringLiteral("metricsApiStage"));
    m_apiStage->addItem(tr("All APIs"));
    connect(m_apiStage, &QComboBox::currentIndexChanged, this, [this] {
        m_selected = currentFilter();
        refresh();
    });
    bar->addWidget(m_apiStage);
    m_span = new QComboBox(this);
    m_span->setObjectName(QStringLiteral("metricsSpan"));
    m_span->addItem(tr("Last minute"), 60);
    m_span->addItem(tr("Last 5 minutes"), 300);
    m_span->setCurrentIndex(1);
    connect(m_span, &QComboBox::currentIndexChanged, this, &MetricsPanel::refresh);
    bar->addWidget(m_span);
    m_triage = new QLabel(this);
    m_triage->setObjectName(QStringLiteral("metricsTriage"));
    m_triage->setWordWrap(true);
    m_triage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(m_triage, 1);
    layout->addLayout(bar);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("metricsTable"));
    m_view->setModel(m_table);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid() && current.row() < m_table->rowCount()) {
            m_selected = m_table->keyAt(current.row());
            refresh();
        }
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (index.row() > 0)
            emit showRouteInTraffic(QString::fromUtf8(m_table->keyAt(index.row()).routeKey));
    });
    m_chart = new MetricsChart(this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400});
    layout->addWidget(split, 1);

    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_timer->start();
}

void MetricsPanel::append(const QVector<AccessLogEntry> &batch)
{
    for (const AccessLogEntry &entry : batch)
        m_metrics.add(entry);
}

void MetricsPanel::clear()
{
    m_metrics.clear();
    refresh();
}

void MetricsPanel::setSpanSeconds(int seconds)
{
    const int index = m_span->findData(seconds);
    if (index >= 0)
        m_span->setCurrentIndex(index);
}

void MetricsPanel::setStages(const QList<TrafficPanel::StageChoice> &choices)
{
    const QStringList current = m_apiStage->currentData().toStringList();
    {
        QSignalBlocker blocker(m_apiStage);
        m_apiStage->clear();
        m_apiStage->addItem(tr("All APIs"));
        for (const TrafficPanel::StageChoice &choice : choices)
            m_apiStage->addItem(choice.label, QStringList{QString::fromUtf8(choice.apiId), QString::fromUtf8(choice.stage)});
        const int index = current.isEmpty() ? 0 : m_apiStage->findData(current);
        m_apiStage->setCurrentIndex(index < 0 ? 0 : index);
    }
    if (!RequestMetrics::matches(currentFilter(), m_selected))
        m_selected = currentFilter();
    refresh();
}

RequestMetrics::Key MetricsPanel::currentFilter() const
{
    const QStringList key = m_apiStage->currentData().toStringList();
    return {key.value(0).toUtf8(), key.value(1).toUtf8(), {}};
}

void MetricsPanel::refresh()
{
    const qint64 now = m_now();
    const int seconds = m_span->currentData().toInt();
    const RequestMetrics::Key filter = currentFilter();
    m_table->refresh(m_metrics, filter, now, seconds);
    const bool webSocket = m_table->hasWebSocketTraffic();
    for (int column = MetricsTableModel::Connects; column < MetricsTableModel::ColumnCount; ++column)
        m_view->setColumnHidden(column, !webSocket);
    int selectedRow = 0;
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->keyAt(row) == m_selected)
            selectedRow = row;
    if (m_view->currentIndex().row() != selectedRow) {
        QSignalBlocker blocker(m_view->selectionModel());
        m_view->setCurrentIndex(m_table->index(selectedRow, 0));
        m_view->selectRow(selectedRow);
    }
    const RequestMetrics::Key shown = m_table->keyAt(selectedRow);
    m_chart->setSeries(m_metrics.series(shown, now, seconds));
    const RequestMetrics::Totals &t = m_table->totalsAt(selectedRow);
    const double latency = t.latency.percentileUs(0.9) / 1000;
    const double integration = t.integration.percentileUs(0.9) / 1000;
    const QString what = shown.routeKey.isEmpty() ? tr("All routes") : shown.routeKey == "-" ? tr("No route matched") : QString::fromUtf8(shown.routeKey);
    switch (triageLatency(t)) {
    case LatencyTriage::NotEnoughData:
        m_triage->setText(tr("%1: too few requests in the span to read the latency split.").arg(what));
        break;
    case LatencyTriage::Fast:
        m_triage->setText(tr("%1: Latency p90 %2 ms, IntegrationLatency p90 %3 ms: nothing slow.")
                              .arg(what).arg(latency, 0, 'f', 1).arg(integration, 0, 'f', 1));
        break;
    case LatencyTriage::GatewayBound:
        m_triage->setText(tr("%1: high Latency (p90 %2 ms) with low IntegrationLatency (p90 %3 ms) points at the gateway, "
                             "often an authorizer: open a slow request's trace in Traffic.")
                              .arg(what).arg(latency, 0, 'f', 1).arg(integration, 0, 'f', 1));
        break;
    case LatencyTriage::BackendBound:
        m_triage->setText(tr("%1: Latency (p90 %2 ms) and IntegrationLatency (p90 %3 ms) both high point at the backend: "
                             "the function's own time, its cold starts, or a slow endpoint.")
                              .arg(what).arg(latency, 0, 'f', 1).arg(integration, 0, 'f', 1));
        break;
    }
}

QString MetricsPanel::triageText() const
{
    return m_triage->text();
}

void MetricsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

} // namespace gw::ui
