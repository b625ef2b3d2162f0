#pragma once
// The console's load generator: one request sent N times or for a duration, by a number of
// concurrent connections, at an optional target rate. It runs on a thread of its own with its own
// pooled client, so the window never waits on it; progress comes back a few times a second and
// Stop takes effect at once (answers still in flight are not counted).
#include "io/console_request_wire.h"
#include "observability/latency_histogram.h"

#include <QObject>
#include <QThread>

#include <map>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

namespace gw::ui {

struct LoadRunSettings {
    int requests = 100;       // how many, when durationMs is 0
    int durationMs = 0;       // run this long instead
    int concurrency = 4;      // requests in flight at once
    double targetRps = 0;     // 0: as fast as the answers come
    int timeoutMs = 30000;
    bool insecure = false;
};

struct LoadRunSnapshot {
    qint64 sent = 0;
    qint64 completed = 0; // answered (any status) or failed
    qint64 failures = 0;  // no HTTP answer: refused, timed out, reset
    QString firstFailure;
    std::map<int, qint64> statuses;
    LatencyHistogram histogram;
    double elapsedMs = 0;
    double meanUs = 0, maxUs = 0;
    double p50Us = 0, p90Us = 0, p99Us = 0; // exact when finished, from the histogram while running
    qint64 planned = 0;   // requests asked for (0 for a timed run)
    int durationMs = 0;
    bool finished = false;
    bool stopped = false; // by Stop, before the plan was done

    double requestsPerSecond() const { return elapsedMs > 0 ? completed * 1000.0 / elapsedMs : 0; }
    qint64 countOfClass(int hundreds) const; // 2 -> every 2xx
    // The summary kept beside the saved request.
    nlohmann::json summary(const LoadRunSettings &settings, const QString &startedAtIso) const;
};

class LoadRunWorker;

class LoadGenerator : public QObject {
    Q_OBJECT
public:
    explicit LoadGenerator(QObject *parent = nullptr);
    ~LoadGenerator() override; // stops a run and joins its thread

    bool start(const ConsoleWireRequest &request, const LoadRunSettings &settings); // false while one runs
    void stop();
    bool running() const { return m_running; }
    const LoadRunSnapshot &last() const { return m_last; }
    const LoadRunSettings &settings() const { return m_settings; }

signals:
    void progress(const gw::ui::LoadRunSnapshot &snapshot);
    void finished(const gw::ui::LoadRunSnapshot &snapshot);

private:
    QThread m_thread;
    LoadRunWorker *m_worker = nullptr;
    LoadRunSnapshot m_last;
    LoadRunSettings m_settings;
    bool m_running = false;
};

} // namespace gw::ui

Q_DECLARE_METATYPE(gw::ui::LoadRunSnapshot)
