#pragma once
// The median time of a piece of work, for the benchmark programs.
#include <QElapsedTimer>

#include <algorithm>
#include <functional>
#include <vector>

// Median microseconds of `work` over `runs` runs.
inline double medianUs(int runs, const std::function<void()> &work)
{
    std::vector<double> us;
    us.reserve(size_t(runs));
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        work();
        us.push_back(double(t.nsecsElapsed()) / 1e3);
    }
    std::sort(us.begin(), us.end());
    return us[us.size() / 2];
}
