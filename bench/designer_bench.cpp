// Designer benchmarks, each a ratio against a reference measured in the same run:
//  - traffic: the Traffic panel (filter proxy, table, counts) taking 10,000 rows/s in 30 Hz batches,
//    against the bare access-log model taking the same batches;
//  - save: writing an edit into the project file's own text, against dumping the whole model;
//  - capture: requests through the HTTP API pipeline with the designer's body capture on, against off;
//  - websocket: the WebSockets panel (sessions, frames, filter, view) taking 10,000 frames/s over 100
//    connections in 30 Hz batches, against the Traffic panel taking as many rows;
//  - console: the console's load generator against a gateway route (its own answer, and a Node
//    Lambda route), against wrk on the same route in the same run, with the window's event loop's
//    longest stall while the run goes;
//  - ingest: the gateway's full rate for 60 s with the monitor open (Traffic and Metrics), the GUI
//    thread's stalls and peak memory, and the rate against the same load with nothing reading the log.
#include "bench_timing.h"
#include "gateway/local_invoker.h"
#include "model/format_preserving_json.h"
#include "model/project_loader.h"
#include "monitor/access_log_model.h"
#include "monitor/traffic_panel.h"
#include "monitor/metrics_panel.h"
#include "websocket/websocket_sessions_panel.h"
#include "gateway/gateway.h"
#include "console/load_generator.h"
#include "net/event_dispatcher_choice.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTimer>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>
#include <QTemporaryDir>
#include <QEventLoop>

#include <unistd.h>
#include <QDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace gw;

namespace {

QVector<AccessLogEntry> batch(int n, int offset)
{
    QVector<AccessLogEntry> out;
    for (int i = 0; i < n; ++i) {
        AccessLogEntry e;
        e.requestId = QByteArray::number(offset + i);
        e.httpMethod = i % 3 ? "GET" : "POST";
        e.path = "/orders/" + QByteArray::number(i);
        e.routeKey = "GET /orders/{orderId}";
        e.status = i % 17 ? 200 : 502;
        e.responseLatencyMs = 1.5;
        e.integrationLatencyMs = 1.2;
        e.capture = std::make_shared<ExchangeCapture>();
        e.capture->request.body = QByteArray(1024, 'x');
        out << e;
    }
    return out;
}

// Median milliseconds per batch of `perBatch` rows over `batches` batches.
template <typename Append> double medianBatchMs(int batches, int perBatch, Append append)
{
    std::vector<double> ms;
    for (int b = 0; b < batches; ++b) {
        const QVector<AccessLogEntry> rows = batch(perBatch, b * perBatch);
        QElapsedTimer t;
        t.start();
        append(rows);
        QCoreApplication::processEvents(); // the view lays out and paints, as in the window
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}


double requestsPerSecond(LocalInvoker &invoker, int requests)
{
    QElapsedTimer t;
    t.start();
    int left = requests;
    for (int i = 0; i < requests; ++i) {
        LocalRequest request;
        request.api = QStringLiteral("bench");
        request.method = "POST";
        request.target = "/nowhere?i=" + QByteArray::number(i);
        request.headers = {{"Content-Type", "application/json"}};
        request.body = QByteArray(2048, 'b');
        QString error;
        invoker.invoke(request, [&](LocalResult) { --left; }, &error);
        while (left > requests - i - 1) // one at a time, like a client on one connection
            QCoreApplication::processEvents();
    }
    return requests / (double(t.nsecsElapsed()) / 1e9);
}

// CPU time (clock ticks) of the console's load-run thread so far.
qint64 loadThreadTicks()
{
    qint64 ticks = 0;
    for (const QString &task : QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(task));
        QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(task));
        if (!comm.open(QIODevice::ReadOnly) || !stat.open(QIODevice::ReadOnly) || !comm.readAll().startsWith("console-load"))
            continue;
        const QList<QByteArray> fields = stat.readAll().split(')').value(1).trimmed().split(' ');
        ticks += fields.value(11).toLongLong() + fields.value(12).toLongLong();
    }
    return ticks;
}

// Runs the event loop until the process exits. Not processEvents(flags, ms) in a loop: that form
// drops WaitForMoreEvents and spins a core, which the gateway and its functions then lack.
void waitForExit(QProcess &process)
{
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    gw::preferLightEventDispatcherForThreads(); // as app/main.cpp does: the gateway's and the load run's threads
    QApplication app(argc, argv);
    const int perBatch = 333; // 10,000 rows/s at the gateway's 30 Hz flush
    const int batches = 150;  // 5 s of traffic: 50,000 rows, the model's capacity

    ui::AccessLogModel bare(50000);
    const double bareMs = medianBatchMs(batches, perBatch, [&](const QVector<AccessLogEntry> &rows) { bare.appendBatch(rows); });
    ui::AccessLogModel model(50000);
    ui::TrafficPanel panel(&model);
    panel.resize(1280, 400);
    panel.show();
    const double panelMs = medianBatchMs(batches, perBatch, [&](const QVector<AccessLogEntry> &rows) { panel.append(rows); });
    std::printf("traffic   panel %.3f ms/batch  bare model %.3f ms/batch  ratio %.2f  (budget 33 ms: %.0f%% used at 10k rows/s)\n",
                panelMs, bareMs, panelMs / bareMs, 100.0 * panelMs / 33.3);

    // The WebSockets panel: each batch is 333 frames (in and out) spread over 100 open connections,
    // with their access-log entries annotating the inbound ones.
    Gateway idle; // not started: the panel only needs it for its actions
    ui::WebSocketSessionsPanel sessionsPanel(&idle);
    sessionsPanel.resize(1280, 400);
    sessionsPanel.show();
    {
        QVector<WebSocketSessionEvent> opened;
        for (int c = 0; c < 100; ++c) {
            WebSocketSessionEvent e;
            e.kind = WebSocketSessionEvent::Kind::Opened;
            e.apiKey = QStringLiteral("live");
            e.connectionId = "conn-" + QByteArray::number(c);
            opened << e;
        }
        sessionsPanel.apply(opened);
    }
    const QByteArray frameText = R"({"action": "sendmessage", "data": "a chat line of a usual length, some sixty bytes"})";
    std::vector<double> wsMs;
    for (int b = 0; b < batches; ++b) {
        QVector<WebSocketSessionEvent> events;
        QVector<AccessLogEntry> entries;
        for (int i = 0; i < perBatch; ++i) {
            WebSocketSessionEvent e;
            e.kind = i % 2 ? WebSocketSessionEvent::Kind::Sent : WebSocketSessionEvent::Kind::Received;
            e.apiKey = QStringLiteral("live");
            e.connectionId = "conn-" + QByteArray::number(i % 100);
            e.timeMs = b * 33 + i;
            e.text = frameText;
            if (e.kind == WebSocketSessionEvent::Kind::Received) {
                e.messageId = QByteArray::number(b * perBatch + i);
                AccessLogEntry entry;
                entry.messageId = e.messageId;
                entry.routeKey = "sendmessage";
                entry.integrationLatencyMs = 1.2;
                entries << entry;
            }
            events << e;
        }
        QElapsedTimer t;
        t.start();
        sessionsPanel.apply(events);
        sessionsPanel.annotate(entries);
        QCoreApplication::processEvents();
        wsMs.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(wsMs.begin(), wsMs.end());
    std::printf("websocket sessions panel %.3f ms/batch  traffic panel %.3f ms/batch  ratio %.2f  (budget 33 ms: %.0f%% used at 10k frames/s)\n",
                wsMs[wsMs.size() / 2], panelMs, wsMs[wsMs.size() / 2] / panelMs, 100.0 * wsMs[wsMs.size() / 2] / 33.3);

    QFile sample(QStringLiteral(GW_SOURCE_DIR "/resources/samples/orders/orders.gatewright.json"));
    sample.open(QIODevice::ReadOnly);
    const QByteArray text = sample.readAll();
    LoadResult loaded = parseProject(text);
    const Project project = std::get<LoadedProject>(loaded).project;
    const nlohmann::json read = nlohmann::json(project);
    Project edited = project;
    edited.functions[1].timeout = 10;
    const nlohmann::json now = nlohmann::json(edited);
    const double preservingUs = medianUs(400, [&] { (void)writePreservingFormat(text.toStdString(), read, now); });
    const double dumpUs = medianUs(400, [&] { (void)now.dump(2); });
    std::printf("save      preserving %.1f us  dump %.1f us  ratio %.2f\n", preservingUs, dumpUs, preservingUs / dumpUs);

    const Project benchProject = nlohmann::json::parse(R"({"format":"gatewright-project","version":1,
        "apis":[{"id":"bench","name":"bench","type":"HTTP","routes":[{"routeKey":"GET /x"}],"stages":[{"name":"$default"}]}]})")
                                     .get<Project>();
    LocalInvoker plain(benchProject, QString());
    LocalInvoker capturing(benchProject, QString());
    capturing.setCaptureBodyLimit(64 * 1024);
    requestsPerSecond(plain, 2000); // warm-up
    requestsPerSecond(capturing, 2000);
    std::vector<double> off, on;
    for (int round = 0; round < 5; ++round) {
        off.push_back(requestsPerSecond(plain, 5000));
        on.push_back(requestsPerSecond(capturing, 5000));
    }
    std::sort(off.begin(), off.end());
    std::sort(on.begin(), on.end());
    std::printf("capture   on %.0f req/s  off %.0f req/s  ratio %.3f\n", on[2], off[2], on[2] / off[2]);

    // The console's load generator and wrk, each 3 s with 8 connections (BENCH_CONSOLE_CONNECTIONS), against the same route of a
    // gateway served in this process as the window serves it: the gateway's own answer (no
    // integration: the client's own cost decides the rate) and a Lambda route (a Node function
    // through the Runtime API: what a user load-tests).
    QTemporaryDir work;
    QDir(work.path()).mkpath(QStringLiteral("functions/node"));
    {
        QFile handler(work.filePath(QStringLiteral("functions/node/app.js")));
        handler.open(QIODevice::WriteOnly);
        handler.write("exports.handler = async () => ({statusCode: 200, headers: {'content-type': 'application/json'}, body: '{\"ok\":true}'});\n");
    }
    const Project consoleProject = nlohmann::json::parse(R"({"format":"gatewright-project","version":1,
        "functions":[{"name":"node","runtime":"nodejs","handler":"app.handler","codeDir":"functions/node","timeout":10}],
        "apis":[{"id":"bench","name":"bench","type":"HTTP","apiId":"bench00001","routes":[{"routeKey":"GET /x"},
                 {"routeKey":"GET /node","integration":"node"}],
                 "integrations":[{"id":"node","type":"AWS_PROXY","function":"node","payloadFormatVersion":"2.0"}],
                 "stages":[{"name":"$default"}]}]})")
                                       .get<Project>();
    Gateway gateway;
    QString error;
    if (!gateway.start(consoleProject, work.path(), &error)) {
        std::printf("console   (gateway did not start: %s)\n", qPrintable(error));
        return 1;
    }
    // BENCH_CONSOLE_BASE: both clients against another server instead (a `gatewright serve` of the same
    // routes, or any keep-alive server answering /x and /node), to tell the clients' part from the gateway's.
    const QString base = qEnvironmentVariable("BENCH_CONSOLE_BASE", gateway.endpoints().front().url);
    // wrk's req/s and p50 (us) for `seconds` against url, the event loop fed meanwhile.
    const int connections = qEnvironmentVariableIsSet("BENCH_CONSOLE_CONNECTIONS") ? std::max(1, qEnvironmentVariableIntValue("BENCH_CONSOLE_CONNECTIONS")) : 8;
    const auto runWrk = [connections](const QString &url, int seconds) {
        QProcess wrk;
        wrk.start(QStringLiteral("wrk"), {QStringLiteral("-t1"), QStringLiteral("-c%1").arg(connections), QStringLiteral("-d%1s").arg(seconds),
                                          QStringLiteral("--latency"), url});
        waitForExit(wrk);
        const QString out = QString::fromLatin1(wrk.readAllStandardOutput());
        const QRegularExpressionMatch rps = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(out);
        const QRegularExpressionMatch p50 = QRegularExpression(QStringLiteral("\\b50%\\s+([0-9.]+)(us|ms|s)")).match(out);
        double p50Us = p50.hasMatch() ? p50.captured(1).toDouble() : 0;
        if (p50.captured(2) == QLatin1String("ms"))
            p50Us *= 1000;
        else if (p50.captured(2) == QLatin1String("s"))
            p50Us *= 1e6;
        return std::pair{rps.hasMatch() ? rps.captured(1).toDouble() : 0.0, p50Us};
    };
    // One 3 s console run; its thread's CPU time a request goes to *cpuUsPerRequest.
    const auto runConsole = [connections](const QString &url, qint64 *worstStallMs, double *cpuUsPerRequest) {
        ConsoleWireRequest wire = wireRequestFor([&] {
            ConsoleRequest r;
            r.url = url.toStdString();
            return r;
        }(), {}, 0);
        ui::LoadGenerator load;
        ui::LoadRunSettings settings;
        settings.durationMs = 3000;
        settings.concurrency = connections;
        QElapsedTimer tick;
        tick.start();
        qint64 last = 0;
        *worstStallMs = 0;
        QTimer probe;
        probe.setInterval(10);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            const qint64 now = tick.elapsed();
            *worstStallMs = std::max(*worstStallMs, now - last - 10);
            last = now;
        });
        ui::LoadRunSnapshot result;
        QEventLoop window; // sleeps between events, as the window's loop does
        QObject::connect(&load, &ui::LoadGenerator::finished, [&](const ui::LoadRunSnapshot &s) {
            *cpuUsPerRequest = double(loadThreadTicks()) * 1e6 / double(sysconf(_SC_CLK_TCK)) / double(std::max<qint64>(1, s.completed));
            result = s;
            window.quit();
        });
        load.start(wire, settings);
        last = tick.elapsed();
        probe.start();
        window.exec();
        return result;
    };
    for (const auto &[label, path] : {std::pair{"gateway's own answer", "/x"}, std::pair{"Lambda route (Node)", "/node"}}) {
        const QString url = base + QLatin1String(path);
        runWrk(url, 2); // warm-up: the function's processes start, both clients' first connections
        // ABBA (wrk, console, console, wrk): a drift in the machine's or the function's speed falls on both.
        double wrkRps = 0, wrkP50Us = 0, consoleRps = 0, consoleP50Us = 0;
        qint64 worstStallMs = 0;
        // The gateway's own view of each turn: the mean IntegrationLatency of the requests it logged.
        double sumIntegrationMs = 0;
        qint64 logged = 0;
        const auto watch = QObject::connect(&gateway, &Gateway::accessLogBatch, [&](const QVector<AccessLogEntry> &rows) {
            for (const AccessLogEntry &e : rows)
                sumIntegrationMs += std::max(0.0, e.integrationLatencyMs);
            logged += rows.size();
        });
        const auto integrationMeanUs = [&] {
            QEventLoop settle; // the turn's last batch comes in
            QTimer::singleShot(100, &settle, &QEventLoop::quit);
            settle.exec();
            const double us = logged ? 1000 * sumIntegrationMs / double(logged) : -1; // -1: another server (BENCH_CONSOLE_BASE)
            sumIntegrationMs = 0;
            logged = 0;
            return us;
        };
        double wrkIntegrationUs = 0, consoleIntegrationUs = 0, consoleCpuUs = 0;
        for (int turn = 0; turn < 4; ++turn) {
            integrationMeanUs(); // drops what came before the turn
            if (turn == 0 || turn == 3) {
                const auto [rps, p50] = runWrk(url, 3);
                wrkRps += rps / 2;
                wrkP50Us += p50 / 2;
                wrkIntegrationUs += integrationMeanUs() / 2;
            } else {
                qint64 stall = 0;
                double cpuUs = 0;
                const ui::LoadRunSnapshot result = runConsole(url, &stall, &cpuUs);
                consoleRps += result.requestsPerSecond() / 2;
                consoleP50Us += result.p50Us / 2;
                consoleCpuUs += cpuUs / 2;
                consoleIntegrationUs += integrationMeanUs() / 2;
                worstStallMs = std::max(worstStallMs, stall);
            }
        }
        QObject::disconnect(watch);
        std::printf("console   %s: load generator %.0f req/s p50 %.0f us  wrk %.0f req/s p50 %.0f us  rate ratio %.2f  p50 ratio %.2f"
                    "  (load thread %.1f us CPU a request; mean IntegrationLatency %.0f us under the console, %.0f us under wrk;"
                    " window's longest stall %lld ms)\n",
                    label, consoleRps, consoleP50Us, wrkRps, wrkP50Us, wrkRps > 0 ? consoleRps / wrkRps : 0.0,
                    wrkP50Us > 0 ? consoleP50Us / wrkP50Us : 0.0, consoleCpuUs, consoleIntegrationUs, wrkIntegrationUs,
                    static_cast<long long>(worstStallMs));
    }

    // Ingestion: the gateway at its full rate (wrk, 16 connections, the gateway's own answer) for
    // BENCH_INGEST_SECONDS (60) with the monitor open (Traffic and Metrics panels, offscreen, as the
    // window feeds them), against the same load for a tenth of the time with nothing reading the
    // log: the GUI thread's stalls (a 10 ms probe's lateness, p99 and worst), the rows it took,
    // peak resident memory, and the gateway's rate with the monitor against without.
    const int ingestSeconds = qEnvironmentVariableIsSet("BENCH_INGEST_SECONDS") ? qEnvironmentVariableIntValue("BENCH_INGEST_SECONDS") : 60;
    GatewayOptions windowOptions;
    windowOptions.captureBodyLimit = 64 * 1024; // as the window keeps bodies
    Gateway fed(windowOptions);
    if (!fed.start(consoleProject, work.path(), &error)) {
        std::printf("ingest    (gateway did not start: %s)\n", qPrintable(error));
        return 1;
    }
    const QString ingestUrl = fed.endpoints().front().url + QStringLiteral("/x");
    const auto loadFor = [&](int seconds) {
        QProcess wrk;
        wrk.start(QStringLiteral("wrk"), {QStringLiteral("-t1"), QStringLiteral("-c16"), QStringLiteral("-d%1s").arg(seconds), ingestUrl});
        waitForExit(wrk);
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(QString::fromLatin1(wrk.readAllStandardOutput()));
        return m.hasMatch() ? m.captured(1).toDouble() : 0.0;
    };
    const double bareRps = loadFor(std::max(2, ingestSeconds / 10)); // batches go to no one
    ui::AccessLogModel monitorModel(100000);
    ui::TrafficPanel traffic(&monitorModel);
    ui::MetricsPanel metrics;
    traffic.resize(1280, 400);
    metrics.resize(1280, 400);
    traffic.show();
    metrics.show();
    qint64 rows = 0;
    QObject::connect(&fed, &Gateway::accessLogBatch, &traffic, &ui::TrafficPanel::append);
    QObject::connect(&fed, &Gateway::accessLogBatch, &metrics, &ui::MetricsPanel::append);
    QObject::connect(&fed, &Gateway::accessLogBatch, [&](const QVector<AccessLogEntry> &batch) { rows += batch.size(); });
    const auto residentMiB = [](const char *field) {
        QFile status(QStringLiteral("/proc/self/status"));
        status.open(QIODevice::ReadOnly);
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("%1:\\s+(\\d+) kB").arg(QLatin1String(field)))
                                              .match(QString::fromLatin1(status.readAll()));
        return m.hasMatch() ? m.captured(1).toDouble() / 1024 : 0.0;
    };
    const double rssBefore = residentMiB("VmRSS");
    double rssPeak = rssBefore, rssAtTenth = 0;
    std::vector<qint64> stalls;
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0;
    QTimer probe;
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        stalls.push_back(std::max<qint64>(0, now - lastTick - 10));
        lastTick = now;
        if (stalls.size() % 10 == 0) { // every ~100 ms
            const double rss = residentMiB("VmRSS");
            rssPeak = std::max(rssPeak, rss);
            if (rssAtTenth == 0 && now >= ingestSeconds * 100)
                rssAtTenth = rss;
        }
    });
    lastTick = clock.elapsed();
    probe.start();
    const double monitorRps = loadFor(ingestSeconds);
    probe.stop();
    std::sort(stalls.begin(), stalls.end());
    const qint64 p99Stall = stalls.empty() ? 0 : stalls[std::min(stalls.size() - 1, size_t(double(stalls.size()) * 0.99))];
    const qint64 worstStall = stalls.empty() ? 0 : stalls.back();
    std::printf("ingest    %d s at %.0f req/s with the monitor open, %.0f req/s without (ratio %.2f); %lld rows in the panels "
                "(%d kept); GUI stall p99 %lld ms, worst %lld ms; resident %.0f MiB before, %.0f MiB at a tenth of the run, "
                "%.0f MiB at its peak, %.0f MiB at the end\n",
                ingestSeconds, monitorRps, bareRps, bareRps > 0 ? monitorRps / bareRps : 0.0, static_cast<long long>(rows),
                monitorModel.rowCount(), static_cast<long long>(p99Stall), static_cast<long long>(worstStall), rssBefore,
                rssAtTenth, rssPeak, residentMiB("VmRSS"));
    fed.stop();
    gateway.stop();
    return 0;
}
