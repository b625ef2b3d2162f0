#pragma once
// Every live and recently closed WebSocket connection, one row each, updated from the gateway's
// session events in batches (one insert and one dataChanged per flush, so thousands of frames a
// second cost a few repaints). Closed sessions beyond a bound go, oldest first.
#include "observability/websocket_session_event.h"

#include <QAbstractTableModel>
#include <QHash>

#include <functional>
#include <vector>

namespace gw::ui {

struct WebSocketSession {
    QString apiKey;
    QByteArray connectionId;
    QByteArray stage;
    QByteArray sourceIp;
    QByteArray userAgent;
    QByteArray authorizer; // requestContext.authorizer as JSON; empty when no authorizer ran
    qint64 connectedAtMs = 0;
    qint64 lastActiveMs = 0;
    quint64 messagesIn = 0;
    quint64 messagesOut = 0;
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    bool open = true;
    int closeCode = 0;
    QByteArray closeReason;
};

class WebSocketSessionsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Connection, Api, Source, UserAgent, Authorizer, Connected, LastActive, In, Out, BytesIn, BytesOut, State, ColumnCount };
    enum Role { ConnectionIdRole = Qt::UserRole + 1, ApiKeyRole, OpenRole };

    explicit WebSocketSessionsModel(int closedCapacity = 1000, QObject *parent = nullptr);
    void apply(const QVector<WebSocketSessionEvent> &events);
    // The gateway stopped: its connections are gone (no Closed event comes for them).
    void closeAll(const QByteArray &reason);
    void clear();
    const WebSocketSession &sessionAt(int row) const { return m_sessions[size_t(row)]; }
    int rowOf(const QByteArray &connectionId) const { return m_rows.value(connectionId, -1); }
    int openCount() const { return m_open; }
    // The API's name for its key (the Api column); the key when unset.
    void setApiNames(std::function<QString(const QString &apiKey)> nameOf) { m_nameOf = std::move(nameOf); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void openCountChanged(int open);

private:
    void dropOldClosed();
    void reindex();

    std::vector<WebSocketSession> m_sessions;
    QHash<QByteArray, int> m_rows;
    int m_closedCapacity;
    int m_closed = 0;
    int m_open = 0;
    std::function<QString(const QString &)> m_nameOf;
};

} // namespace gw::ui
