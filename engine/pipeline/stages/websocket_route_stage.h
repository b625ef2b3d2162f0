#pragma once
// WebSocket API routing: $connect and $disconnect by their events, every message by the API's
// route selection expression (an exact route key), else $default, else the "Forbidden" error
// frame (websocket-api-develop-routes.html: "If there is no matching route and no $default
// route, API Gateway returns an error").
#include "../../api/pipeline_stage.h"

#include <QByteArray>
#include <QHash>
#include <memory>

namespace gw {

class RouteSelectionExpression;

class WebSocketRouteStage : public PipelineStage {
public:
    // routeIndexes: route key -> index into the API's compiled routes.
    WebSocketRouteStage(std::shared_ptr<const RouteSelectionExpression> expression, QHash<QByteArray, int> routeIndexes);
    const char *name() const override { return "route"; }
    StageStatus onRequest(RequestContext &ctx) const override;

private:
    std::shared_ptr<const RouteSelectionExpression> m_expression;
    QHash<QByteArray, int> m_routeIndexes;
};

} // namespace gw
