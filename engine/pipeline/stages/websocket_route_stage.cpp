#include "websocket_route_stage.h"

#include "../../model/route_selection_expression.h"
#include "../request_context.h"

namespace gw {

WebSocketRouteStage::WebSocketRouteStage(std::shared_ptr<const RouteSelectionExpression> expression,
                                         QHash<QByteArray, int> routeIndexes)
    : m_expression(std::move(expression)), m_routeIndexes(std::move(routeIndexes))
{
}

StageStatus WebSocketRouteStage::onRequest(RequestContext &ctx) const
{
    const QByteArray &event = ctx.log.eventType;
    int index = -1;
    if (event == "CONNECT") {
        index = m_routeIndexes.value(QByteArrayLiteral("$connect"), -1);
    } else if (event == "DISCONNECT") {
        index = m_routeIndexes.value(QByteArrayLiteral("$disconnect"), -1);
    } else {
        if (m_expression) {
            if (std::optional<std::string> key = m_expression->evaluate(ctx.request.body)) {
                index = m_routeIndexes.value(QByteArray::fromStdString(*key), -1);
                if (ctx.tracing())
                    ctx.note("Route selection expression evaluated to: " + QByteArray::fromStdString(*key));
            }
        }
        if (index < 0)
            index = m_routeIndexes.value(QByteArrayLiteral("$default"), -1);
    }
    if (index < 0) {
        ctx.log.routeKey.clear();
        ctx.sendLocalReply(GatewayResponseType::MissingAuthenticationToken, Outcome::NotFound);
        return StageStatus::StopAndReply;
    }
    ctx.route = &ctx.api->routes[size_t(index)];
    ctx.log.routeKey = ctx.route->routeKey;
    return StageStatus::Continue;
}

} // namespace gw
