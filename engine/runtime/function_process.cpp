#include "function_process.h"

#include "../net/local_ca.h"

#include "../net/event_dispatcher_choice.h"
#include "../net/http_server_connection.h"
#include "runtime_api_handler.h"

#include <QDateTime>
#include <cmath>
#include <QLoggingCategory>
#include <QTcpSocket>

#include <nlohmann/json.hpp>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcRuntime, "gw.runtime", QtInfoMsg)

namespace gw {

namespace {

constexpr int kMemoryCheckIntervalMs = 100;

// The Runtime API endpoint's limits: big enough for a 6 MB response and its error documents.
const std::shared_ptr<const ListenerOptions> &runtimeApiListenerOptions()
{
    static const auto options = [] {
        auto o = std::make_shared<ListenerOptions>();
        o->limits = HttpLimits{64 * 1024, 7 * 1024 * 1024};
        return std::shared_ptr<const ListenerOptions>(o);
    }();
    return options;
}
// Lambda's synchronous response payload limit.
// "Exceeded maximum allowed payload size (6291556 bytes)": the Runtime API takes 100 bytes more than Invoke.
constexpr qsizetype kMaxResponseBytes = 6 * 1024 * 1024 + 100;

// Reads {"errorType","errorMessage",...} as posted to /error or /init/error; the header's type
// (Lambda-Runtime-Function-Error-Type), then fallbackType, stand in when the body names none.
InvocationResult resultFromErrorDocument(InvocationResult::Status status, const QByteArray &body,
                                         const QByteArray &headerType, const QByteArray &fallbackType)
{
    InvocationResult result;
    result.status = status;
    result.payload = body;
    const auto document = nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (document.is_object()) {
        result.errorType = QByteArray::fromStdString(document.value("errorType", std::string()));
        result.errorMessage = QString::fromStdString(document.value("errorMessage", std::string()));
    }
    if (result.errorType.isEmpty())
        result.errorType = headerType.isEmpty() ? fallbackType : headerType;
    return result;
}

QByteArray errorDocument(const QString &message, const QByteArray &type)
{
    nlohmann::json document{{"errorMessage", message.toStdString()}, {"errorType", type.toStdString()}};
    return QByteArray::fromStdString(document.dump());
}
} // namespace

const char *invocationStatusName(InvocationResult::Status status)
{
    switch (status) {
    case InvocationResult::Status::Success: return "success";
    case InvocationResult::Status::FunctionError: return "function_error";
    case InvocationResult::Status::Timeout: return "timeout";
    case InvocationResult::Status::RuntimeExited: return "runtime_exited";
    case InvocationResult::Status::InitError: return "init_error";
    case InvocationResult::Status::ServiceError: return "service_error";
    }
    return "unknown";
}

FunctionProcess::FunctionProcess(FunctionSpec spec, int generation, ClockPtr clock, QObject *parent)
    : QObject(parent), m_spec(std::move(spec)), m_generation(generation),
      m_handler(std::make_shared<RuntimeApiHandler>(this)), m_clock(std::move(clock))
{
    m_memoryCheck.setInterval(kMemoryCheckIntervalMs);
    connect(&m_memoryCheck, &QTimer::timeout, this, &FunctionProcess::checkMemory);
    connect(&m_process, &QProcess::finished, this, &FunctionProcess::onProcessFinished);
    connect(&m_process, &QProcess::readyReadStandardOutput, this,
            [this] { readOutput(QProcess::StandardOutput); });
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] { readOutput(QProcess::StandardError); });
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(nullptr);
            new HttpServerConnection(socket, m_handler, runtimeApiListenerOptions(), m_clock, this);
        }
    });
}

FunctionProcess::~FunctionProcess()
{
    m_handler->detach();
    if (auto callback = std::exchange(m_callback, nullptr)) {
        // Torn down mid-invocation (the runtime stops): the caller still gets its one answer.
        InvocationResult result;
        result.status = InvocationResult::Status::ServiceError;
        result.errorMessage = QStringLiteral("the function runtime stopped");
        callback(std::move(result));
    }
    if (m_process.state() != QProcess::NotRunning) {
        m_process.disconnect(this);
        killSandbox();
        m_process.waitForFinished(2000);
    }
}

bool FunctionProcess::start(QString *error)
{
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        *error = QStringLiteral("cannot open the Runtime API endpoint: ") + m_server.errorString();
        return false;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    removeEventDispatcherChoice(env);
    const QString runtimeApi = QStringLiteral("127.0.0.1:%1").arg(m_server.serverPort());
    env.insert(QStringLiteral("AWS_LAMBDA_RUNTIME_API"), runtimeApi);
    env.insert(QStringLiteral("_HANDLER"), m_spec.handler);
    env.insert(QStringLiteral("LAMBDA_TASK_ROOT"), m_spec.codeDir);
    env.insert(QStringLiteral("AWS_LAMBDA_FUNCTION_NAME"), m_spec.name);
    env.insert(QStringLiteral("AWS_LAMBDA_FUNCTION_VERSION"), QStringLiteral("$LATEST"));
    env.insert(QStringLiteral("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), QString::number(m_spec.memorySize));
    env.insert(QStringLiteral("AWS_LAMBDA_LOG_GROUP_NAME"), QStringLiteral("/aws/lambda/") + m_spec.name);
    env.insert(QStringLiteral("AWS_LAMBDA_LOG_STREAM_NAME"),
               QDateTime::fromMSecsSinceEpoch(m_clock->wallMs(), Qt::UTC).toString(QStringLiteral("yyyy/MM/dd")) +
                   QStringLiteral("/[$LATEST]%1").arg(quintptr(this), 0, 16));
    env.insert(QStringLiteral("AWS_REGION"), m_spec.region);
    env.insert(QStringLiteral("AWS_DEFAULT_REGION"), m_spec.region);
    env.insert(QStringLiteral("AWS_LAMBDA_INITIALIZATION_TYPE"), QStringLiteral("on-demand"));
    env.insert(QStringLiteral("TZ"), QStringLiteral(":UTC"));
    if (m_spec.runtime == QLatin1String("python3"))
        env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    // SDKs in the function reach the gateway's own https:// endpoints (@connections at
    // https://{domainName}/{stage}): they trust the local CA (with the system's issuers where a
    // variable replaces the trust store), and find credentials as Lambda provides them.
    if (const LocalCertificate &ca = localCertificate(); ca.ok()) {
        env.insert(QStringLiteral("NODE_EXTRA_CA_CERTS"), ca.caFile);
        // A bundle the user already names keeps its issuers and gains the CA (corporate
        // proxies' roots stay trusted, and so does the gateway).
        for (const char *name : {"AWS_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"})
            env.insert(QLatin1String(name), env.contains(QLatin1String(name)) ? bundleWithLocalCa(env.value(QLatin1String(name)))
                                                                              : ca.bundleFile);
    }
    if (!env.contains(QStringLiteral("AWS_ACCESS_KEY_ID"))) {
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("ASIAGATEWRIGHTLOCAL1"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("gatewright-local-secret-access-key"));
        env.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("gatewright-local-session-token"));
    }
    for (const auto &[key, value] : m_spec.environment)
        env.insert(key, value);
    m_process.setProcessEnvironment(env);
    m_process.setWorkingDirectory(m_spec.codeDir);
    m_phaseStartNs = m_clock->monotonicNs();
    // The sandbox is a process group: a custom runtime may start its real runtime from a
    // launcher script, and a kill (timeout, memory) must not leave that child behind. If the
    // gateway itself dies, the kernel kills the runtime (PR_SET_PDEATHSIG) instead of orphaning it.
    m_process.setChildProcessModifier([] {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
    m_process.start(m_spec.program, m_spec.arguments);
    if (!m_process.waitForStarted(5000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(m_spec.program, m_process.errorString());
        m_state = State::Dead;
        return false;
    }
    m_memory = std::make_unique<MemoryGauge>(m_process.processId());
    m_memoryCheck.start();
    qCDebug(lcRuntime) << "started" << m_spec.name << "pid" << m_process.processId() << "runtime api" << runtimeApi;
    return true;
}

void FunctionProcess::retire()
{
    m_retiring = true;
    if (m_state == State::Idle || m_state == State::Starting) {
        m_state = State::Dead;
        killSandbox();
    }
}

void FunctionProcess::onNext(const std::shared_ptr<HttpExchange> &exchange)
{
    if (m_parkedNext)
        m_parkedNext->respond(runtimeApiReply(400, R"({"errorMessage":"concurrent /next","errorType":"InvalidRequest"})"));
    m_parkedNext = exchange;
    if (m_state == State::Starting) {
        m_initMs = double(m_clock->monotonicNs() - m_phaseStartNs) / 1e6;
        checkMemory(); // so the first REPORT has a Max Memory Used, however short the invocation
        if (m_outOfMemory)
            return;
        m_state = State::Idle;
        emit becameIdle(this);
        return;
    }
    if (m_state == State::Idle) {
        // The answer to the last event came first; now the runtime is ready for the next one.
        if (m_retiring) {
            m_state = State::Dead;
            killSandbox();
            return;
        }
        emit becameIdle(this);
        return;
    }
    if (m_state == State::Busy && m_callback) {
        // The runtime asked for more work without answering: Lambda treats this as an error.
        InvocationResult result;
        result.status = InvocationResult::Status::RuntimeExited;
        result.errorType = "Runtime.InvalidResponse";
        result.errorMessage = QStringLiteral("runtime requested the next event without answering the current one");
        result.payload = errorDocument(result.errorMessage, result.errorType);
        finishInvocation(std::move(result));
    }
}

void FunctionProcess::invoke(InvocationRequest request, InvocationCallback callback)
{
    Q_ASSERT(canTakeWork());
    m_request = std::move(request);
    m_callback = std::move(callback);
    m_logs.clear();
    m_state = State::Busy;
    m_lastRequestId = m_request.requestId;
    const bool cold = !m_everInvoked;
    m_everInvoked = true;
    m_phaseStartNs = m_clock->monotonicNs();
    if (cold && !m_initLogs.isEmpty())
        m_logs = m_initLogs;
    // Built by appending, not QString::arg: three such lines go with every invocation.
    appendLog(QLatin1String("START RequestId: ") + QLatin1String(m_request.requestId) + QLatin1String(" Version: $LATEST"));
    // Lambda never stops a function before its timeout: the clock's timers are precise.
    if (!m_timeout)
        m_timeout = m_clock->createTimer(this, [this] { onTimeout(); });
    m_timeout->start(m_spec.timeoutMs);
    HttpResponse response;
    response.status = 200;
    response.setHeader("Content-Type", "application/json");
    response.setHeader("Lambda-Runtime-Aws-Request-Id", m_request.requestId);
    response.setHeader("Lambda-Runtime-Deadline-Ms",
                       QByteArray::number(m_clock->wallMs() + m_spec.timeoutMs));
    response.setHeader("Lambda-Runtime-Invoked-Function-Arn", m_spec.arn);
    response.setHeader("Lambda-Runtime-Trace-Id", m_request.traceId);
    response.body = m_request.payload;
    auto parked = std::move(m_parkedNext);
    m_parkedNext.reset();
    m_initLogs.clear();
    m_currentIsCold = cold;
    parked->respond(std::move(response));
}

bool FunctionProcess::refusedOutOfTurn(const QByteArray &requestId, const char *transition,
                                       const std::shared_ptr<HttpExchange> &exchange)
{
    // Lambda's Runtime API checks the runtime's state before the id: a second /response or an
    // /error after the invocation was answered is a refused state transition (403), and an
    // unknown id while an invocation runs is 400 (aws-lambda-runtime-interface-emulator, rapi).
    if (m_state != State::Busy) {
        const char *from = m_state == State::Starting ? "Started"
                           : m_parkedNext             ? "Ready"
                           : m_everInvoked            ? "RuntimeResponseSentState"
                                                      : "Started";
        exchange->respond(runtimeApiReply(
            403, QByteArrayLiteral("{\"errorMessage\":\"State transition from ") + from + " to " + transition +
                     " failed for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}"));
        return true;
    }
    if (requestId != m_request.requestId) {
        exchange->respond(runtimeApiReply(400, R"({"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"})"));
        return true;
    }
    return false;
}

void FunctionProcess::onResponse(const QByteArray &requestId, const QByteArray &body,
                                 const std::shared_ptr<HttpExchange> &exchange)
{
    if (refusedOutOfTurn(requestId, "InvocationResponse", exchange))
        return;
    const bool tooLarge = body.size() > kMaxResponseBytes;
    // Lambda's Runtime API refuses an oversize response with 413, so the runtime learns it too;
    // the invoker gets Function.ResponseSizeTooLarge (both recorded on the service).
    exchange->respond(tooLarge ? runtimeApiReply(413, QByteArrayLiteral("{\"errorMessage\":\"Exceeded maximum allowed payload size (") +
                                                          QByteArray::number(kMaxResponseBytes) +
                                                          " bytes).\",\"errorType\":\"RequestEntityTooLarge\"}")
                               : runtimeApiReply(202, R"({"status":"OK"})"));
    // One more sample before answering (a single pread): an invocation that ends above the
    // limit fails as on Lambda, even between two timer samples. onProcessFinished reports the kill.
    checkMemory();
    if (m_outOfMemory)
        return;
    InvocationResult result;
    if (tooLarge) {
        result.status = InvocationResult::Status::FunctionError;
        result.errorType = "Function.ResponseSizeTooLarge";
        result.errorMessage = QStringLiteral("Response payload size (%1 bytes) exceeded maximum allowed payload size (%2 bytes).")
                                  .arg(body.size())
                                  .arg(kMaxResponseBytes);
        result.payload = errorDocument(result.errorMessage, result.errorType);
    } else {
        result.payload = body;
    }
    finishInvocation(std::move(result));
}

void FunctionProcess::onError(const QByteArray &requestId, const QByteArray &body, const QByteArray &errorType,
                              const std::shared_ptr<HttpExchange> &exchange)
{
    if (refusedOutOfTurn(requestId, "InvocationErrorResponse", exchange))
        return;
    exchange->respond(runtimeApiReply(202, R"({"status":"OK"})"));
    finishInvocation(resultFromErrorDocument(InvocationResult::Status::FunctionError, body, errorType, "Unhandled"));
}

void FunctionProcess::onInitError(const QByteArray &body, const QByteArray &errorType,
                                  const std::shared_ptr<HttpExchange> &exchange)
{
    exchange->respond(runtimeApiReply(202, R"({"status":"OK"})"));
    m_initFailed = true;
    m_initFailure = resultFromErrorDocument(InvocationResult::Status::InitError, body, errorType, "Runtime.Unknown");
}

void FunctionProcess::onTimeout()
{
    if (m_state != State::Busy)
        return;
    InvocationResult result;
    result.status = InvocationResult::Status::Timeout;
    result.errorType = "Sandbox.Timedout";
    result.errorMessage = QStringLiteral("RequestId: %1 Error: Task timed out after %2 seconds")
                              .arg(QString::fromLatin1(m_request.requestId))
                              .arg(double(m_spec.timeoutMs) / 1000.0, 0, 'f', 2);
    result.payload = errorDocument(result.errorMessage, result.errorType);
    finishInvocation(std::move(result));
    // Dead before the kill: onProcessFinished then reports a plain death, not a crash mid-invocation.
    m_state = State::Dead;
    killSandbox();
}

void FunctionProcess::finishInvocation(InvocationResult result)
{
    if (m_timeout)
        m_timeout->stop();
    const double durationMs = double(m_clock->monotonicNs() - m_phaseStartNs) / 1e6;
    result.durationMs = durationMs;
    result.coldStart = m_currentIsCold;
    if (result.coldStart)
        result.initDurationMs = m_initMs;
    // What the function printed before it answered is in its pipes already, but this pass may have
    // taken the answer's socket first: read those lines now, so they come before END as in Lambda's log.
    // That poll may also see the runtime exit (after its answer): onProcessFinished then waits for this.
    if (m_process.state() == QProcess::Running) {
        m_readingLastOutput = true;
        while (m_process.waitForReadyRead(0)) {
        }
        m_readingLastOutput = false;
    }
    appendLog(QLatin1String("END RequestId: ") + QLatin1String(m_request.requestId));
    QString report;
    report.reserve(160);
    report += QLatin1String("REPORT RequestId: ") + QLatin1String(m_request.requestId) + QLatin1String("\tDuration: ") +
              QString::number(durationMs, 'f', 2) + QLatin1String(" ms\tBilled Duration: ") +
              QString::number(qint64(std::ceil(durationMs))) + QLatin1String(" ms\tMemory Size: ") +
              QString::number(m_spec.memorySize) + QLatin1String(" MB");
    // "Max Memory Used": the peak resident memory of the sandbox so far, in MB (rounded up).
    const qint64 peakMb = m_outOfMemory ? m_spec.memorySize : (m_peakResidentBytes + (1 << 20) - 1) >> 20;
    report += QLatin1String("\tMax Memory Used: ") + QString::number(peakMb) + QLatin1String(" MB");
    if (result.coldStart)
        report += QStringLiteral("\tInit Duration: %1 ms").arg(m_initMs, 0, 'f', 2);
    if (result.status == InvocationResult::Status::Timeout)
        report += QStringLiteral("\tStatus: timeout");
    appendLog(report);
    result.logs = std::move(m_logs);
    m_logs.clear();
    auto callback = std::move(m_callback);
    m_callback = nullptr;
    if (m_state == State::Busy)
        m_state = State::Idle; // until the runtime parks its next /next, dispatch waits for it
    if (callback)
        callback(std::move(result));
    if (m_state == State::Idle) {
        if (m_retiring) {
            m_state = State::Dead;
            killSandbox();
        } else if (m_parkedNext) {
            emit becameIdle(this);
        }
    }
}

void FunctionProcess::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_readingLastOutput) {
        QMetaObject::invokeMethod(this, [this, exitCode, status] { onProcessFinished(exitCode, status); }, Qt::QueuedConnection);
        return;
    }
    const QString reason = status == QProcess::CrashExit ? QStringLiteral("signal: killed")
                                                         : QStringLiteral("exit status %1").arg(exitCode);
    const State previous = m_state;
    m_state = State::Dead;
    m_parkedNext.reset();
    m_memoryCheck.stop();
    if (previous == State::Busy && m_callback) {
        InvocationResult result;
        result.status = InvocationResult::Status::RuntimeExited;
        // A sandbox killed for its memory reports Runtime.OutOfMemory; the message is the same.
        result.errorType = m_outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError";
        result.errorMessage = QStringLiteral("RequestId: %1 Error: Runtime exited with error: %2")
                                  .arg(QString::fromLatin1(m_request.requestId), reason);
        result.payload = errorDocument(result.errorMessage, result.errorType);
        m_state = State::Busy; // finishInvocation reads it
        finishInvocation(std::move(result));
        m_state = State::Dead;
        emit died(this, InvocationResult{}, false);
        return;
    }
    const bool duringInit = previous == State::Starting;
    InvocationResult failure = m_initFailure;
    if (duringInit && !m_initFailed) {
        failure.status = InvocationResult::Status::InitError;
        failure.errorType = m_outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError";
        failure.errorMessage = QStringLiteral("Runtime exited with error: %1").arg(reason);
        failure.payload = errorDocument(failure.errorMessage, failure.errorType);
    }
    failure.logs = m_initLogs;
    emit died(this, failure, duringInit);
}

void FunctionProcess::killSandbox()
{
    const qint64 pid = m_process.processId();
    if (pid > 0)
        ::kill(-pid_t(pid), SIGKILL); // the whole group: the runtime and whatever it started
    m_process.kill();
}

void FunctionProcess::checkMemory()
{
    if (!m_memory || m_outOfMemory || m_state == State::Dead)
        return;
    const qint64 resident = m_memory->residentBytes();
    if (resident < 0)
        return;
    m_peakResidentBytes = std::max(m_peakResidentBytes, resident);
    if (resident > qint64(m_spec.memorySize) << 20) {
        // Lambda stops a sandbox at its memory size: the runtime is killed, not warned.
        m_outOfMemory = true;
        if (m_state == State::Idle)
            m_state = State::Dead; // nothing may be handed to it before the exit is seen
        qCDebug(lcRuntime) << m_spec.name << "killed: resident" << resident << "bytes over" << m_spec.memorySize << "MB";
        killSandbox();
    }
}

void FunctionProcess::readOutput(QProcess::ProcessChannel channel)
{
    m_process.setReadChannel(channel);
    QByteArray &tail = channel == QProcess::StandardOutput ? m_stdoutTail : m_stderrTail;
    tail += m_process.readAll();
    qsizetype newline;
    while ((newline = tail.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(tail.constData(), newline);
        tail.remove(0, newline + 1);
        appendLog(line);
    }
    if (tail.size() > 64 * 1024) { // a line without end: flush what we have
        appendLog(QString::fromUtf8(tail));
        tail.clear();
    }
}

void FunctionProcess::appendLog(const QString &line)
{
    QString &target = m_state == State::Starting ? m_initLogs : m_logs;
    if (target.size() < 256 * 1024) {
        target += line;
        target += QLatin1Char('\n');
    }
    emit output(m_spec.name, m_state == State::Starting ? QByteArray() : m_lastRequestId, line);
}

} // namespace gw
