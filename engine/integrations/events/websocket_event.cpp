#include "websocket_event.h"

#include "../../common/http_dates.h"
#include "../../common/json_writer.h"
#include "payload_v1_fields.h"

namespace gw {

namespace {

void writeRequestContext(JsonWriter &w, const WebSocketEventInput &in)
{
    const ContextVariables &c = in.context;
    w.key("requestContext").beginObject();
    w.field("routeKey", in.routeKey);
    // On every event of a connection whose $connect an authorizer allowed.
    if (c.authorizer)
        w.key("authorizer").raw(c.authorizer->toJson());
    if (c.eventType == "MESSAGE")
        w.field("messageId", c.messageId);
    if (c.eventType == "DISCONNECT") {
        w.key("disconnectStatusCode").number(in.disconnectStatusCode);
    }
    w.field("eventType", c.eventType);
    w.field("extendedRequestId", c.extendedRequestId.isEmpty() ? c.requestId : c.extendedRequestId);
    w.field("requestTime", clfTime(c.requestTimeEpochMs));
    w.field("messageDirection", "IN");
    if (c.eventType == "DISCONNECT")
        w.field("disconnectReason", std::string_view(in.disconnectReason.data(), size_t(in.disconnectReason.size())));
    w.field("stage", c.stage);
    w.key("connectedAt").number(c.connectedAtMs);
    w.key("requestTimeEpoch").number(c.requestTimeEpochMs);
    w.key("identity").beginObject();
    if (!c.userAgent.isEmpty())
        w.field("userAgent", c.userAgent);
    w.field("sourceIp", c.sourceIp);
    w.endObject();
    w.field("requestId", c.requestId);
    w.field("domainName", c.domainName);
    w.field("connectionId", c.connectionId);
    w.field("apiId", c.apiId);
    w.endObject();
}

} // namespace

QByteArray webSocketEvent(const WebSocketEventInput &in)
{
    QByteArray out;
    out.reserve(1024 + in.body.size());
    JsonWriter w(out);
    w.beginObject();
    const QByteArray &eventType = in.context.eventType;
    if (eventType == "CONNECT" && in.headers) {
        writeV1Headers(w, groupHeaders(*in.headers, [](const QByteArray &name) { return name; }, true));
        if (!in.rawQuery.isEmpty())
            writeV1Query(w, in.rawQuery.toByteArray());
    } else if (eventType == "DISCONNECT") {
        // The service's DISCONNECT events carry these headers, empty but for Host (captured:
        // apigw-websocket-request-disconnect.json).
        std::vector<HttpHeader> headers{{"Host", in.context.domainName}, {"x-api-key", ""}, {"X-Forwarded-For", ""},
                                        {"x-restapi", ""}};
        writeV1Headers(w, groupHeaders(headers, [](const QByteArray &name) { return name; }, true));
    }
    writeRequestContext(w, in);
    if (eventType == "MESSAGE")
        w.field("body", std::string_view(in.body.data(), size_t(in.body.size())));
    w.key("isBase64Encoded").boolean(false);
    w.endObject();
    return out;
}

} // namespace gw
