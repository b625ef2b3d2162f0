#include "access_log_sink.h"

namespace gw {

void AccessLogSink::push(AccessLogEntry entry)
{
    QMutexLocker lock(&m_mutex);
    if (m_entries.size() >= m_capacity) {
        ++m_dropped;
        return;
    }
    m_entries.push_back(std::move(entry));
}

QVector<AccessLogEntry> AccessLogSink::drain()
{
    QMutexLocker lock(&m_mutex);
    QVector<AccessLogEntry> out;
    out.swap(m_entries);
    m_entries.reserve(out.size()); // the next batch is likely as large: no regrowth per push
    return out;
}

qint64 AccessLogSink::dropped() const
{
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

} // namespace gw
