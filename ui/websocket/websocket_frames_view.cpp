#include "websocket_frames_view.h"

#include "list_table.h"
#include "websocket_frames_filter.h"
#include "websocket_frames_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace gw::ui {

namespace {

// JSON frames indented; anything else as it came.
QString prettyText(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error == QJsonParseError::NoError && (doc.isObject() || doc.isArray()))
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
    return QString::fromUtf8(text);
}

} // namespace

WebSocketFramesView::WebSocketFramesView(WebSocketFramesModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_filter(new WebSocketFramesFilter(this))
{
    m_filter->setSourceModel(model);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_route = new QComboBox(this);
    m_route->setObjectName(QStringLiteral("frameRouteFilter"));
    m_route->addItem(tr("All routes"), QString());
    m_route->setMinimumContentsLength(14);
    connect(m_route, &QComboBox::currentIndexChanged, this, [this] { m_filter->setRoute(m_route->currentData().toString()); });
    bar->addWidget(m_route);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("frameSearch"));
    m_search->setPlaceholderText(tr("Search frame text…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) { m_filter->setText(text.trimmed()); });
    bar->addWidget(m_search, 1);
    m_follow = new QCheckBox(tr("Follow"), this);
    m_follow->setObjectName(QStringLiteral("followFrames"));
    m_follow->setToolTip(tr("Keep the newest frame in view"));
    m_follow->setChecked(true);
    bar->addWidget(m_follow);
    layout->addLayout(bar);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_table = makeListTable(split, QStringLiteral("framesTable"), m_filter,
                            {{WebSocketFramesModel::Time, 14}, {WebSocketFramesModel::Direction, 7}, {WebSocketFramesModel::Connection, 19},
                             {WebSocketFramesModel::Size, 7}, {WebSocketFramesModel::Route, 16}, {WebSocketFramesModel::Integration, 11}});
    m_details = new QPlainTextEdit(split);
    m_details->setObjectName(QStringLiteral("frameDetails"));
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select a frame to see it whole, with its route and the function's log lines"));
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &WebSocketFramesView::showSelected);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &WebSocketFramesView::followIfAsked);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &first, const QModelIndex &last) {
        const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
        if (current.isValid() && current.row() >= first.row() && current.row() <= last.row())
            showSelected();
    });
}

void WebSocketFramesView::setRoutes(const QStringList &routeKeys)
{
    const QString current = m_route->currentData().toString();
    QSignalBlocker blocker(m_route);
    while (m_route->count() > 1)
        m_route->removeItem(1);
    for (const QString &key : routeKeys)
        m_route->addItem(key, key);
    const int at = m_route->findData(current);
    m_route->setCurrentIndex(at < 0 ? 0 : at);
    if (at < 0)
        m_filter->setRoute(QString());
}

void WebSocketFramesView::setConnectionColumnShown(bool shown)
{
    m_table->setColumnHidden(WebSocketFramesModel::Connection, !shown);
}

bool WebSocketFramesView::isFollowing() const
{
    return m_follow->isChecked();
}

void WebSocketFramesView::followIfAsked()
{
    if (m_follow->isChecked())
        m_table->scrollToBottom();
}

void WebSocketFramesView::showSelected()
{
    const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const WebSocketFrame &f = m_model->frameAt(current.row());
    const bool in = f.direction == WebSocketFrame::Direction::In;
    QString text = tr("%1 %2 · %3 bytes · connection %4")
                       .arg(in ? tr("In") : tr("Out"),
                            QDateTime::fromMSecsSinceEpoch(f.timeMs).toString(QStringLiteral("HH:mm:ss.zzz")))
                       .arg(f.text.size())
                       .arg(QString::fromLatin1(f.connectionId));
    if (in && !f.routeKey.isEmpty()) {
        text += QLatin1Char('\n') + tr("Route %1 · status %2").arg(QString::fromUtf8(f.routeKey)).arg(f.status);
        if (f.integrationMs >= 0)
            text += tr(" · integration %1 ms").arg(f.integrationMs, 0, 'f', 1);
        text += tr(" · request %1").arg(QString::fromLatin1(f.requestId));
    }
    text += QStringLiteral("\n\n") + prettyText(f.text);
    if (!f.executionLog.isEmpty())
        text += QStringLiteral("\n\n") + tr("Function log") + QStringLiteral("\n") + f.executionLog.trimmed();
    m_details->setPlainText(text);
}

} // namespace gw::ui
