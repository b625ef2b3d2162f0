#include "function_output_feed.h"

namespace gw {

void FunctionOutputFeed::push(FunctionOutputLine line)
{
    QMutexLocker lock(&m_mutex);
    if (m_lines.size() >= m_capacity) {
        ++m_dropped;
        return;
    }
    m_lines.push_back(std::move(line));
}

QVector<FunctionOutputLine> FunctionOutputFeed::drain()
{
    QMutexLocker lock(&m_mutex);
    QVector<FunctionOutputLine> out;
    out.swap(m_lines);
    return out;
}

qint64 FunctionOutputFeed::dropped() const
{
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

} // namespace gw
