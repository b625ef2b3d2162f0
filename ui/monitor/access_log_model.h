#pragma once
// The live access log: a bounded ring of entries with batched inserts (one beginInsertRows per
// flush) and lazily formatted display text, so it stays smooth at thousands of requests/second.
#include "observability/access_log_entry.h"
#include "observability/access_log_formatter.h"

#include <QAbstractTableModel>
#include <deque>
#include <functional>
#include <memory>

namespace gw::ui {

class AccessLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // Fits 1280 px: the duration column draws the gateway | integration split under its figure.
    // LogLine: the row in its stage's own accessLogFormat (the panel shows it alone, in its "Stage format" view).
    enum Column { Time, Method, Path, Status, Split, Route, Function, Cold, Size, Latency, Integration, Overhead, Reason, LogLine, ColumnCount };
    enum Role { EntryRole = Qt::UserRole + 1, OverheadFractionRole };

    // 100,000 rows by default, as the monitor keeps them (older rows leave as new ones come).
    explicit AccessLogModel(int capacity = 100000, QObject *parent = nullptr);
    void appendBatch(const QVector<AccessLogEntry> &entries);
    void clear();
    const AccessLogEntry &entryAt(int row) const { return m_entries[size_t(row)]; }
    int capacity() const { return m_capacity; }
    // Which function a route key calls now (the Function column).
    void setFunctionLookup(std::function<QString(const QByteArray &routeKey)> lookup) { m_functionOf = std::move(lookup); }
    // The access-log format of an API's stage (its accessLogFormat, or the default JSON one): the
    // LogLine column and stageLogLine() render rows with it, as the stage's log would have them.
    using FormatLookup = std::function<std::shared_ptr<const AccessLogFormat>(const QByteArray &apiId, const QByteArray &stage)>;
    void setFormatLookup(FormatLookup lookup);
    QByteArray stageLogLine(int row) const;
    // The most bytes of captured bodies and headers kept over all rows (default 64 MiB).
    void setCaptureBudget(qint64 bytes) { m_captureBudget = bytes; }
    qint64 capturedBytes() const { return m_capturedBytes; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::deque<AccessLogEntry> m_entries;
    int m_capacity;
    std::function<QString(const QByteArray &)> m_functionOf;
    FormatLookup m_formatOf;
    std::shared_ptr<const AccessLogFormat> m_defaultFormat;
    qint64 m_captureBudget = 64 << 20;
    qint64 m_capturedBytes = 0;
    qsizetype m_firstCaptured = 0; // rows before it have given up their capture
};

} // namespace gw::ui
