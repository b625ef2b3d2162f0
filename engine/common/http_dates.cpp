#include "http_dates.h"

#include <ctime>
#include <limits>

namespace gw {

namespace {
constexpr char kDays[][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr char kMonths[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::tm utc(qint64 epochMs)
{
    const std::time_t seconds = std::time_t(epochMs >= 0 ? epochMs / 1000 : (epochMs - 999) / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    return tm;
}

// Written by hand: these run for every request, and printf costs twice what the whole event does.
char *two(char *out, int value)
{
    *out++ = char('0' + value / 10 % 10);
    *out++ = char('0' + value % 10);
    return out;
}

char *three(char *out, const char *text)
{
    *out++ = text[0];
    *out++ = text[1];
    *out++ = text[2];
    return out;
}

char *four(char *out, int value)
{
    out = two(out, value / 100);
    return two(out, value % 100);
}
} // namespace

QByteArray imfFixdate(qint64 epochMs)
{
    const std::tm tm = utc(epochMs);
    char buffer[32];
    char *out = three(buffer, kDays[tm.tm_wday]);
    *out++ = ',';
    *out++ = ' ';
    out = two(out, tm.tm_mday);
    *out++ = ' ';
    out = three(out, kMonths[tm.tm_mon]);
    *out++ = ' ';
    out = four(out, tm.tm_year + 1900);
    *out++ = ' ';
    out = two(out, tm.tm_hour);
    *out++ = ':';
    out = two(out, tm.tm_min);
    *out++ = ':';
    out = two(out, tm.tm_sec);
    *out++ = ' ';
    *out++ = 'G';
    *out++ = 'M';
    *out++ = 'T';
    return QByteArray(buffer, out - buffer);
}

QByteArray clfTime(qint64 epochMs)
{
    // Many requests share a second: the text is kept per thread.
    thread_local qint64 cachedSecond = std::numeric_limits<qint64>::min();
    thread_local QByteArray cached;
    const qint64 second = epochMs >= 0 ? epochMs / 1000 : (epochMs - 999) / 1000;
    if (second == cachedSecond)
        return cached;
    const std::tm tm = utc(epochMs);
    char buffer[32];
    char *out = two(buffer, tm.tm_mday);
    *out++ = '/';
    out = three(out, kMonths[tm.tm_mon]);
    *out++ = '/';
    out = four(out, tm.tm_year + 1900);
    *out++ = ':';
    out = two(out, tm.tm_hour);
    *out++ = ':';
    out = two(out, tm.tm_min);
    *out++ = ':';
    out = two(out, tm.tm_sec);
    for (const char c : QByteArrayView(" +0000"))
        *out++ = c;
    cachedSecond = second;
    cached = QByteArray(buffer, out - buffer);
    return cached;
}

} // namespace gw
