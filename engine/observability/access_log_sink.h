#pragma once
// Collects finished requests from every worker thread; the owner drains them in batches.
#include "access_log_entry.h"

#include <QMutex>
#include <QVector>

#include <atomic>

namespace gw {

class AccessLogSink {
public:
    void push(AccessLogEntry entry);
    QVector<AccessLogEntry> drain();
    void setCapacity(int capacity) { m_capacity = capacity; }
    qint64 dropped() const;
    // Bytes kept of each body a request carried (0: nothing is captured).
    void setCaptureLimit(int bytes) { m_captureLimit.store(bytes, std::memory_order_relaxed); }
    int captureLimit() const { return m_captureLimit.load(std::memory_order_relaxed); }
    // Whether requests keep their execution notes (each stage's log lines and the function's output
    // under its span). The spans' timings are kept either way: Latency and IntegrationLatency come from them.
    void setExecutionNotes(bool on) { m_executionNotes.store(on, std::memory_order_relaxed); }
    bool executionNotes() const { return m_executionNotes.load(std::memory_order_relaxed); }

private:
    mutable QMutex m_mutex;
    QVector<AccessLogEntry> m_entries;
    int m_capacity = 200000; // if nobody drains, memory stays bounded
    qint64 m_dropped = 0;
    std::atomic<int> m_captureLimit{0};
    std::atomic<bool> m_executionNotes{true};
};

} // namespace gw
