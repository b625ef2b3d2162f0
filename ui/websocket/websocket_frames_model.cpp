#include "websocket_frames_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace gw::ui {

namespace {

constexpr int kPreviewChars = 240; // the Text column; the details pane shows the whole frame

} // namespace

WebSocketFramesModel::WebSocketFramesModel(int capacity, QObject *parent) : QAbstractTableModel(parent), m_capacity(capacity)
{
}

void WebSocketFramesModel::append(const QVector<WebSocketSessionEvent> &events)
{
    std::vector<WebSocketFrame> frames;
    for (const WebSocketSessionEvent &e : events) {
        if (e.kind != WebSocketSessionEvent::Kind::Received && e.kind != WebSocketSessionEvent::Kind::Sent)
            continue;
        WebSocketFrame frame;
        frame.direction = e.kind == WebSocketSessionEvent::Kind::Received ? WebSocketFrame::Direction::In : WebSocketFrame::Direction::Out;
        frame.apiKey = e.apiKey;
        frame.connectionId = e.connectionId;
        frame.timeMs = e.timeMs;
        frame.text = e.text;
        frame.messageId = e.messageId;
        frames.push_back(std::move(frame));
    }
    insert(std::move(frames));
}

void WebSocketFramesModel::appendFrame(WebSocketFrame frame)
{
    std::vector<WebSocketFrame> frames;
    frames.push_back(std::move(frame));
    insert(std::move(frames));
}

void WebSocketFramesModel::insert(std::vector<WebSocketFrame> frames)
{
    if (frames.empty())
        return;
    if (qsizetype(frames.size()) > m_capacity)
        frames.erase(frames.begin(), frames.end() - m_capacity); // only the newest fit
    const int incoming = int(frames.size());
    const int overflow = int(m_frames.size()) + incoming - m_capacity;
    if (overflow > 0) {
        const int drop = std::min(overflow, int(m_frames.size()));
        beginRemoveRows({}, 0, drop - 1);
        for (int i = 0; i < drop; ++i)
            if (!m_frames[size_t(i)].messageId.isEmpty())
                m_byMessage.remove(m_frames[size_t(i)].messageId);
        m_frames.erase(m_frames.begin(), m_frames.begin() + drop);
        m_dropped += drop;
        endRemoveRows();
    }
    const int start = int(m_frames.size());
    beginInsertRows({}, start, start + incoming - 1);
    for (WebSocketFrame &frame : frames) {
        if (!frame.messageId.isEmpty())
            m_byMessage.insert(frame.messageId, m_dropped + qint64(m_frames.size()));
        m_frames.push_back(std::move(frame));
    }
    endInsertRows();
}

void WebSocketFramesModel::annotate(const QVector<AccessLogEntry> &entries)
{
    int first = INT_MAX, last = -1;
    for (const AccessLogEntry &entry : entries) {
        if (entry.messageId.isEmpty())
            continue;
        auto it = m_byMessage.constFind(entry.messageId);
        if (it == m_byMessage.cend())
            continue;
        const int row = int(*it - m_dropped);
        WebSocketFrame &frame = m_frames[size_t(row)];
        frame.routeKey = entry.routeKey;
        frame.integrationMs = entry.integrationLatencyMs;
        frame.status = entry.status;
        frame.requestId = entry.requestId;
        frame.executionLog = entry.executionLog;
        m_byMessage.erase(it);
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void WebSocketFramesModel::clear()
{
    beginResetModel();
    m_frames.clear();
    m_byMessage.clear();
    m_dropped = 0;
    endResetModel();
}

int WebSocketFramesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_frames.size());
}

int WebSocketFramesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebSocketFramesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_frames.size()))
        return {};
    const WebSocketFrame &f = m_frames[size_t(index.row())];
    const bool in = f.direction == WebSocketFrame::Direction::In;
    switch (role) {
    case ConnectionIdRole: return f.connectionId;
    case RouteRole: return QString::fromUtf8(f.routeKey);
    case SearchTextRole: return QString::fromUtf8(f.text);
    case Qt::ForegroundRole:
        if (index.column() == Direction)
            return QBrush(in ? QColor(0x15, 0x65, 0xc0) : QColor(0x2e, 0x7d, 0x32));
        if (index.column() == Route && f.status >= 400)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Size || index.column() == Integration)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Direction)
            return in ? tr("From the client") : tr("To the client (a route response or a push)");
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return QDateTime::fromMSecsSinceEpoch(f.timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case Direction: return in ? QStringLiteral("↑ in") : QStringLiteral("↓ out");
        case Connection: return QString::fromLatin1(f.connectionId);
        case Size: return QString::number(f.text.size());
        case Route:
            if (!in)
                return QString();
            return f.routeKey.isEmpty() ? QStringLiteral("…") : QString::fromUtf8(f.routeKey);
        case Integration: return f.integrationMs >= 0 ? QString::number(f.integrationMs, 'f', 1) + QStringLiteral(" ms") : QString();
        case Text: {
            QString text = QString::fromUtf8(f.text.left(kPreviewChars * 4)).left(kPreviewChars);
            text.replace(QLatin1Char('\n'), QLatin1Char(' '));
            return text;
        }
        }
        return {};
    default:
        return {};
    }
}

QVariant WebSocketFramesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Direction: return tr("Dir");
    case Connection: return tr("Connection");
    case Size: return tr("Size");
    case Route: return tr("Route");
    case Integration: return tr("Integration");
    case Text: return tr("Text");
    }
    return {};
}

} // namespace gw::ui
