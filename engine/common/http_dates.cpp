#include "http_dates.h"

#include <ctime>

namespace gw {

namespace {
constexpr const char *kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::tm utc(qint64 epochMs)
{
    const std::time_t seconds = std::time_t(epochMs >= 0 ? epochMs / 1000 : (epochMs - 999) / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    return tm;
}
} // namespace

QByteArray imfFixdate(qint64 epochMs)
{
    const std::tm tm = utc(epochMs);
    char buffer[40];
    const int n = std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday], tm.tm_mday,
                                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return QByteArray(buffer, n);
}

QByteArray clfTime(qint64 epochMs)
{
    const std::tm tm = utc(epochMs);
    char buffer[40];
    const int n = std::snprintf(buffer, sizeof buffer, "%02d/%s/%04d:%02d:%02d:%02d +0000", tm.tm_mday, kMonths[tm.tm_mon],
                                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return QByteArray(buffer, n);
}

} // namespace gw
