#pragma once
// Text frames in and out of WebSocket connections, newest last, in a bounded ring with batched
// inserts (ten thousand frames a second arrive as about thirty inserts). An inbound frame learns
// its route, integration latency and function log lines from the access-log entry of its
// message (matched by messageId), which may come in a later batch.
#include "observability/access_log_entry.h"
#include "observability/websocket_session_event.h"

#include <QAbstractTableModel>
#include <QHash>

#include <deque>

namespace gw::ui {

struct WebSocketFrame {
    enum class Direction { In, Out };
    Direction direction = Direction::In;
    QString apiKey;
    QByteArray connectionId;
    qint64 timeMs = 0;
    QByteArray text;
    QByteArray messageId;
    QByteArray routeKey;       // inbound: the route its message took
    double integrationMs = -1; // inbound: $context.integrationLatency (-1: not known yet)
    int status = 0;
    QByteArray requestId;
    QString executionLog;      // the function's log lines for this message
};

class WebSocketFramesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Direction, Connection, Size, Route, Integration, Text, ColumnCount };
    enum Role { ConnectionIdRole = Qt::UserRole + 1, RouteRole, SearchTextRole };

    explicit WebSocketFramesModel(int capacity = 100000, QObject *parent = nullptr);
    // Received and Sent events become rows; the others are ignored.
    void append(const QVector<WebSocketSessionEvent> &events);
    // A frame of the window's own client (not through the gateway's feed).
    void appendFrame(WebSocketFrame frame);
    // MESSAGE entries annotate their inbound frame.
    void annotate(const QVector<AccessLogEntry> &entries);
    void clear();
    const WebSocketFrame &frameAt(int row) const { return m_frames[size_t(row)]; }
    int capacity() const { return m_capacity; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void insert(std::vector<WebSocketFrame> frames);

    std::deque<WebSocketFrame> m_frames;
    int m_capacity;
    qint64 m_dropped = 0;                  // frames removed from the front so far
    QHash<QByteArray, qint64> m_byMessage; // messageId -> absolute position (row + m_dropped)
};

} // namespace gw::ui
