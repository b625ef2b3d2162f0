#pragma once
// Latency buckets: 20 a decade from 10 µs to 100 s (each about 12% wide), as an HDR histogram
// with two significant digits keeps them. Cheap to add to and to merge, so the console's load run
// and the monitor's per-second metrics both keep their latencies in it.
#include <QtGlobal>

#include <vector>

namespace gw {

struct LatencyHistogram {
    static constexpr int kPerDecade = 20;
    static constexpr double kFloorUs = 10;
    static constexpr int kBuckets = 7 * kPerDecade + 1; // the last one holds everything above
    std::vector<quint64> counts = std::vector<quint64>(kBuckets, 0);
    quint64 total = 0;

    static int bucketOf(double us);
    static double lowerUs(int bucket);
    static double upperUs(int bucket);
    void add(double us);
    void merge(const LatencyHistogram &other);
    double percentileUs(double p) const; // the bucket's upper bound at rank p (0..1); 0 when empty
};

} // namespace gw
