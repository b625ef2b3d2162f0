#include "load_generator.h"

#include "net/http_client.h"

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace gw::ui {

qint64 LoadRunSnapshot::countOfClass(int hundreds) const
{
    qint64 n = 0;
    for (const auto &[status, count] : statuses)
        if (status / 100 == hundreds)
            n += count;
    return n;
}

nlohmann::json LoadRunSnapshot::summary(const LoadRunSettings &settings, const QString &startedAtIso) const
{
    nlohmann::json statusCounts = nlohmann::json::object();
    for (const auto &[status, count] : statuses)
        statusCounts[std::to_string(status)] = count;
    auto ms = [](double us) { return std::round(us / 10.0) / 100.0; }; // two decimals
    nlohmann::json j{{"startedAt", startedAtIso.toStdString()},
                     {"settings", {{"requests", settings.durationMs > 0 ? 0 : settings.requests},
                                   {"durationMs", settings.durationMs},
                                   {"concurrency", settings.concurrency},
                                   {"targetRps", settings.targetRps}}},
                     {"completed", completed},
                     {"failures", failures},
                     {"stopped", stopped},
                     {"elapsedMs", std::round(elapsedMs)},
                     {"requestsPerSecond", std::round(requestsPerSecond() * 10) / 10},
                     {"statuses", statusCounts},
                     {"latencyMs", {{"p50", ms(p50Us)}, {"p90", ms(p90Us)}, {"p99", ms(p99Us)}, {"max", ms(maxUs)}, {"mean", ms(meanUs)}}}};
    if (!firstFailure.isEmpty())
        j["firstFailure"] = firstFailure.toStdString();
    return j;
}

// Lives on the generator's thread; every member is touched there only.
class LoadRunWorker : public QObject {
    Q_OBJECT
public:
    void run(const ConsoleWireRequest &request, const LoadRunSettings &settings)
    {
        m_settings = settings;
        m_request = httpClientRequestFor(request, settings.timeoutMs, settings.insecure);
        m_request.connectionKey = "console-load-run"; // the run's own connections, apart from the console's
        m_settings.concurrency = std::max(1, m_settings.concurrency);
        m_snapshot = LoadRunSnapshot{};
        m_snapshot.planned = settings.durationMs > 0 ? 0 : std::max(1, settings.requests);
        m_snapshot.durationMs = settings.durationMs;
        m_samples.clear();
        m_sumUs = 0;
        m_inFlight = 0;
        m_done = false;
        ++m_generation;
        m_clock.start();
        if (!m_report) {
            m_report = new QTimer(this);
            m_report->setInterval(100);
            connect(m_report, &QTimer::timeout, this, [this] { emit progress(snapshotNow()); });
            m_pace = new QTimer(this);
            m_pace->setSingleShot(true);
            connect(m_pace, &QTimer::timeout, this, &LoadRunWorker::fill);
        }
        m_report->start();
        fill();
    }

    void stop()
    {
        if (m_done)
            return;
        m_snapshot.stopped = true;
        finish();
    }

signals:
    void progress(const gw::ui::LoadRunSnapshot &snapshot);
    void finished(const gw::ui::LoadRunSnapshot &snapshot);

private:
    bool planDone() const
    {
        if (m_settings.durationMs > 0)
            return m_clock.elapsed() >= m_settings.durationMs;
        return m_snapshot.sent >= m_snapshot.planned;
    }

    // Keeps concurrency requests in flight, no faster than the target rate.
    void fill()
    {
        while (!m_done && m_inFlight < m_settings.concurrency && !planDone()) {
            if (m_settings.targetRps > 0) {
                const double dueMs = double(m_snapshot.sent) * 1000.0 / m_settings.targetRps;
                const double nowMs = double(m_clock.nsecsElapsed()) / 1e6;
                if (dueMs > nowMs) {
                    if (!m_pace->isActive())
                        m_pace->start(int(std::ceil(dueMs - nowMs)));
                    return;
                }
            }
            sendOne();
        }
        if (!m_done && m_inFlight == 0 && planDone())
            finish();
        else if (!m_done && m_settings.durationMs > 0 && m_inFlight == 0 && !m_pace->isActive())
            m_pace->start(int(std::max<qint64>(1, m_settings.durationMs - m_clock.elapsed())));
    }

    void sendOne()
    {
        HttpClientRequest request = m_request; // implicitly shared bytes: no copy of the body
        ++m_snapshot.sent;
        ++m_inFlight;
        const qint64 startNs = m_clock.nsecsElapsed();
        const quint64 generation = m_generation;
        HttpClientPool::forCurrentThread()->send(std::move(request), [this, startNs, generation](HttpClientResult result) {
            if (generation != m_generation || m_done)
                return; // a stopped run's late answer
            --m_inFlight;
            const double us = double(m_clock.nsecsElapsed() - startNs) / 1000.0;
            ++m_snapshot.completed;
            if (result.outcome == HttpClientResult::Outcome::Response) {
                ++m_snapshot.statuses[result.status];
            } else {
                ++m_snapshot.failures;
                if (m_snapshot.firstFailure.isEmpty())
                    m_snapshot.firstFailure = result.error;
            }
            m_snapshot.histogram.add(us);
            m_sumUs += us;
            m_snapshot.maxUs = std::max(m_snapshot.maxUs, us);
            if (m_samples.size() < kMaxSamples)
                m_samples.push_back(float(us));
            fill();
        });
    }

    LoadRunSnapshot snapshotNow()
    {
        m_snapshot.elapsedMs = double(m_clock.nsecsElapsed()) / 1e6;
        m_snapshot.meanUs = m_snapshot.completed ? m_sumUs / double(m_snapshot.completed) : 0;
        m_snapshot.p50Us = m_snapshot.histogram.percentileUs(0.50);
        m_snapshot.p90Us = m_snapshot.histogram.percentileUs(0.90);
        m_snapshot.p99Us = m_snapshot.histogram.percentileUs(0.99);
        return m_snapshot;
    }

    void finish()
    {
        m_done = true;
        ++m_generation; // answers still in flight are dropped
        m_report->stop();
        m_pace->stop();
        LoadRunSnapshot last = snapshotNow();
        if (!m_samples.empty()) { // exact percentiles by nearest rank, now that the run is over
            std::vector<float> sorted = m_samples;
            std::sort(sorted.begin(), sorted.end());
            auto rank = [&](double p) {
                const size_t k = size_t(std::max(1.0, std::ceil(p * double(sorted.size())))) - 1;
                return double(sorted[std::min(k, sorted.size() - 1)]);
            };
            last.p50Us = rank(0.50);
            last.p90Us = rank(0.90);
            last.p99Us = rank(0.99);
        }
        last.finished = true;
        emit finished(last);
    }

    static constexpr size_t kMaxSamples = 1'000'000;
    HttpClientRequest m_request;
    LoadRunSettings m_settings;
    LoadRunSnapshot m_snapshot;
    std::vector<float> m_samples;
    double m_sumUs = 0;
    int m_inFlight = 0;
    bool m_done = true;
    quint64 m_generation = 0;
    QElapsedTimer m_clock;
    QTimer *m_report = nullptr;
    QTimer *m_pace = nullptr;
};

LoadGenerator::LoadGenerator(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<gw::ui::LoadRunSnapshot>();
    m_worker = new LoadRunWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &LoadRunWorker::progress, this, [this](const LoadRunSnapshot &s) {
        if (!m_running)
            return;
        m_last = s;
        emit progress(s);
    });
    connect(m_worker, &LoadRunWorker::finished, this, [this](const LoadRunSnapshot &s) {
        m_running = false;
        m_last = s;
        emit finished(s);
    });
    m_thread.setObjectName(QStringLiteral("console-load"));
    m_thread.start();
}

LoadGenerator::~LoadGenerator()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->stop(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool LoadGenerator::start(const ConsoleWireRequest &request, const LoadRunSettings &settings)
{
    if (m_running)
        return false;
    m_running = true;
    m_settings = settings;
    m_last = LoadRunSnapshot{};
    QMetaObject::invokeMethod(m_worker, [w = m_worker, request, settings] { w->run(request, settings); }, Qt::QueuedConnection);
    return true;
}

void LoadGenerator::stop()
{
    if (!m_running)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->stop(); }, Qt::QueuedConnection);
}

} // namespace gw::ui

#include "load_generator.moc"
