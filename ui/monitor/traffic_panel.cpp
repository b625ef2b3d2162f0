#include "traffic_panel.h"

#include <QRegularExpression>

#include "access_log_model.h"
#include "latency_split_delegate.h"
#include "request_details.h"
#include "request_replay.h"
#include "traffic_filter_model.h"

#include "common/atomic_file.h"
#include "observability/access_log_formatter.h"
#include "observability/har_log.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QMessageBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace gw::ui {

TrafficPanel::TrafficPanel(AccessLogModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_filter(new TrafficFilterModel(this))
{
    m_filter->setSourceModel(model);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    // Status classes: 4xx and 5xx stand out in their colours.
    const struct { int hundreds; const char *label; const char *color; } classes[] = {
        {2, "2xx", "#2e7d32"}, {4, "4xx", "#ef6c00"}, {5, "5xx", "#c62828"}};
    for (const auto &c : classes) {
        auto *toggle = new QToolButton(this);
        toggle->setObjectName(QStringLiteral("show%1").arg(QLatin1String(c.label)));
        toggle->setText(QLatin1String(c.label));
        toggle->setCheckable(true);
        toggle->setChecked(true);
        toggle->setStyleSheet(QStringLiteral("QToolButton:checked { color: %1; font-weight: bold; }").arg(QLatin1String(c.color)));
        toggle->setToolTip(tr("Show %1 answers").arg(QLatin1String(c.label)));
        const int hundreds = c.hundreds;
        connect(toggle, &QToolButton::toggled, this, [this, hundreds](bool on) {
            m_filter->setStatusClassShown(hundreds, on);
            updateCounts();
        });
        bar->addWidget(toggle);
    }
    m_apiStage = new QComboBox(this);
    m_apiStage->setObjectName(QStringLiteral("apiStageFilter"));
    m_apiStage->addItem(tr("All APIs"));
    // Narrow when the window is (the console dock shares its width): the list shows the full names.
    m_apiStage->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_apiStage->setMinimumContentsLength(5);
    connect(m_apiStage, &QComboBox::currentIndexChanged, this, [this] {
        const QStringList key = m_apiStage->currentData().toStringList();
        m_filter->setApiStage(key.value(0).toUtf8(), key.value(1).toUtf8());
        updateCounts();
    });
    bar->addWidget(m_apiStage);
    m_route = new QComboBox(this);
    m_route->setObjectName(QStringLiteral("routeFilter"));
    m_route->addItem(tr("All routes"), QString());
    m_route->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_route->setMinimumContentsLength(6);
    connect(m_route, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setRoute(m_route->currentData().toString());
        updateCounts();
    });
    bar->addWidget(m_route);
    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(QStringLiteral("outcomeFilter"));
    m_outcome->setToolTip(tr("How the requests ended"));
    m_outcome->addItem(tr("All outcomes"), int(TrafficFilterModel::AnyOutcome));
    m_outcome->addItem(tr("Gateway/backend faults"), int(TrafficFilterModel::ServerFaults));
    m_outcome->addItem(tr("Refused by the gateway"), int(TrafficFilterModel::Refused));
    for (int o = int(Outcome::Ok); o <= int(Outcome::BadRequest); ++o)
        m_outcome->addItem(QString::fromLatin1(outcomeName(Outcome(o))), o);
    m_outcome->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_outcome->setMinimumContentsLength(6);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setOutcome(m_outcome->currentData().toInt());
        updateCounts();
    });
    bar->addWidget(m_outcome);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("trafficSearch"));
    m_search->setPlaceholderText(tr("Search method, path, route, status, request id…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text.trimmed());
        updateCounts();
    });
    bar->addWidget(m_search, 1);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("trafficCounts"));
    bar->addWidget(m_counts);
    layout->addLayout(bar);
    // The actions get a row of their own under the filters: in one row the bar wanted 930 px, and the
    // window took that from the explorer (squeezed to 70 px beside the console at 1280 px).
    auto *actions = new QHBoxLayout;
    m_pause = new QToolButton(this);
    m_pause->setObjectName(QStringLiteral("pauseTraffic"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Hold new rows (they come in when you resume)"));
    connect(m_pause, &QToolButton::toggled, this, &TrafficPanel::setPaused);
    actions->addWidget(m_pause);
    auto *clear = new QToolButton(this);
    clear->setObjectName(QStringLiteral("clearTraffic"));
    clear->setText(tr("Clear"));
    connect(clear, &QToolButton::clicked, this, [this] {
        m_held.clear();
        m_model->clear();
        updateCounts();
    });
    actions->addWidget(clear);
    m_stageFormat = new QToolButton(this);
    m_stageFormat->setObjectName(QStringLiteral("stageFormatView"));
    m_stageFormat->setText(tr("Stage format"));
    m_stageFormat->setCheckable(true);
    m_stageFormat->setToolTip(tr("Show each row as its stage's access log prints it (the stage's accessLogFormat, or the default JSON one)"));
    connect(m_stageFormat, &QToolButton::toggled, this, &TrafficPanel::setStageFormatView);
    actions->addWidget(m_stageFormat);
    m_replay = new QToolButton(this);
    m_replay->setObjectName(QStringLiteral("replayRequest"));
    m_replay->setText(tr("Replay"));
    m_replay->setToolTip(tr("Send the selected request again, as it was captured: its answer comes in as a new row"));
    m_replay->setEnabled(false);
    connect(m_replay, &QToolButton::clicked, this, &TrafficPanel::replaySelected);
    actions->addWidget(m_replay);
    m_openInConsole = new QToolButton(this);
    m_openInConsole->setObjectName(QStringLiteral("openInConsole"));
    m_openInConsole->setText(tr("To console"));
    m_openInConsole->setToolTip(tr("Put the selected request in the console, to change it and send it again"));
    m_openInConsole->setEnabled(false);
    connect(m_openInConsole, &QToolButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            emit openInConsoleRequested(m_model->entryAt(m_filter->mapToSource(current).row()));
    });
    actions->addWidget(m_openInConsole);
    auto *exporter = new QToolButton(this);
    exporter->setObjectName(QStringLiteral("exportTraffic"));
    exporter->setText(tr("Export"));
    exporter->setToolTip(tr("Write the rows the filters show to a file"));
    exporter->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(exporter);
    exportMenu->addAction(tr("Shown rows as JSON Lines…"), this, [this] { exportShown(false); });
    exportMenu->addAction(tr("Shown rows as HAR 1.2…"), this, [this] { exportShown(true); });
    exportMenu->addAction(tr("Shown rows in each stage's format…"), this, &TrafficPanel::exportShownInStageFormat);
    exporter->setMenu(exportMenu);
    actions->addWidget(exporter);
    actions->addStretch(1);
    layout->addLayout(actions);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("accessLog"));
    m_view->setModel(m_filter);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setItemDelegateForColumn(AccessLogModel::Split, new LatencySplitDelegate(m_view));
    m_view->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics fm = m_view->fontMetrics();
    m_view->setColumnWidth(AccessLogModel::Time, fm.horizontalAdvance(QStringLiteral("00:00:00.000")) + 12);
    m_view->setColumnWidth(AccessLogModel::Method, fm.horizontalAdvance(QStringLiteral("OPTIONS")) + 12);
    m_view->setColumnWidth(AccessLogModel::Path, 150);
    m_view->setColumnWidth(AccessLogModel::Status, fm.horizontalAdvance(QStringLiteral("Status")) + 14);
    m_view->setColumnWidth(AccessLogModel::Split, 150);
    m_view->setColumnWidth(AccessLogModel::Route, 140);
    m_view->setColumnWidth(AccessLogModel::Function, 80);
    m_view->setColumnWidth(AccessLogModel::Cold, fm.horizontalAdvance(QStringLiteral("❄")) + 14);
    m_view->setColumnWidth(AccessLogModel::Size, fm.horizontalAdvance(QStringLiteral("000.0 KB")) + 12);
    m_view->setColumnHidden(AccessLogModel::LogLine, true);
    m_details = new RequestDetails(this);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid()) {
            const int row = m_filter->mapToSource(current).row();
            m_details->showEntry(m_model->entryAt(row));
            m_details->setAccessLogLine(QString::fromUtf8(m_model->stageLogLine(row)));
        }
        const bool replayable = current.isValid() && canReplay(m_model->entryAt(m_filter->mapToSource(current).row()));
        m_replay->setEnabled(replayable);
        m_openInConsole->setEnabled(replayable);
    });
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({760, 500});
    layout->addWidget(split, 1);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TrafficPanel::updateCounts);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TrafficPanel::updateCounts);
    updateCounts();
}

void TrafficPanel::append(const QVector<AccessLogEntry> &batch)
{
    if (m_paused) {
        m_held += batch;
        if (m_held.size() > m_model->capacity())
            m_held.remove(0, m_held.size() - m_model->capacity());
        updateCounts();
        return;
    }
    // Follow new rows only while the user is at the bottom (like Wireshark's packet list).
    QScrollBar *scroll = m_view->verticalScrollBar();
    const bool atBottom = scroll->value() >= scroll->maximum() - 2;
    m_model->appendBatch(batch);
    if (atBottom)
        m_view->scrollToBottom();
}

void TrafficPanel::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused && !m_held.isEmpty()) {
        const QVector<AccessLogEntry> held = std::move(m_held);
        m_held.clear();
        append(held);
    }
    updateCounts();
}

void TrafficPanel::setRoutes(const QStringList &routeKeys)
{
    const QString current = m_route->currentData().toString();
    m_route->blockSignals(true);
    m_route->clear();
    m_route->addItem(tr("All routes"), QString());
    for (const QString &key : routeKeys)
        m_route->addItem(key, key);
    const int index = m_route->findData(current);
    m_route->setCurrentIndex(index < 0 ? 0 : index);
    m_route->blockSignals(false);
    m_filter->setRoute(m_route->currentData().toString());
}

bool TrafficPanel::selectRequest(const QByteArray &requestId)
{
    if (requestId.isEmpty())
        return false;
    if (m_paused)
        setPaused(false); // the row may be among the held ones
    for (int row = m_model->rowCount() - 1; row >= 0; --row) {
        const AccessLogEntry &entry = m_model->entryAt(row);
        if (entry.requestId != requestId && entry.extendedRequestId != requestId)
            continue;
        QModelIndex shown = m_filter->mapFromSource(m_model->index(row, 0));
        if (!shown.isValid()) { // hidden by a filter: show everything
            m_search->clear();
            m_route->setCurrentIndex(0);
            m_apiStage->setCurrentIndex(0);
            m_outcome->setCurrentIndex(0);
            m_filter->setRoute({});
            m_filter->setApiStage({}, {});
            m_filter->setOutcome(TrafficFilterModel::AnyOutcome);
            for (QToolButton *toggle : findChildren<QToolButton *>(QRegularExpression(QStringLiteral("^show[245]xx$"))))
                toggle->setChecked(true);
            shown = m_filter->mapFromSource(m_model->index(row, 0));
        }
        if (!shown.isValid())
            return false;
        m_view->setCurrentIndex(shown);
        m_view->scrollTo(shown);
        return true;
    }
    return false;
}

void TrafficPanel::showRoute(const QString &routeKey)
{
    const int index = m_route->findData(routeKey);
    if (index >= 0)
        m_route->setCurrentIndex(index);
}

bool TrafficPanel::replaySelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return false;
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    QNetworkReply *reply = replay(*m_network, m_model->entryAt(m_filter->mapToSource(current).row()));
    if (!reply)
        return false;
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    return true;
}

QByteArray TrafficPanel::shownAsJsonLines() const
{
    const AccessLogFormat format(defaultAccessLogFormat());
    QByteArray out;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        format.appendTo(out, m_model->entryAt(m_filter->mapToSource(m_filter->index(row, 0)).row()));
        out += '\n';
    }
    return out;
}

QByteArray TrafficPanel::shownInStageFormat() const
{
    QByteArray out;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        out += m_model->stageLogLine(m_filter->mapToSource(m_filter->index(row, 0)).row());
        out += '\n';
    }
    return out;
}

void TrafficPanel::setStageFormatView(bool on)
{
    QSignalBlocker blocker(m_stageFormat);
    m_stageFormat->setChecked(on);
    for (int column = 0; column < AccessLogModel::ColumnCount; ++column)
        m_view->setColumnHidden(column, on ? column != AccessLogModel::LogLine : column == AccessLogModel::LogLine);
}

bool TrafficPanel::isStageFormatView() const
{
    return m_stageFormat->isChecked();
}

void TrafficPanel::exportShownInStageFormat()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export in each stage's format"), QDir::home().filePath(QStringLiteral("access.log")),
                                                      tr("Log files (*.log *.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    const QString failed = writeFileAtomically(path, shownInStageFormat());
    if (!failed.isEmpty())
        QMessageBox::warning(this, tr("Not exported"), failed);
}

QByteArray TrafficPanel::shownAsHar() const
{
    HarLog har(QCoreApplication::applicationVersion(), m_model->capacity());
    for (int row = 0; row < m_filter->rowCount(); ++row)
        har.add(m_model->entryAt(m_filter->mapToSource(m_filter->index(row, 0)).row()));
    return har.document();
}

void TrafficPanel::exportShown(bool har)
{
    const QString suggested = QDir::home().filePath(har ? QStringLiteral("traffic.har") : QStringLiteral("traffic.jsonl"));
    const QString path = QFileDialog::getSaveFileName(this, har ? tr("Export as HAR") : tr("Export as JSON Lines"), suggested,
                                                      har ? tr("HAR files (*.har)") : tr("JSON Lines (*.jsonl)"));
    if (path.isEmpty())
        return;
    const QString failed = writeFileAtomically(path, har ? shownAsHar() : shownAsJsonLines());
    if (!failed.isEmpty())
        QMessageBox::warning(this, tr("Not exported"), failed);
}

void TrafficPanel::setStages(const QList<StageChoice> &choices)
{
    const QStringList current = m_apiStage->currentData().toStringList();
    QSignalBlocker blocker(m_apiStage);
    m_apiStage->clear();
    m_apiStage->addItem(tr("All APIs"));
    for (const StageChoice &choice : choices)
        m_apiStage->addItem(choice.label, QStringList{QString::fromUtf8(choice.apiId), QString::fromUtf8(choice.stage)});
    const int index = current.isEmpty() ? 0 : m_apiStage->findData(current);
    m_apiStage->setCurrentIndex(index < 0 ? 0 : index);
    const QStringList key = m_apiStage->currentData().toStringList();
    m_filter->setApiStage(key.value(0).toUtf8(), key.value(1).toUtf8());
    updateCounts();
}

void TrafficPanel::updateCounts()
{
    QString text = tr("%1 of %2").arg(m_filter->rowCount()).arg(m_model->rowCount());
    if (!m_held.isEmpty())
        text += tr(" · %1 held").arg(m_held.size());
    m_counts->setText(text);
}

} // namespace gw::ui
