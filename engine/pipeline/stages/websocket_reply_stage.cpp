#include "websocket_reply_stage.h"

#include "../../common/json_writer.h"
#include "../request_context.h"

namespace gw {

void WebSocketReplyStage::onResponse(RequestContext &ctx) const
{
    const QByteArray &event = ctx.log.eventType;
    if (event == "CONNECT")
        return;
    if (event == "DISCONNECT") {
        ctx.response.body.clear();
        return;
    }
    if (!ctx.log.errorResponseType.isEmpty()) {
        // The service's bytes: a space after "message": only (captured frames, e.g.
        // aws-samples/simple-websockets-chat-app issue 24). The connection stays open.
        QByteArray frame = "{\"message\": \"";
        appendJsonStringContent(frame, ctx.log.errorMessage.toStdString());
        frame += "\", \"connectionId\":\"";
        appendJsonStringContent(frame, std::string_view(ctx.log.connectionId.constData(), size_t(ctx.log.connectionId.size())));
        frame += "\", \"requestId\":\"";
        appendJsonStringContent(frame, std::string_view(ctx.log.requestId.constData(), size_t(ctx.log.requestId.size())));
        frame += "\"}";
        ctx.response.body = std::move(frame);
        return;
    }
    const bool twoWay = ctx.route && ctx.route->model && ctx.route->model->routeResponseSelectionExpression &&
                        !ctx.route->model->routeResponseSelectionExpression->empty();
    if (!twoWay)
        ctx.response.body.clear();
}

} // namespace gw
