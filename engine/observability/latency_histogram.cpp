#include "latency_histogram.h"

#include <algorithm>
#include <cmath>

namespace gw {

int LatencyHistogram::bucketOf(double us)
{
    if (us <= kFloorUs)
        return 0;
    const int b = int(std::floor(std::log10(us / kFloorUs) * kPerDecade));
    return std::clamp(b, 0, kBuckets - 1);
}

double LatencyHistogram::lowerUs(int bucket) { return kFloorUs * std::pow(10.0, double(bucket) / kPerDecade); }
double LatencyHistogram::upperUs(int bucket) { return kFloorUs * std::pow(10.0, double(bucket + 1) / kPerDecade); }

void LatencyHistogram::add(double us)
{
    ++counts[size_t(bucketOf(us))];
    ++total;
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.total == 0)
        return;
    for (size_t b = 0; b < counts.size(); ++b)
        counts[b] += other.counts[b];
    total += other.total;
}

double LatencyHistogram::percentileUs(double p) const
{
    if (total == 0)
        return 0;
    const quint64 rank = std::max<quint64>(1, quint64(std::ceil(p * double(total))));
    quint64 seen = 0;
    for (int b = 0; b < kBuckets; ++b) {
        seen += counts[size_t(b)];
        if (seen >= rank)
            return upperUs(b);
    }
    return upperUs(kBuckets - 1);
}

} // namespace gw
