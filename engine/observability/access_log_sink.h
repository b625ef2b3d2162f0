#pragma once
// Collects finished requests from every worker thread; the owner drains them in batches.
#include "access_log_entry.h"

#include <QMutex>
#include <QVector>

namespace gw {

class AccessLogSink {
public:
    void push(AccessLogEntry entry);
    QVector<AccessLogEntry> drain();
    void setCapacity(int capacity) { m_capacity = capacity; }
    qint64 dropped() const;

private:
    mutable QMutex m_mutex;
    QVector<AccessLogEntry> m_entries;
    int m_capacity = 200000; // if nobody drains, memory stays bounded
    qint64 m_dropped = 0;
};

} // namespace gw
