// The two-phase pipeline on hand-built chains: order, suspension and resumption, deadlines on a
// manual clock, a client that leaves, the trace, and the epilogue on every way a request ends.
#include "../testlib/pipeline_fixture.h"
#include "../testlib/scripted_stage.h"
#include "pipeline/stages/integration_stage.h"

#include <QTest>

using namespace gw;
using namespace gw::test;
using Action = ScriptedStage::Action;

class TestPipeline : public QObject {
    Q_OBJECT
private slots:
    void phasesRunInOrder();
    void replyInThePreludeSkipsTheRoute();
    void pendingStageWaitsForItsResume();
    void resumeInsideTheStageGoesOnAtOnce();
    void deadlineCancelsThePendingStageAndDropsTheLateAnswer();
    void deadlineWithoutAReplyAnswers503();
    void clientWhoLeavesIsToldToThePendingStage();
    void epilogueRunsOnEveryPath_data();
    void epilogueRunsOnEveryPath();
    void traceMeasuresEveryStage();
    void withoutNotesTheTraceStillTimesEveryStage();
    void aFinishedRequestIsFreed_data();
    void aFinishedRequestIsFreed();

private:
    std::shared_ptr<Journal> m_journal;
};

namespace {
StagePtr stage(const char *name, Action action, const std::shared_ptr<Journal> &journal, bool integration = false,
               qint64 deadlineMs = 0)
{
    return std::make_shared<ScriptedStage>(name, action, journal, 299, integration, deadlineMs);
}
const ScriptedStage &scripted(const StagePtr &stage)
{
    return static_cast<const ScriptedStage &>(*stage);
}
} // namespace

void TestPipeline::phasesRunInOrder()
{
    auto journal = std::make_shared<Journal>();
    PipelineFixture fixture;
    fixture.api().prelude = {stage("a", Action::Continue, journal), stage("b", Action::Continue, journal)};
    fixture.addRoute({stage("c", Action::Continue, journal), stage("d", Action::Reply, journal)});
    fixture.start(this);
    // Request phase forward; the answer goes back through those that went on, last first; the
    // replying stage does not see its own answer; every stage that ran completes.
    QCOMPARE(journal->calls, (QStringList{"a.request", "b.request", "c.request", "d.request", "c.response", "b.response",
                                          "a.response", "a.complete", "b.complete", "c.complete", "d.complete"}));
    QVERIFY(fixture.downstream->received);
    QCOMPARE(fixture.downstream->received->status, 299);
    QCOMPARE(fixture.downstream->received->header("X-Seen-By-a"), QByteArray("yes"));
    QVERIFY(!fixture.downstream->received->hasHeader("X-Seen-By-d"));
}

void TestPipeline::replyInThePreludeSkipsTheRoute()
{
    auto journal = std::make_shared<Journal>();
    PipelineFixture fixture;
    fixture.api().prelude = {stage("a", Action::Continue, journal), stage("route", Action::Reply, journal)};
    fixture.addRoute({stage("never", Action::Reply, journal)});
    fixture.start(this);
    QCOMPARE(journal->calls, (QStringList{"a.request", "route.request", "a.response", "a.complete", "route.complete"}));
}

void TestPipeline::pendingStageWaitsForItsResume()
{
    auto journal = std::make_shared<Journal>();
    PipelineFixture fixture;
    const StagePtr waiting = stage("integration", Action::Pending, journal, true);
    fixture.api().prelude = {stage("a", Action::Continue, journal)};
    fixture.addRoute({waiting, stage("mapping", Action::Reply, journal)});
    fixture.start(this);
    QCOMPARE(journal->calls, (QStringList{"a.request", "integration.request"}));
    QVERIFY(!fixture.downstream->received);
    fixture.clock->advance(40);
    scripted(waiting).lastResumer.resume([](RequestContext &ctx) { ctx.response.body = "from the backend"; });
    QVERIFY(fixture.downstream->received);
    QCOMPARE(journal->calls.mid(2), (QStringList{"mapping.request", "integration.response", "a.response", "a.complete",
                                                 "integration.complete", "mapping.complete"}));
    // A second resume of the same suspension is ignored.
    scripted(waiting).lastResumer.resume([](RequestContext &) { QFAIL("resumed twice"); });
    const auto logs = fixture.logs();
    QCOMPARE(logs.size(), 1);
    QCOMPARE(logs[0].integrationLatencyMs, 40.0); // measured on the clock, not estimated
    QCOMPARE(logs[0].responseLatencyMs, 40.0);
}

void TestPipeline::resumeInsideTheStageGoesOnAtOnce()
{
    auto journal = std::make_shared<Journal>();
    PipelineFixture fixture;
    fixture.addRoute({stage("quick", Action::PendingAndResumeAtOnce, journal, true), stage("mapping", Action::Reply, journal)});
    fixture.start(this);
    QVERIFY(fixture.downstream->received);
    QCOMPARE(journal->calls.first(2), (QStringList{"quick.request", "mapping.request"}));
    QCOMPARE(fixture.logs().value(0).integrationLatencyMs, 0.0);
}

void TestPipeline::deadlineCancelsThePendingStageAndDropsTheLateAnswer()
{
    auto journal = std::make_shared<Journal>();
    PipelineFixture fixture;
    const StagePtr slow = stage("integration", Action::Pending, journal, true, 500);
    fixture.addRoute({slow, stage("mapping", Action::Reply, journal)});
    fixture.start(this);
    fixture.clock->advance(499);
    QCoreApplication::processEvents();
    QVERIFY(!fixture.downstream->received); // not a millisecond early
    fixture.clock->advance(1);
    QTRY_VERIFY(fixture.downstream->received);
    QCOMPARE(fixture.downstream->received->status, 503);
    QCOMPARE(fixture.downstream->received->body, QByteArray(R"({"message":"Service Unavailable"})"));
    QCOMPARE(journal->calls, (QStringList{"integration.request", "integration.cancel:deadline", "integration.complete"}));
    scripted(slow).lastResumer.resume([](RequestContext &) { QFAIL("a late answer was applied"); });
    const auto logs = fixture.logs();
    QCOMPARE(logs.size(), 1);
    QCOMPARE(logs[0].outcome, Outcome::IntegrationTimeout);
    QCOMPARE(logs[0].integrationErrorMessage, QStringLiteral("too slow"));
    QCOMPARE(logs[0].integrationLatencyMs, -1.0);
    QCOMPARE(QByteArray(logs[0].trace->spans.at(0).result), QByteArray("deadline"));
}

void TestPipeline::deadlineWithoutAReplyAnswers503()
{
    auto journal = std::make_shared<Journal>();
    PipelineFixture fixture;
    auto slow = std::make_shared<ScriptedStage>("integration", Action::Pending, journal, 299, true, 100);
    slow->replyOnDeadline = false;
    fixture.addRoute({slow});
    fixture.start(this);
    fixture.clock->advance(100);
    QTRY_VERIFY(fixture.downstream->received);
    QCOMPARE(fixture.downstream->received->status, 503);
}

void TestPipeline::clientWhoLeavesIsToldToThePendingStage()
{
    auto journal = std::make_shared<Journal>();
    PipelineFixture fixture;
    const StagePtr waiting = stage("integration", Action::Pending, journal, true);
    fixture.addRoute({waiting, stage("mapping", Action::Reply, journal)});
    fixture.start(this);
    fixture.downstream->leave();
    QCOMPARE(journal->calls, (QStringList{"integration.request", "integration.cancel:gone"}));
    // As on the service, the request still runs to its end and is logged; nobody reads the answer.
    scripted(waiting).lastResumer.resume([](RequestContext &) {});
    QCOMPARE(fixture.downstream->sends, 1);
    QVERIFY(!fixture.downstream->received);
    const auto logs = fixture.logs();
    QCOMPARE(logs.size(), 1);
    QVERIFY(logs[0].trace->clientGone);
    QCOMPARE(logs[0].status, 299);
}

void TestPipeline::epilogueRunsOnEveryPath_data()
{
    QTest::addColumn<int>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("outcome");
    QTest::newRow("reply in the route chain") << 0 << 299 << int(Outcome::Ok);
    QTest::newRow("reply in the prelude") << 1 << 299 << int(Outcome::Ok);
    QTest::newRow("chain ends without a reply") << 2 << 500 << int(Outcome::NoIntegration);
    QTest::newRow("a stage stops without a reply") << 3 << 500 << int(Outcome::NoIntegration);
    QTest::newRow("deadline") << 4 << 503 << int(Outcome::IntegrationTimeout);
    QTest::newRow("no route") << 5 << 500 << int(Outcome::NoIntegration);
}

void TestPipeline::epilogueRunsOnEveryPath()
{
    QFETCH(int, path);
    QFETCH(int, status);
    QFETCH(int, outcome);
    auto journal = std::make_shared<Journal>();
    PipelineFixture fixture;
    fixture.api().prelude = {stage("first", path == 1 ? Action::Reply : Action::Continue, journal)};
    switch (path) {
    case 0: fixture.addRoute({stage("c", Action::Reply, journal)}); break;
    case 1: fixture.addRoute({stage("c", Action::Reply, journal)}); break;
    case 2: fixture.addRoute({stage("c", Action::Continue, journal)}); break;
    case 3: fixture.addRoute({stage("c", Action::StopWithoutReply, journal)}); break;
    case 4: fixture.addRoute({stage("c", Action::Pending, journal, true, 10)}); break;
    case 5: break;
    }
    fixture.start(this);
    if (path == 4)
        fixture.clock->advance(10);
    QTRY_VERIFY(fixture.downstream->received);
    QCOMPARE(fixture.downstream->sends, 1);
    QCOMPARE(fixture.downstream->received->status, status);
    const auto logs = fixture.logs();
    QCOMPARE(logs.size(), 1); // one access-log entry, whatever way it ended
    QCOMPARE(int(logs[0].outcome), outcome);
    QCOMPARE(logs[0].status, status);
    QVERIFY(logs[0].trace);
}

void TestPipeline::traceMeasuresEveryStage()
{
    auto journal = std::make_shared<Journal>();
    PipelineFixture fixture;
    const StagePtr waiting = stage("integration", Action::Pending, journal, true);
    fixture.api().prelude = {stage("route", Action::Continue, journal)};
    fixture.addRoute({waiting, stage("mapping", Action::Reply, journal)});
    fixture.clock->advance(0);
    fixture.start(this);
    fixture.clock->advance(25);
    scripted(waiting).lastResumer.resume([](RequestContext &ctx) { ctx.noteLines(QStringLiteral("function said hi\n")); });
    const auto logs = fixture.logs();
    const ExecutionTrace &trace = *logs.at(0).trace;
    QCOMPARE(trace.spans.size(), size_t(4)); // route, integration, mapping, the response phase
    QCOMPARE(QByteArray(trace.spans[0].name), QByteArray("route"));
    QCOMPARE(QByteArray(trace.spans[1].name), QByteArray("integration"));
    QCOMPARE(trace.spans[1].kind, TraceSpan::Kind::Integration);
    QCOMPARE(trace.spans[1].durationNs, qint64(25'000'000));
    QCOMPARE(trace.spans[1].startNs, qint64(0));
    QCOMPARE(trace.spans[2].startNs, qint64(25'000'000));
    QVERIFY(trace.spans[1].log.contains("integration ran"));
    QVERIFY(trace.spans[1].output.contains(QStringLiteral("function said hi")));
    QCOMPARE(QByteArray(trace.spans[3].name), QByteArray("response"));
    QCOMPARE(trace.spans[3].kind, TraceSpan::Kind::Response);
    QCOMPARE(trace.totalNs, qint64(25'000'000));
    QCOMPARE(trace.integrationNs, qint64(25'000'000));
}

void TestPipeline::withoutNotesTheTraceStillTimesEveryStage()
{
    // serve without --execution-log: no log lines or function output kept, the same spans and latencies.
    auto journal = std::make_shared<Journal>();
    PipelineFixture fixture;
    fixture.accessLog->setExecutionNotes(false);
    const StagePtr waiting = stage("integration", Action::Pending, journal, true);
    fixture.api().prelude = {stage("route", Action::Continue, journal)};
    fixture.addRoute({waiting, stage("mapping", Action::Reply, journal)});
    fixture.start(this);
    fixture.clock->advance(25);
    scripted(waiting).lastResumer.resume([](RequestContext &ctx) {
        QVERIFY(!ctx.tracing());
        ctx.noteLines(QStringLiteral("function said hi\n"));
    });
    const auto logs = fixture.logs();
    const ExecutionTrace &trace = *logs.at(0).trace;
    QCOMPARE(trace.spans.size(), size_t(4));
    for (const TraceSpan &span : trace.spans) {
        QVERIFY(span.log.isEmpty());
        QVERIFY(span.output.isEmpty());
    }
    QCOMPARE(trace.spans[1].durationNs, qint64(25'000'000));
    QCOMPARE(logs.at(0).integrationLatencyMs, 25.0);
}

QTEST_GUILESS_MAIN(TestPipeline)
namespace {
// Answers every call with a Lambda result: at once (inside invoke) or when answerNow() is called.
class AnsweringBackend final : public IntegrationBackend {
public:
    explicit AnsweringBackend(bool atOnce) : m_atOnce(atOnce) {}
    const char *kind() const override { return "lambda"; }
    void invoke(IntegrationRequest, IntegrationDone done) const override
    {
        if (m_atOnce)
            done->receive(result());
        else
            m_waiting = std::move(done);
    }
    void answerNow() const { std::exchange(m_waiting, nullptr)->receive(result()); }

private:
    static IntegrationResult result()
    {
        IntegrationResult r;
        r.kind = IntegrationResult::Kind::Lambda;
        r.payload = R"({"statusCode": 200})";
        return r;
    }
    bool m_atOnce;
    mutable IntegrationDone m_waiting;
};
} // namespace

void TestPipeline::aFinishedRequestIsFreed_data()
{
    QTest::addColumn<bool>("atOnce");
    QTest::newRow("the integration answers inside invoke") << true;
    QTest::newRow("the integration answers later") << false;
}

void TestPipeline::aFinishedRequestIsFreed()
{
    // A request keeps its integration's result; what carried the result back must not keep the
    // request (a cycle leaked every Lambda request, about 2.5 KB each).
    QFETCH(bool, atOnce);
    auto journal = std::make_shared<Journal>();
    PipelineFixture fixture;
    auto backend = std::make_shared<AnsweringBackend>(atOnce);
    auto integration = std::make_shared<IntegrationStage>(backend, [](const RequestContext &) { return IntegrationRequest{}; },
                                                          1000, true);
    fixture.addRoute({integration, stage("mapping", Action::Reply, journal)});
    std::weak_ptr<RequestContext> request = fixture.start(this);
    if (!atOnce) {
        QVERIFY(!request.expired()); // waiting for its answer
        backend->answerNow();
    }
    QVERIFY(fixture.downstream->received);
    QCOMPARE(fixture.downstream->received->status, 299);
    QCoreApplication::processEvents();
    QVERIFY2(request.expired(), "the finished request is still alive");
}

#include "tst_pipeline.moc"
