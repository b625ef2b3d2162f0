#include "websocket_sessions_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace gw::ui {

namespace {

QString timeText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss.zzz")) : QString();
}

QString bytesText(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

// The authorizer's context on one line: the principal first, then its entries as key=value.
QString authorizerText(const QByteArray &json)
{
    if (json.isEmpty())
        return QStringLiteral("—");
    const QJsonObject context = QJsonDocument::fromJson(json).object();
    QStringList parts;
    if (const QJsonValue principal = context.value(QLatin1String("principalId")); !principal.isUndefined())
        parts << principal.toVariant().toString();
    for (auto it = context.begin(); it != context.end(); ++it)
        if (it.key() != QLatin1String("principalId"))
            parts << it.key() + QLatin1Char('=') + it.value().toVariant().toString();
    return parts.join(QLatin1String(", "));
}

} // namespace

WebSocketSessionsModel::WebSocketSessionsModel(int closedCapacity, QObject *parent)
    : QAbstractTableModel(parent), m_closedCapacity(closedCapacity)
{
}

void WebSocketSessionsModel::apply(const QVector<WebSocketSessionEvent> &events)
{
    using Kind = WebSocketSessionEvent::Kind;
    const int openBefore = m_open;
    // New sessions first, in one insert; then every change to known rows, in one dataChanged.
    int added = 0;
    for (const WebSocketSessionEvent &e : events)
        if (e.kind == Kind::Opened && !m_rows.contains(e.connectionId))
            ++added;
    if (added > 0) {
        const int start = int(m_sessions.size());
        beginInsertRows({}, start, start + added - 1);
        for (const WebSocketSessionEvent &e : events) {
            if (e.kind != Kind::Opened || m_rows.contains(e.connectionId))
                continue;
            WebSocketSession session;
            session.apiKey = e.apiKey;
            session.connectionId = e.connectionId;
            session.stage = e.stage;
            session.sourceIp = e.sourceIp;
            session.userAgent = e.userAgent;
            session.authorizer = e.authorizer;
            session.connectedAtMs = e.timeMs;
            session.lastActiveMs = e.timeMs;
            m_rows.insert(e.connectionId, int(m_sessions.size()));
            m_sessions.push_back(std::move(session));
            ++m_open;
        }
        endInsertRows();
    }
    int first = INT_MAX, last = -1;
    for (const WebSocketSessionEvent &e : events) {
        if (e.kind == Kind::Opened)
            continue;
        const int row = m_rows.value(e.connectionId, -1);
        if (row < 0)
            continue; // opened before the view was cleared
        WebSocketSession &s = m_sessions[size_t(row)];
        switch (e.kind) {
        case Kind::Received:
            ++s.messagesIn;
            s.bytesIn += quint64(e.text.size());
            s.lastActiveMs = e.timeMs;
            break;
        case Kind::Sent:
            ++s.messagesOut;
            s.bytesOut += quint64(e.text.size());
            s.lastActiveMs = e.timeMs;
            break;
        case Kind::Closed:
            if (s.open) {
                s.open = false;
                s.closeCode = e.closeCode;
                s.closeReason = e.closeReason;
                --m_open;
                ++m_closed;
            }
            break;
        case Kind::Opened:
            break;
        }
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    if (m_closed > m_closedCapacity + m_closedCapacity / 4)
        dropOldClosed();
    if (m_open != openBefore)
        emit openCountChanged(m_open);
}

void WebSocketSessionsModel::closeAll(const QByteArray &reason)
{
    if (m_open == 0)
        return;
    for (WebSocketSession &s : m_sessions)
        if (s.open) {
            s.open = false;
            s.closeCode = 1001;
            s.closeReason = reason;
            ++m_closed;
        }
    m_open = 0;
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit openCountChanged(0);
    if (m_closed > m_closedCapacity)
        dropOldClosed();
}

void WebSocketSessionsModel::clear()
{
    // Open sessions stay: they are still there, and their frames keep coming.
    beginResetModel();
    std::erase_if(m_sessions, [](const WebSocketSession &s) { return !s.open; });
    m_closed = 0;
    reindex();
    endResetModel();
}

void WebSocketSessionsModel::dropOldClosed()
{
    // The oldest closed rows go until the bound holds, a contiguous run at a time (from the end,
    // so the rows still to remove keep their numbers).
    int excess = m_closed - m_closedCapacity;
    std::vector<int> doomed;
    for (int row = 0; row < int(m_sessions.size()) && excess > 0; ++row)
        if (!m_sessions[size_t(row)].open) {
            doomed.push_back(row);
            --excess;
        }
    for (auto it = doomed.rbegin(); it != doomed.rend();) {
        const int lastRow = *it;
        int firstRow = lastRow;
        ++it;
        while (it != doomed.rend() && *it == firstRow - 1)
            firstRow = *it++;
        beginRemoveRows({}, firstRow, lastRow);
        m_sessions.erase(m_sessions.begin() + firstRow, m_sessions.begin() + lastRow + 1);
        endRemoveRows();
    }
    m_closed -= int(doomed.size());
    reindex();
}

void WebSocketSessionsModel::reindex()
{
    m_rows.clear();
    m_open = 0;
    for (int row = 0; row < int(m_sessions.size()); ++row) {
        m_rows.insert(m_sessions[size_t(row)].connectionId, row);
        m_open += m_sessions[size_t(row)].open ? 1 : 0;
    }
}

int WebSocketSessionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sessions.size());
}

int WebSocketSessionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebSocketSessionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_sessions.size()))
        return {};
    const WebSocketSession &s = m_sessions[size_t(index.row())];
    switch (role) {
    case ConnectionIdRole: return s.connectionId;
    case ApiKeyRole: return s.apiKey;
    case OpenRole: return s.open;
    case Qt::ForegroundRole:
        if (!s.open)
            return QBrush(QColor(0x75, 0x75, 0x75));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= In && index.column() <= BytesOut)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == State && !s.open)
            return tr("The close code and reason the $disconnect event carries (1005: none given, 1006: the client vanished)");
        if (index.column() == UserAgent)
            return QString::fromUtf8(s.userAgent);
        if (index.column() == Authorizer)
            return s.authorizer.isEmpty() ? tr("No authorizer ran for this connection's $connect")
                                          : QString::fromUtf8(QJsonDocument::fromJson(s.authorizer).toJson(QJsonDocument::Indented));
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Connection: return QString::fromLatin1(s.connectionId);
        case Api: return (m_nameOf ? m_nameOf(s.apiKey) : s.apiKey) + QLatin1Char('/') + QString::fromUtf8(s.stage);
        case Source: return QString::fromLatin1(s.sourceIp);
        case UserAgent: return s.userAgent.isNull() ? QStringLiteral("—") : QString::fromUtf8(s.userAgent);
        case Authorizer: return authorizerText(s.authorizer);
        case Connected: return timeText(s.connectedAtMs);
        case LastActive: return timeText(s.lastActiveMs);
        case In: return QString::number(s.messagesIn);
        case Out: return QString::number(s.messagesOut);
        case BytesIn: return bytesText(s.bytesIn);
        case BytesOut: return bytesText(s.bytesOut);
        case State:
            if (s.open)
                return tr("Open");
            return s.closeReason.isEmpty() ? tr("Closed %1").arg(s.closeCode)
                                           : tr("Closed %1 %2").arg(s.closeCode).arg(QString::fromUtf8(s.closeReason));
        }
        return {};
    default:
        return {};
    }
}

QVariant WebSocketSessionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Connection: return tr("Connection");
    case Api: return tr("API / stage");
    case Source: return tr("Source IP");
    case UserAgent: return tr("User agent");
    case Authorizer: return tr("Authorizer");
    case Connected: return tr("Connected");
    case LastActive: return tr("Last active");
    case In: return tr("In");
    case Out: return tr("Out");
    case BytesIn: return tr("Bytes in");
    case BytesOut: return tr("Bytes out");
    case State: return tr("State");
    }
    return {};
}

} // namespace gw::ui
