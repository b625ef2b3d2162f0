// The monitor's metrics: CloudWatch's Count/4XXError/5XXError and Latency/IntegrationLatency
// percentiles per API, stage and route, per second over a sliding window.
#include "observability/request_metrics.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace gw;

namespace {

constexpr qint64 kT0 = 1'764'000'000'000; // an epoch ms on a second boundary

AccessLogEntry entry(qint64 atMs, const char *route, int status, double latencyMs, double integrationMs = -1,
                     const char *api = "a1", const char *stage = "$default")
{
    AccessLogEntry e;
    e.requestTimeEpochMs = atMs;
    e.apiId = api;
    e.stage = stage;
    e.routeKey = route;
    e.status = status;
    e.responseLatencyMs = latencyMs;
    e.integrationLatencyMs = integrationMs;
    return e;
}

} // namespace

class TestRequestMetrics : public QObject {
    Q_OBJECT
private slots:
    void countsByStatusClassPerRoute()
    {
        RequestMetrics m;
        m.add(entry(kT0, "GET /a", 200, 5, 4));
        m.add(entry(kT0 + 10, "GET /a", 404, 1));
        m.add(entry(kT0 + 20, "GET /a", 429, 1));
        m.add(entry(kT0 + 30, "POST /b", 502, 30, 29));
        m.add(entry(kT0 + 40, "POST /b", 301, 2, 1));
        m.add(entry(kT0 + 50, "GET /a", 200, 3, 2, "a2"));
        const RequestMetrics::Totals a = m.totals({"a1", {}, "GET /a"}, kT0 + 999, 60);
        QCOMPARE(a.count, quint64(3));
        QCOMPARE(a.clientErrors, quint64(2));
        QCOMPARE(a.serverErrors, quint64(0));
        QCOMPARE(a.integration.total, quint64(1)); // refusals reached no integration
        const RequestMetrics::Totals api = m.totals({"a1", {}, {}}, kT0 + 999, 60);
        QCOMPARE(api.count, quint64(5));
        QCOMPARE(api.serverErrors, quint64(1));
        QCOMPARE(m.totals({}, kT0 + 999, 60).count, quint64(6));
        QCOMPARE(m.totals({"a1", "other", {}}, kT0 + 999, 60).count, quint64(0));
        QCOMPARE(int(m.keys().size()), 3);
        // Requests no route matched are a series of their own ("-"), not the API's total.
        m.add(entry(kT0 + 60, "", 404, 1));
        QCOMPARE(m.totals({"a1", {}, "-"}, kT0 + 999, 60).count, quint64(1));
        QCOMPARE(m.totals({"a1", {}, {}}, kT0 + 999, 60).count, quint64(6));
    }

    void percentilesAreTheHistogramsToTwelvePercent()
    {
        RequestMetrics m;
        std::vector<double> latencies;
        QRandomGenerator random(7);
        for (int i = 0; i < 5000; ++i) {
            // Mostly fast, a slow tail: a log-normal-ish spread from 0.2 ms to 2 s.
            const double ms = 0.2 * std::pow(10.0, random.generateDouble() * random.generateDouble() * 4);
            latencies.push_back(ms);
            m.add(entry(kT0 + i * 10, "GET /a", 200, ms, ms * 0.8));
        }
        std::sort(latencies.begin(), latencies.end());
        const RequestMetrics::Totals t = m.totals({}, kT0 + 5000 * 10, 300);
        QCOMPARE(t.count, quint64(5000));
        for (double q : {0.5, 0.9, 0.99}) {
            const double exact = latencies[size_t(std::ceil(q * 5000)) - 1];
            const double reported = t.latency.percentileUs(q) / 1000;
            QVERIFY2(reported >= exact && reported <= exact * 1.13,
                     qPrintable(QStringLiteral("p%1: %2 ms against %3 ms").arg(q * 100).arg(reported).arg(exact)));
        }
        QVERIFY(t.integration.percentileUs(0.5) < t.latency.percentileUs(0.5));
    }

    void theWindowSlidesAndSpansCountOnlyTheirSeconds()
    {
        RequestMetrics m(300);
        m.add(entry(kT0, "GET /a", 200, 1));
        m.add(entry(kT0 + 100'000, "GET /a", 500, 1));
        m.add(entry(kT0 + 250'000, "GET /a", 200, 1));
        const qint64 now = kT0 + 250'500;
        QCOMPARE(m.totals({}, now, 300).count, quint64(3));
        QCOMPARE(m.totals({}, now, 60).count, quint64(1));  // only the last one is within a minute
        QCOMPARE(m.totals({}, now, 200).serverErrors, quint64(1));
        // A request 301 s after the first pushes that first second out of the window.
        m.add(entry(kT0 + 301'000, "GET /a", 200, 1));
        QCOMPARE(m.totals({}, kT0 + 301'000, 600).count, quint64(3));
        // One older than the whole window is not counted at all.
        m.add(entry(kT0 - 10'000, "GET /a", 200, 1));
        QCOMPARE(m.totals({}, kT0 + 301'000, 600).count, quint64(3));
        // A route whose every second has left is forgotten.
        m.add(entry(kT0 + 302'000, "GET /old", 200, 1));
        m.add(entry(kT0 + 700'000, "GET /a", 200, 1));
        QCOMPARE(int(m.keys().size()), 1);
    }

    void lateArrivalsLandInTheirOwnSecond()
    {
        // A slow request is logged after later fast ones: it counts in the second it arrived.
        RequestMetrics m;
        m.add(entry(kT0 + 3000, "GET /a", 200, 1));
        m.add(entry(kT0 + 5000, "GET /a", 200, 1));
        m.add(entry(kT0 + 1000, "GET /a", 200, 4000, 3990));
        m.add(entry(kT0 + 3500, "GET /a", 200, 1));
        const std::vector<RequestMetrics::Point> points = m.series({}, kT0 + 5999, 6);
        QCOMPARE(int(points.size()), 6);
        QCOMPARE(points.front().second, kT0 / 1000);
        QCOMPARE(points.back().second, kT0 / 1000 + 5);
        const std::vector<quint64> expected{0, 1, 0, 2, 0, 1};
        for (size_t i = 0; i < points.size(); ++i)
            QCOMPARE(points[i].totals.count, expected[i]);
        QVERIFY(points[1].totals.latency.percentileUs(0.5) >= 4'000'000);
    }

    void triageReadsTheSplit()
    {
        const auto totals = [](double latencyMs, double integrationMs, int n) {
            RequestMetrics m;
            for (int i = 0; i < n; ++i)
                m.add(entry(kT0 + i, "GET /a", 200, latencyMs, integrationMs));
            return m.totals({}, kT0 + 999, 60);
        };
        QCOMPARE(triageLatency(totals(900, 850, 3)), LatencyTriage::NotEnoughData);
        QCOMPARE(triageLatency(totals(12, 10, 20)), LatencyTriage::Fast);
        // An authorizer's 400 ms before a 20 ms function: the gateway's time.
        QCOMPARE(triageLatency(totals(420, 20, 20)), LatencyTriage::GatewayBound);
        QCOMPARE(triageLatency(totals(420, -1, 20)), LatencyTriage::GatewayBound); // no integration at all
        QCOMPARE(triageLatency(totals(900, 850, 20)), LatencyTriage::BackendBound);
    }

    void webSocketEventsCountAsConnectsAndMessages()
    {
        RequestMetrics m;
        const auto event = [](qint64 at, const char *route, const char *type, int status) {
            AccessLogEntry e = entry(at, route, status, 2, 1, "ws1", "live");
            e.eventType = type;
            return e;
        };
        m.add(event(kT0, "$connect", "CONNECT", 200));
        m.add(event(kT0 + 1, "$connect", "CONNECT", 403)); // refused: still a $connect event
        m.add(event(kT0 + 2, "sendmessage", "MESSAGE", 200));
        m.add(event(kT0 + 3, "$default", "MESSAGE", 200));
        m.add(event(kT0 + 4, "$disconnect", "DISCONNECT", 200));
        m.add(entry(kT0 + 5, "GET /x", 200, 1)); // an HTTP request counts as neither
        const RequestMetrics::Totals all = m.totals({}, kT0 + 999, 60);
        QCOMPARE(all.count, quint64(6));
        QCOMPARE(all.connects, quint64(2));
        QCOMPARE(all.messages, quint64(2));
        QCOMPARE(all.clientErrors, quint64(1));
        QCOMPARE(m.totals({"ws1", "live", "sendmessage"}, kT0 + 999, 60).messages, quint64(1));
        QCOMPARE(all.webSocketEvents, quint64(5));
    }

    void webSocketErrorsAreClientIntegrationOrExecutionErrors()
    {
        // websocket-api-logging.html: ClientError is a 4xx API Gateway returned before the
        // integration was invoked, IntegrationError a 4xx/5xx from the integration, ExecutionError
        // an error calling the integration.
        RequestMetrics m;
        const auto event = [](const char *route, int status, double integrationMs, Outcome outcome, int integrationStatus) {
            AccessLogEntry e = entry(kT0, route, status, 2, integrationMs, "ws1", "live");
            e.eventType = route == QByteArrayView("$connect") ? "CONNECT" : "MESSAGE";
            e.outcome = outcome;
            e.integrationResponseStatus = integrationStatus;
            return e;
        };
        m.add(event("$connect", 401, 3, Outcome::Ok, 401));                      // the function refused: IntegrationError
        m.add(event("-", 403, -1, Outcome::NotFound, 0));                        // no route, no $default: ClientError
        m.add(event("$default", 500, -1, Outcome::FunctionError, 0));            // the handler threw: ExecutionError
        m.add(event("$default", 500, 4, Outcome::MalformedIntegrationResponse, 200)); // an answer the service refuses
        m.add(event("$default", 200, 4, Outcome::Ok, 200));                      // none
        AccessLogEntry http = entry(kT0, "GET /x", 404, 1);                      // an HTTP API's 404 counts in none
        http.outcome = Outcome::NotFound;
        m.add(http);
        const RequestMetrics::Totals all = m.totals({}, kT0 + 999, 60);
        QCOMPARE(all.webSocketEvents, quint64(5));
        QCOMPARE(all.webSocketClientErrors, quint64(1));
        QCOMPARE(all.integrationErrors, quint64(1));
        QCOMPARE(all.executionErrors, quint64(2));
        QCOMPARE(all.clientErrors, quint64(3)); // 4XXError still counts every 4xx
    }

    void mergedHistogramsEqualOneFedEverything()
    {
        LatencyHistogram a, b, all;
        for (int i = 1; i < 400; ++i) {
            (i % 3 ? a : b).add(i * 37.0);
            all.add(i * 37.0);
        }
        a.merge(b);
        QCOMPARE(a.total, all.total);
        QVERIFY(a.counts == all.counts);
    }
};

QTEST_GUILESS_MAIN(TestRequestMetrics)
#include "tst_request_metrics.moc"
