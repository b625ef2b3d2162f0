// Designer benchmarks, each a ratio against a reference measured in the same run:
//  - traffic: the Traffic panel (filter proxy, table, counts) taking 10,000 rows/s in 30 Hz batches,
//    against the bare access-log model taking the same batches;
//  - save: writing an edit into the project file's own text, against dumping the whole model;
//  - capture: requests through the HTTP API pipeline with the designer's body capture on, against off;
//  - websocket: the WebSockets panel (sessions, frames, filter, view) taking 10,000 frames/s over 100
//    connections in 30 Hz batches, against the Traffic panel taking as many rows;
//  - console: the console's load generator against a gateway route, against wrk on the same route
//    in the same run, with the window's event loop's longest stall while the run goes.
#include "bench_timing.h"
#include "gateway/local_invoker.h"
#include "model/format_preserving_json.h"
#include "model/project_loader.h"
#include "monitor/access_log_model.h"
#include "monitor/traffic_panel.h"
#include "websocket/websocket_sessions_panel.h"
#include "gateway/gateway.h"
#include "console/load_generator.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTimer>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>

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

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
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

    // The console's load generator and wrk, each 3 s with 8 connections, against one MOCK-like
    // route (no integration: the gateway's own answer), served in this process as the window serves it.
    Gateway gateway;
    QString error;
    if (!gateway.start(benchProject, QString(), &error)) {
        std::printf("console   (gateway did not start: %s)\n", qPrintable(error));
        return 1;
    }
    const QString url = gateway.endpoints().front().url + QStringLiteral("/x");
    double wrkRps = 0;
    {
        QProcess wrk;
        wrk.start(QStringLiteral("wrk"), {QStringLiteral("-t1"), QStringLiteral("-c8"), QStringLiteral("-d3s"), url});
        while (!wrk.waitForFinished(10))
            QCoreApplication::processEvents(); // the gateway's listener runs on its own threads; this keeps Qt fed
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(QString::fromLatin1(wrk.readAllStandardOutput()));
        wrkRps = m.hasMatch() ? m.captured(1).toDouble() : 0;
    }
    ConsoleWireRequest wire = wireRequestFor([&] {
        ConsoleRequest r;
        r.url = url.toStdString();
        return r;
    }(), {}, 0);
    ui::LoadGenerator load;
    ui::LoadRunSettings settings;
    settings.durationMs = 3000;
    settings.concurrency = 8;
    QElapsedTimer tick;
    tick.start();
    qint64 last = 0, worstStallMs = 0;
    QTimer probe;
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = tick.elapsed();
        worstStallMs = std::max(worstStallMs, now - last - 10);
        last = now;
    });
    bool done = false;
    ui::LoadRunSnapshot result;
    QObject::connect(&load, &ui::LoadGenerator::finished, [&](const ui::LoadRunSnapshot &s) {
        result = s;
        done = true;
    });
    load.start(wire, settings);
    last = tick.elapsed();
    probe.start();
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    probe.stop();
    const double consoleRps = result.requestsPerSecond();
    std::printf("console   load generator %.0f req/s  wrk %.0f req/s  ratio %.2f  (p50 %.0f us, window's longest stall %lld ms)\n",
                consoleRps, wrkRps, wrkRps > 0 ? consoleRps / wrkRps : 0.0, result.p50Us, static_cast<long long>(worstStallMs));
    gateway.stop();
    return 0;
}
