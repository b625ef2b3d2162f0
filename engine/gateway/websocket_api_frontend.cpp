#include "websocket_api_frontend.h"

#include "../common/http_dates.h"
#include "../common/json_writer.h"
#include "../common/percent_encoding.h"
#include "../common/request_ids.h"
#include "../config/config_slots.h"
#include "../net/http_exchange.h"
#include "../pipeline/pipeline.h"

#include "../websocket/websocket_frames.h"

#include <QDateTime>
#include <QPointer>
#include <QTcpSocket>

#include <unistd.h>

namespace gw {

namespace {

// PostToConnection's Data: "Length Constraints: Maximum length of 131072" (apigatewaymanagementapi model).
constexpr qsizetype kMaxPostBytes = 131072;

HttpResponse jsonResponse(int status, QByteArray body)
{
    HttpResponse response;
    response.status = status;
    response.setHeader("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
}

HttpResponse forbidden()
{
    return jsonResponse(403, R"({"message":"Forbidden"})");
}

// The stage a request names: its first path segment.
QByteArray stageOf(const QByteArray &path)
{
    const qsizetype start = path.startsWith('/') ? 1 : 0;
    const qsizetype end = path.indexOf('/', start);
    return path.mid(start, end < 0 ? -1 : end - start);
}

QByteArray isoTime(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
}

// The $context values every event of a connection has.
void setConnectionContext(ContextVariables &log, const CompiledApi &api, const ConnectionState &state, const char *eventType,
                          qint64 nowMs)
{
    log.apiId = api.apiId;
    log.accountId = api.accountId;
    log.stage = state.stage;
    log.sourceIp = state.sourceIp;
    log.userAgent = state.userAgent;
    log.domainName = state.domainName;
    log.domainPrefix = domainPrefixOf(state.domainName, api.apiId);
    log.connectionId = state.connectionId;
    log.connectedAtMs = state.connectedAtMs;
    log.authorizer = state.authorizer;
    log.eventType = eventType;
    log.requestId = newHttpApiRequestId();
    log.extendedRequestId = log.requestId;
    log.requestTimeEpochMs = nowMs;
}

// The request a message or a $disconnect runs as: the frame (if any) as its body, now as its time.
HttpRequest eventRequest(const ConnectionState &state, const Clock &clock, QByteArray body = {})
{
    HttpRequest request;
    request.method = "POST";
    request.target = '/' + state.stage;
    request.body = std::move(body);
    request.peerIp = state.sourceIp;
    request.receivedAtMs = clock.wallMs();
    request.receivedAtNs = clock.monotonicNs();
    return request;
}

// A CONNECT, MESSAGE or DISCONNECT request of the connection, ready for the pipeline.
RequestContextPtr eventContext(const CompiledProjectPtr &config, const CompiledApi &api, const CompiledStage &stage,
                               const ConnectionState &state, HttpRequest request, std::shared_ptr<Downstream> downstream,
                               const char *eventType)
{
    const qint64 nowMs = request.receivedAtMs;
    auto ctx = std::make_shared<RequestContext>(config, &api, std::move(request), std::move(downstream));
    ctx->stage = &stage;
    ctx->traceId = newTraceId(nowMs);
    setConnectionContext(ctx->log, api, state, eventType, nowMs);
    ctx->log.path = ctx->request.target; // the stage's path, where the connection was opened
    return ctx;
}

const CompiledRoute *findRoute(const CompiledApi &api, QByteArrayView routeKey)
{
    const auto found = std::find_if(api.routes.begin(), api.routes.end(), [&](const CompiledRoute &r) { return r.routeKey == routeKey; });
    return found == api.routes.end() ? nullptr : &*found;
}

bool hasRoute(const CompiledApi &api, QByteArrayView routeKey)
{
    return findRoute(api, routeKey) != nullptr;
}

const CompiledStage *stageNamed(const CompiledApi *api, const QByteArray &name)
{
    return api ? api->findStage(std::string_view(name.constData(), size_t(name.size()))) : nullptr;
}

// Where a message's or a $disconnect's answer goes: the connection (when the route sends one back).
class FrameDownstream : public Downstream {
public:
    FrameDownstream(WebSocketConnection *connection, QObject *home) : m_connection(connection), m_home(home) {}
    void send(HttpResponse response) override
    {
        if (m_connection && m_connection->isOpen() && !response.body.isEmpty())
            m_connection->send(response.body);
    }
    bool isGone() const override { return !m_connection || !m_connection->isOpen(); }
    QObject *threadHome() const override { return m_home; }
    void setGoneHandler(std::function<void()>) override {}

private:
    QPointer<WebSocketConnection> m_connection;
    QObject *m_home;
};

} // namespace

// The $connect route's answer decides the handshake: 2xx accepts, anything else is the status
// the client's handshake gets (if1live/aws-lambda-nodejs-event documents/websocket.md: 401 gives
// "Unexpected server response: 401"; a function that throws gives 502).
struct WebSocketApiFrontend::Connecting : Downstream {
    Connecting(std::shared_ptr<WebSocketApiFrontend> frontend, PendingUpgradePtr upgrade, ConnectionStatePtr state)
        : frontend(std::move(frontend)), upgrade(std::move(upgrade)), state(std::move(state))
    {
    }
    void send(HttpResponse response) override
    {
        if (response.status >= 200 && response.status < 300)
            frontend->accept(upgrade, state, response.header("sec-websocket-protocol"));
        else
            upgrade->reject(std::move(response));
    }
    bool isGone() const override { return upgrade->isGone(); }
    QObject *threadHome() const override { return upgrade->threadHome(); }
    void setGoneHandler(std::function<void()>) override {}

    std::shared_ptr<WebSocketApiFrontend> frontend;
    PendingUpgradePtr upgrade;
    ConnectionStatePtr state;
};

WebSocketApiFrontend::WebSocketApiFrontend(quint32 listenerId, QString apiKey, std::shared_ptr<WebSocketSessionFeed> sessions,
                                           WebSocketLimits limits, ConnectAuthorizerPtr authorizer)
    : m_listenerId(listenerId), m_apiKey(std::move(apiKey)), m_sessions(std::move(sessions)), m_limits(limits),
      m_authorizer(std::move(authorizer))
{
}

WebSocketSessionEvent WebSocketApiFrontend::sessionEvent(WebSocketSessionEvent::Kind kind, const ConnectionState &state,
                                                         qint64 timeMs) const
{
    WebSocketSessionEvent event;
    event.kind = kind;
    event.apiKey = m_apiKey;
    event.connectionId = state.connectionId;
    event.stage = state.stage;
    event.timeMs = timeMs;
    return event;
}

void WebSocketApiFrontend::upgrade(const PendingUpgradePtr &upgrade)
{
    const CompiledProjectPtr &config = config_slots::current();
    const CompiledApi *api = config ? config->apiForListener(m_listenerId) : nullptr;
    const HttpRequest &request = upgrade->request();
    const CompiledStage *stage = stageNamed(api, stageOf(request.path()));
    if (!stage) {
        upgrade->reject(forbidden());
        return;
    }
    // RFC 6455 §4.2.1: version 13 and a 16-byte key, else the handshake is refused (§4.4: 426
    // with the versions the server speaks).
    if (request.header("sec-websocket-version").trimmed() != "13") {
        HttpResponse refused = jsonResponse(426, R"({"message":"Upgrade Required"})");
        refused.setHeader("Sec-WebSocket-Version", "13");
        upgrade->reject(std::move(refused));
        return;
    }
    if (QByteArray::fromBase64(request.header("sec-websocket-key").trimmed()).size() != 16) {
        upgrade->reject(jsonResponse(400, R"({"message":"Bad Request"})"));
        return;
    }
    auto state = std::make_shared<ConnectionState>();
    state->connectionId = newHttpApiRequestId();
    state->stage = stage->name;
    state->sourceIp = request.peerIp.isEmpty() ? sourceIpText(request.peerAddress) : request.peerIp;
    state->userAgent = request.header("user-agent");
    state->domainName = request.header("host");
    if (state->domainName.isEmpty())
        state->domainName = api->apiId + ".execute-api." + api->region + ".amazonaws.com";
    state->connectedAtMs = request.receivedAtMs;

    const CompiledRoute *connect = findRoute(*api, "$connect");
    if (m_authorizer && connect && connect->model && api->model && connect->model->authorizationType != "NONE") {
        std::weak_ptr<WebSocketApiFrontend> weak = weak_from_this();
        m_authorizer->authorize({request, *state, *api->model, *connect->model}, [weak, upgrade, state](ConnectDecision decision) {
            QMetaObject::invokeMethod(upgrade->threadHome(), [weak, upgrade, state, decision = std::move(decision)]() mutable {
                auto self = weak.lock();
                if (!self || upgrade->isGone())
                    return;
                if (decision.refusal) {
                    upgrade->reject(std::move(*decision.refusal));
                    return;
                }
                state->authorizer = std::move(decision.context);
                self->runConnect(upgrade, state);
            });
        });
        return;
    }
    runConnect(upgrade, state);
}

void WebSocketApiFrontend::runConnect(const PendingUpgradePtr &upgrade, const ConnectionStatePtr &state)
{
    const CompiledProjectPtr &config = config_slots::current();
    const CompiledApi *api = config ? config->apiForListener(m_listenerId) : nullptr;
    const CompiledStage *stage = stageNamed(api, state->stage);
    const HttpRequest &request = upgrade->request();
    if (!stage) {
        upgrade->reject(forbidden()); // the API or its stage went away while the authorizer decided
        return;
    }
    if (!hasRoute(*api, "$connect")) {
        accept(upgrade, state, {});
        return;
    }
    auto ctx = eventContext(config, *api, *stage, *state, request, std::make_shared<Connecting>(shared_from_this(), upgrade, state),
                            "CONNECT");
    ctx->log.httpMethod = request.method;
    ctx->log.path = request.path();
    ctx->log.protocol = request.protocol();
    Pipeline::start(ctx);
}

void WebSocketApiFrontend::accept(const PendingUpgradePtr &upgrade, const ConnectionStatePtr &state, const QByteArray &subprotocol)
{
    const QByteArray key = upgrade->request().header("sec-websocket-key");
    TakenSocket taken = upgrade->take();
    const CompiledProjectPtr &config = config_slots::current();
    if (!taken.taken() || !config) {
        if (taken.descriptor >= 0)
            ::close(taken.descriptor);
        delete taken.socket;
        return; // the client left while $connect ran
    }
    // The 101, with the subprotocol the $connect integration chose (websocket-connect-route-subprotocol.html).
    QByteArray response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
                          ws::acceptKey(key) + "\r\n";
    if (!subprotocol.isEmpty())
        response += "Sec-WebSocket-Protocol: " + subprotocol + "\r\n";
    response += "\r\n";
    QObject *home = upgrade->threadHome();
    auto *connection = new WebSocketConnection(std::move(taken), response, state, m_registry, config->clock, m_limits, home);
    std::weak_ptr<WebSocketApiFrontend> weak = weak_from_this();
    connection->onMessage = [weak, connection, home](const QByteArray &text) {
        if (auto self = weak.lock())
            self->message(connection, home, text);
    };
    connection->onClosed = [weak, state, home](int code, const QByteArray &reason) {
        if (auto self = weak.lock())
            self->disconnected(state, home, code, reason);
    };
    if (m_sessions) {
        WebSocketSessionEvent opened = sessionEvent(WebSocketSessionEvent::Kind::Opened, *state, state->connectedAtMs);
        opened.sourceIp = state->sourceIp;
        opened.userAgent = state->userAgent;
        if (state->authorizer)
            opened.authorizer = state->authorizer->toJson();
        m_sessions->push(std::move(opened));
        connection->onSent = [weak, state, clock = config->clock](const QByteArray &text) {
            if (auto self = weak.lock()) {
                WebSocketSessionEvent sent = self->sessionEvent(WebSocketSessionEvent::Kind::Sent, *state, clock->wallMs());
                sent.text = text;
                self->m_sessions->push(std::move(sent));
            }
        };
    }
}

void WebSocketApiFrontend::message(WebSocketConnection *connection, QObject *home, const QByteArray &text)
{
    const CompiledProjectPtr &config = config_slots::current();
    const CompiledApi *api = config ? config->apiForListener(m_listenerId) : nullptr;
    const ConnectionState &state = *connection->state();
    const CompiledStage *stage = stageNamed(api, state.stage);
    if (!stage) {
        // The API or its stage went away while the client stayed connected.
        connection->close(1001, QStringLiteral("Going away"));
        return;
    }
    auto ctx = eventContext(config, *api, *stage, state, eventRequest(state, *config->clock, text),
                            std::make_shared<FrameDownstream>(connection, home), "MESSAGE");
    ctx->log.messageId = newHttpApiRequestId();
    ctx->log.dataProcessed = text.size();
    if (m_sessions) {
        WebSocketSessionEvent received = sessionEvent(WebSocketSessionEvent::Kind::Received, state, ctx->request.receivedAtMs);
        received.text = text;
        received.messageId = ctx->log.messageId;
        m_sessions->push(std::move(received));
    }
    Pipeline::start(ctx);
}

void WebSocketApiFrontend::disconnected(const ConnectionStatePtr &state, QObject *home, int code, const QByteArray &reason)
{
    const CompiledProjectPtr &config = config_slots::current();
    const CompiledApi *api = config ? config->apiForListener(m_listenerId) : nullptr;
    if (m_sessions) {
        WebSocketSessionEvent closed =
            sessionEvent(WebSocketSessionEvent::Kind::Closed, *state, config ? config->clock->wallMs() : QDateTime::currentMSecsSinceEpoch());
        closed.closeCode = code;
        closed.closeReason = reason;
        m_sessions->push(std::move(closed));
    }
    const CompiledStage *stage = stageNamed(api, state->stage);
    if (!stage || !hasRoute(*api, "$disconnect"))
        return;
    auto ctx = eventContext(config, *api, *stage, *state, eventRequest(*state, *config->clock),
                            std::make_shared<FrameDownstream>(nullptr, home), "DISCONNECT");
    ctx->log.disconnectStatusCode = code;
    ctx->log.disconnectReason = reason;
    Pipeline::start(ctx);
}

void WebSocketApiFrontend::handle(const HttpExchangePtr &exchange)
{
    const HttpRequest &request = exchange->request();
    const QByteArray path = request.path();
    const QByteArray stage = stageOf(path);
    const QByteArray prefix = '/' + stage + "/@connections/";
    const CompiledProjectPtr &config = config_slots::current();
    const CompiledApi *api = config ? config->apiForListener(m_listenerId) : nullptr;
    if (stageNamed(api, stage) && path.startsWith(prefix) && path.size() > prefix.size() &&
        path.indexOf('/', prefix.size()) < 0) {
        manage(exchange, QByteArray::fromStdString(percentDecode(path.mid(prefix.size()))));
        return;
    }
    // Not a handshake and not @connections: a WebSocket endpoint answers only upgrades (RFC 9110
    // §15.5.22, 426 Upgrade Required; the service's own answer was not found recorded).
    HttpResponse response = jsonResponse(426, R"({"message":"Upgrade Required"})");
    response.setHeader("Upgrade", "websocket");
    response.setHeader("Connection", "Upgrade");
    exchange->respond(std::move(response));
}

void WebSocketApiFrontend::manage(const HttpExchangePtr &exchange, const QByteArray &connectionId)
{
    const HttpRequest &request = exchange->request();
    HttpResponse response;
    // Errors as the restJson protocol names them for SDKs: x-amzn-ErrorType, and an empty body for
    // GoneException (aws-sdk-js issue 3773: the SDK reports the header's code and "410").
    const auto error = [&](int status, const char *type, QByteArray body) {
        response = body.isEmpty() ? HttpResponse{} : jsonResponse(status, std::move(body));
        response.status = status;
        response.setHeader("x-amzn-ErrorType", type);
    };
    if (request.method == "POST") {
        if (request.body.size() > kMaxPostBytes)
            error(413, "PayloadTooLargeException", R"({"message":"Payload too large"})");
        else if (m_registry->post(connectionId, request.body))
            response.status = 200;
        else
            error(410, "GoneException", {});
    } else if (request.method == "GET") {
        if (ConnectionStatePtr state = m_registry->find(connectionId)) {
            // GetConnection's members on the wire (apigatewaymanagementapi model: connectedAt,
            // identity{sourceIp, userAgent}, lastActiveAt; ISO 8601 timestamps).
            QByteArray body;
            JsonWriter w(body);
            w.beginObject();
            w.field("connectedAt", isoTime(state->connectedAtMs));
            w.key("identity").beginObject();
            w.field("sourceIp", state->sourceIp);
            if (state->userAgent.isNull())
                w.key("userAgent").null();
            else
                w.field("userAgent", state->userAgent);
            w.endObject();
            w.field("lastActiveAt", isoTime(state->lastActiveAtMs.load(std::memory_order_relaxed)));
            w.endObject();
            response = jsonResponse(200, std::move(body));
        } else {
            error(410, "GoneException", {});
        }
    } else if (request.method == "DELETE") {
        // The $disconnect that follows says 1000 "Connection Closed Normally" (boto3 issue 3789).
        if (m_registry->close(connectionId, 1000, QStringLiteral("Connection Closed Normally")))
            response.status = 204;
        else
            error(410, "GoneException", {});
    } else {
        response = forbidden();
    }
    response.setHeader("x-amzn-RequestId", newUuidV4());
    exchange->respond(std::move(response));
}

} // namespace gw
