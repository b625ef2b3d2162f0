#pragma once
// A pipeline stage for tests: does what it is told (go on, reply, wait) and writes every call
// into a shared journal, so tests can check the order the pipeline called stages in.
#include "pipeline/request_context.h"

#include <QStringList>
#include <memory>

namespace gw::test {

struct Journal {
    QStringList calls; // "name.request", "name.response", "name.cancel:deadline", "name.complete"
};

class ScriptedStage : public PipelineStage {
public:
    enum class Action { Continue, Reply, Pending, PendingAndResumeAtOnce, StopWithoutReply };
    ScriptedStage(const char *name, Action action, std::shared_ptr<Journal> journal, int replyStatus = 299,
                  bool integration = false, qint64 deadlineMs = 0)
        : m_name(name), m_action(action), m_journal(std::move(journal)), m_status(replyStatus),
          m_integration(integration), m_deadlineMs(deadlineMs)
    {
    }
    const char *name() const override { return m_name; }
    bool isIntegration() const override { return m_integration; }
    StageStatus onRequest(RequestContext &ctx) const override
    {
        m_journal->calls << QStringLiteral("%1.request").arg(QLatin1String(m_name));
        ctx.note(QStringLiteral("%1 ran").arg(QLatin1String(m_name)));
        switch (m_action) {
        case Action::Continue:
            return StageStatus::Continue;
        case Action::Reply: {
            HttpResponse response;
            response.status = m_status;
            response.body = QByteArray(m_name);
            ctx.reply(std::move(response));
            return StageStatus::StopAndReply;
        }
        case Action::Pending:
            lastResumer = ctx.suspend(m_deadlineMs);
            return StageStatus::Pending;
        case Action::PendingAndResumeAtOnce: {
            const Resumer resumer = ctx.suspend(m_deadlineMs);
            resumer.resume([](RequestContext &) {});
            return StageStatus::Pending;
        }
        case Action::StopWithoutReply:
            return StageStatus::StopAndReply;
        }
        return StageStatus::Continue;
    }
    void onResponse(RequestContext &ctx) const override
    {
        m_journal->calls << QStringLiteral("%1.response").arg(QLatin1String(m_name));
        ctx.response.setHeader("X-Seen-By-" + QByteArray(m_name), "yes");
    }
    void onCancel(RequestContext &ctx, CancelReason reason) const override
    {
        m_journal->calls << QStringLiteral("%1.cancel:%2")
                                .arg(QLatin1String(m_name),
                                     reason == CancelReason::DeadlinePassed ? QStringLiteral("deadline") : QStringLiteral("gone"));
        if (reason == CancelReason::DeadlinePassed && replyOnDeadline)
            ctx.sendLocalReply(GatewayResponseType::IntegrationTimeout, Outcome::IntegrationTimeout, QStringLiteral("too slow"));
    }
    void onComplete(RequestContext &) const override
    {
        m_journal->calls << QStringLiteral("%1.complete").arg(QLatin1String(m_name));
    }

    mutable Resumer lastResumer; // for Pending: the test resumes through it
    bool replyOnDeadline = true;

private:
    const char *m_name;
    Action m_action;
    std::shared_ptr<Journal> m_journal;
    int m_status;
    bool m_integration;
    qint64 m_deadlineMs;
};

} // namespace gw::test
