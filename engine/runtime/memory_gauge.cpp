#include "memory_gauge.h"

#include <QByteArray>

#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace gw {

MemoryGauge::MemoryGauge(qint64 pid)
{
    if (pid > 0)
        m_fd = ::open(QByteArray("/proc/" + QByteArray::number(pid) + "/statm").constData(), O_RDONLY | O_CLOEXEC);
}

MemoryGauge::~MemoryGauge()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 MemoryGauge::residentBytes() const
{
    if (m_fd < 0)
        return -1;
    char text[128];
    const ssize_t n = ::pread(m_fd, text, sizeof text - 1, 0);
    if (n <= 0)
        return -1;
    text[n] = '\0';
    // "size resident shared text lib data dt", in pages.
    char *end = nullptr;
    std::strtoll(text, &end, 10);
    const long long residentPages = std::strtoll(end, nullptr, 10);
    static const long pageSize = ::sysconf(_SC_PAGESIZE);
    return qint64(residentPages) * pageSize;
}

} // namespace gw
