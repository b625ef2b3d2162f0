#pragma once
// The Sessions view: every live and recently closed connection, the frames of the selected one
// (or of all), and the window's actions on them: push a message to one or to all (the registry
// path @connections POST takes) and disconnect one (as DeleteConnection does).
#include "observability/access_log_entry.h"
#include "observability/websocket_session_event.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace gw {
class Gateway;
}

namespace gw::ui {

class WebSocketSessionsModel;
class WebSocketFramesModel;
class WebSocketFramesView;

class WebSocketSessionsPanel : public QWidget {
    Q_OBJECT
public:
    WebSocketSessionsPanel(Gateway *gateway, QWidget *parent = nullptr);
    void apply(const QVector<WebSocketSessionEvent> &events);
    void annotate(const QVector<AccessLogEntry> &entries);
    void gatewayStopped();
    void setRoutes(const QStringList &routeKeys);
    void setApiNames(std::function<QString(const QString &apiKey)> nameOf);

    WebSocketSessionsModel *sessions() const { return m_sessions; }
    WebSocketFramesModel *frames() const { return m_frames; }
    QTableView *sessionsTable() const { return m_table; }
    WebSocketFramesView *framesView() const { return m_framesView; }

    // The actions, as the buttons run them; false (and a status line) when nothing was reached.
    bool pushToSelected(const QByteArray &text);
    int pushToAll(const QByteArray &text);
    bool disconnectSelected();

private:
    void onSelectionChanged();
    void updateActions();
    void say(const QString &text);

    Gateway *m_gateway;
    WebSocketSessionsModel *m_sessions;
    WebSocketFramesModel *m_frames;
    QTableView *m_table;
    WebSocketFramesView *m_framesView;
    QLineEdit *m_message;
    QPushButton *m_pushOne;
    QPushButton *m_pushAll;
    QPushButton *m_disconnect;
    QLabel *m_status;
};

} // namespace gw::ui
