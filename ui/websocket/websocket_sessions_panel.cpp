#include "websocket_sessions_panel.h"

#include "gateway/gateway.h"
#include "websocket/connection_registry.h"
#include "list_table.h"
#include "websocket_frames_filter.h"
#include "websocket_frames_model.h"
#include "websocket_frames_view.h"
#include "websocket_sessions_model.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace gw::ui {

WebSocketSessionsPanel::WebSocketSessionsPanel(Gateway *gateway, QWidget *parent)
    : QWidget(parent), m_gateway(gateway), m_sessions(new WebSocketSessionsModel(1000, this)),
      m_frames(new WebSocketFramesModel(100000, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Vertical, this);

    auto *top = new QWidget(split);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_table = makeListTable(top, QStringLiteral("sessionsTable"), m_sessions,
                            {{WebSocketSessionsModel::Connection, 19}, {WebSocketSessionsModel::Api, 12}, {WebSocketSessionsModel::Source, 11},
                             {WebSocketSessionsModel::UserAgent, 14}, {WebSocketSessionsModel::Authorizer, 14},
                             {WebSocketSessionsModel::Connected, 12},
                             {WebSocketSessionsModel::LastActive, 12}, {WebSocketSessionsModel::In, 5}, {WebSocketSessionsModel::Out, 5},
                             {WebSocketSessionsModel::BytesIn, 9}, {WebSocketSessionsModel::BytesOut, 9}});
    topLayout->addWidget(m_table, 1);

    auto *actions = new QHBoxLayout;
    m_message = new QLineEdit(top);
    m_message->setObjectName(QStringLiteral("pushMessage"));
    m_message->setPlaceholderText(tr("Message to push (as @connections POST sends it)"));
    actions->addWidget(m_message, 1);
    m_pushOne = new QPushButton(tr("Push to selected"), top);
    m_pushOne->setObjectName(QStringLiteral("pushToSelected"));
    m_pushAll = new QPushButton(tr("Push to all"), top);
    m_pushAll->setObjectName(QStringLiteral("pushToAll"));
    m_disconnect = new QPushButton(tr("Disconnect"), top);
    m_disconnect->setObjectName(QStringLiteral("disconnectSession"));
    m_disconnect->setToolTip(tr("Close the connection as DeleteConnection does (1000, \"Connection Closed Normally\")"));
    actions->addWidget(m_pushOne);
    actions->addWidget(m_pushAll);
    actions->addWidget(m_disconnect);
    m_status = new QLabel(top);
    m_status->setObjectName(QStringLiteral("sessionsStatus"));
    actions->addWidget(m_status);
    topLayout->addLayout(actions);

    m_framesView = new WebSocketFramesView(m_frames, split);
    split->addWidget(top);
    split->addWidget(m_framesView);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    layout->addWidget(split);

    connect(m_pushOne, &QPushButton::clicked, this, [this] { pushToSelected(m_message->text().toUtf8()); });
    connect(m_message, &QLineEdit::returnPressed, this, [this] {
        if (m_pushOne->isEnabled())
            pushToSelected(m_message->text().toUtf8());
    });
    connect(m_pushAll, &QPushButton::clicked, this, [this] { pushToAll(m_message->text().toUtf8()); });
    connect(m_disconnect, &QPushButton::clicked, this, &WebSocketSessionsPanel::disconnectSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &WebSocketSessionsPanel::onSelectionChanged);
    connect(m_sessions, &QAbstractItemModel::dataChanged, this, &WebSocketSessionsPanel::updateActions);
    connect(m_sessions, &WebSocketSessionsModel::openCountChanged, this, &WebSocketSessionsPanel::updateActions);
    connect(m_message, &QLineEdit::textChanged, this, &WebSocketSessionsPanel::updateActions);
    updateActions();
}

void WebSocketSessionsPanel::apply(const QVector<WebSocketSessionEvent> &events)
{
    m_sessions->apply(events);
    m_frames->append(events);
}

void WebSocketSessionsPanel::annotate(const QVector<AccessLogEntry> &entries)
{
    m_frames->annotate(entries);
}

void WebSocketSessionsPanel::gatewayStopped()
{
    m_sessions->closeAll("Gateway stopped");
}

void WebSocketSessionsPanel::setRoutes(const QStringList &routeKeys)
{
    m_framesView->setRoutes(routeKeys);
}

void WebSocketSessionsPanel::setApiNames(std::function<QString(const QString &)> nameOf)
{
    m_sessions->setApiNames(std::move(nameOf));
}

void WebSocketSessionsPanel::onSelectionChanged()
{
    const QModelIndex current = m_table->currentIndex();
    // A selected connection shows its own frames; none selected shows every connection's.
    m_framesView->filter()->setConnection(current.isValid() ? m_sessions->sessionAt(current.row()).connectionId : QByteArray());
    m_framesView->setConnectionColumnShown(!current.isValid());
    updateActions();
}

void WebSocketSessionsPanel::updateActions()
{
    const QModelIndex current = m_table->currentIndex();
    const bool selectedOpen = current.isValid() && m_sessions->sessionAt(current.row()).open;
    const bool hasText = !m_message->text().isEmpty();
    m_pushOne->setEnabled(selectedOpen && hasText);
    m_disconnect->setEnabled(selectedOpen);
    m_pushAll->setEnabled(m_sessions->openCount() > 0 && hasText);
}

void WebSocketSessionsPanel::say(const QString &text)
{
    m_status->setText(text);
}

bool WebSocketSessionsPanel::pushToSelected(const QByteArray &text)
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return false;
    const WebSocketSession &session = m_sessions->sessionAt(current.row());
    const std::shared_ptr<ConnectionRegistry> registry = m_gateway->connections(session.apiKey);
    if (!registry || !registry->post(session.connectionId, text)) {
        say(tr("Gone: the connection is closed"));
        return false;
    }
    say(tr("Pushed %n byte(s)", nullptr, int(text.size())));
    return true;
}

int WebSocketSessionsPanel::pushToAll(const QByteArray &text)
{
    QSet<QString> apis;
    for (int row = 0; row < m_sessions->rowCount(); ++row)
        if (m_sessions->sessionAt(row).open)
            apis.insert(m_sessions->sessionAt(row).apiKey);
    int reached = 0;
    for (const QString &apiKey : apis)
        if (const std::shared_ptr<ConnectionRegistry> registry = m_gateway->connections(apiKey))
            reached += registry->postToAll(text);
    say(tr("Pushed to %n connection(s)", nullptr, reached));
    return reached;
}

bool WebSocketSessionsPanel::disconnectSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return false;
    const WebSocketSession &session = m_sessions->sessionAt(current.row());
    const std::shared_ptr<ConnectionRegistry> registry = m_gateway->connections(session.apiKey);
    if (!registry || !registry->close(session.connectionId, 1000, QStringLiteral("Connection Closed Normally"))) {
        say(tr("Gone: the connection is closed"));
        return false;
    }
    say(tr("Disconnecting %1").arg(QString::fromLatin1(session.connectionId)));
    return true;
}

} // namespace gw::ui
