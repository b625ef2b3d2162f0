#include "access_log_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace gw::ui {

AccessLogModel::AccessLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent), m_capacity(capacity),
      m_defaultFormat(std::make_shared<const AccessLogFormat>(defaultAccessLogFormat()))
{
}

void AccessLogModel::setFormatLookup(FormatLookup lookup)
{
    m_formatOf = std::move(lookup);
    if (!m_entries.empty())
        emit dataChanged(index(0, LogLine), index(int(m_entries.size()) - 1, LogLine));
}

QByteArray AccessLogModel::stageLogLine(int row) const
{
    const AccessLogEntry &e = m_entries[size_t(row)];
    std::shared_ptr<const AccessLogFormat> format = m_formatOf ? m_formatOf(e.apiId, e.stage) : nullptr;
    QByteArray line;
    (format ? *format : *m_defaultFormat).appendTo(line, e);
    return line;
}

void AccessLogModel::appendBatch(const QVector<AccessLogEntry> &entries)
{
    if (entries.isEmpty())
        return;
    qsizetype first = 0;
    if (entries.size() > m_capacity)
        first = entries.size() - m_capacity; // only the newest fit
    const int incoming = int(entries.size() - first);
    const int overflow = int(m_entries.size()) + incoming - m_capacity;
    if (overflow > 0) {
        const int drop = std::min(overflow, int(m_entries.size()));
        beginRemoveRows({}, 0, drop - 1);
        for (int i = 0; i < drop; ++i)
            if (m_entries[size_t(i)].capture)
                m_capturedBytes -= m_entries[size_t(i)].capture->bytes();
        m_entries.erase(m_entries.begin(), m_entries.begin() + drop);
        m_firstCaptured = std::max<qsizetype>(0, m_firstCaptured - drop);
        endRemoveRows();
    }
    const int start = int(m_entries.size());
    beginInsertRows({}, start, start + incoming - 1);
    for (qsizetype i = first; i < entries.size(); ++i) {
        m_entries.push_back(entries[i]);
        if (entries[i].capture)
            m_capturedBytes += entries[i].capture->bytes();
    }
    endInsertRows();
    // Captured bodies have a total budget: the oldest rows give theirs up first (the rows stay).
    while (m_capturedBytes > m_captureBudget && m_firstCaptured < qsizetype(m_entries.size())) {
        AccessLogEntry &oldest = m_entries[size_t(m_firstCaptured++)];
        if (oldest.capture) {
            m_capturedBytes -= oldest.capture->bytes();
            oldest.capture.reset();
        }
    }
}

void AccessLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_capturedBytes = 0;
    m_firstCaptured = 0;
    endResetModel();
}

int AccessLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AccessLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccessLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_entries.size()))
        return {};
    const AccessLogEntry &e = m_entries[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: return QDateTime::fromMSecsSinceEpoch(e.requestTimeEpochMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case Method: return QString::fromLatin1(e.methodLabel());
        case Path: return QString::fromUtf8(e.path);
        case Route: return e.routeKey.isEmpty() ? QStringLiteral("—") : QString::fromUtf8(e.routeKey);
        case Status: return e.status;
        case Latency: return QString::number(e.responseLatencyMs, 'f', 2);
        case Integration: return e.integrationLatencyMs < 0 ? QStringLiteral("—") : QString::number(e.integrationLatencyMs, 'f', 2);
        case Overhead: return QString::number(e.overheadMs(), 'f', 3);
        case Split: return QStringLiteral("%1 ms").arg(e.responseLatencyMs, 0, 'f', e.responseLatencyMs < 10 ? 2 : 0);
        case Function: return m_functionOf ? m_functionOf(e.routeKey) : QString();
        case Cold: return e.coldStart ? QStringLiteral("❄") : QString();
        case Size: return e.responseLength < 1024 ? QStringLiteral("%1 B").arg(e.responseLength)
                                                  : QStringLiteral("%1 KB").arg(double(e.responseLength) / 1024, 0, 'f', 1);
        case Reason: return QString::fromLatin1(e.reason());
        case LogLine: return QString::fromUtf8(stageLogLine(index.row()));
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Cold && e.coldStart)
        return tr("Cold start: the function's process started for this request");
    if (role == Qt::ToolTipRole && index.column() == Reason)
        return e.integrationErrorMessage.isEmpty() ? e.errorMessage : e.integrationErrorMessage;
    if (role == Qt::ToolTipRole && index.column() == Split)
        return tr("gateway %1 ms · integration %2 ms").arg(e.overheadMs(), 0, 'f', 3).arg(qMax(0.0, e.integrationLatencyMs), 0, 'f', 3);
    if (role == Qt::ForegroundRole && index.column() == Status) {
        if (e.status >= 500)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (e.status >= 400)
            return QBrush(QColor(0xb2, 0x6a, 0x00));
        return QBrush(QColor(0x1b, 0x7f, 0x37));
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Status || index.column() == Size || (index.column() >= Latency && index.column() <= Overhead)))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == OverheadFractionRole) {
        if (e.responseLatencyMs <= 0)
            return 0.0;
        return qBound(0.0, e.overheadMs() / e.responseLatencyMs, 1.0);
    }
    if (role == EntryRole)
        return QVariant::fromValue(e);
    return {};
}

QVariant AccessLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == Split)
        return tr("Latency; the bar shows the gateway's part (blue) and the integration's (green)");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Method: return tr("Method");
    case Path: return tr("Path");
    case Route: return tr("Route");
    case Status: return tr("Status");
    case Latency: return tr("Latency ms");
    case Integration: return tr("Integration ms");
    case Overhead: return tr("Gateway ms");
    case Split: return tr("Duration");
    case Function: return tr("Function");
    case Cold: return QStringLiteral("❄");
    case Size: return tr("Size");
    case Reason: return tr("Outcome");
    case LogLine: return tr("Access log (the stage's format)");
    }
    return {};
}

} // namespace gw::ui
