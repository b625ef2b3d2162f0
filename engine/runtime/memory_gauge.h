#pragma once
// Reads a process's resident memory from /proc/PID/statm through a descriptor kept open, so a
// sample is one pread: cheap enough to watch every warm function several times a second.
#include <QtGlobal>

namespace gw {

class MemoryGauge {
public:
    explicit MemoryGauge(qint64 pid);
    ~MemoryGauge();
    MemoryGauge(const MemoryGauge &) = delete;
    MemoryGauge &operator=(const MemoryGauge &) = delete;

    // Resident set size in bytes, or -1 when the process is gone or /proc is unreadable.
    qint64 residentBytes() const;

private:
    int m_fd = -1;
};

} // namespace gw
