#pragma once
// What a WebSocket request sends back, decided when its answer is known (the first stage of the
// prelude, so its response phase runs last): a $connect's status decides the handshake; a
// message's answer goes back as a frame only on a two-way route (one with a
// routeResponseSelectionExpression: websocket-api-route-response.html), and a gateway error as
// the service's error frame {"message": ..., "connectionId": ..., "requestId": ...}; a
// $disconnect sends nothing.
#include "../../api/pipeline_stage.h"

namespace gw {

class WebSocketReplyStage : public PipelineStage {
public:
    const char *name() const override { return "route_response"; }
    StageStatus onRequest(RequestContext &) const override { return StageStatus::Continue; }
    void onResponse(RequestContext &ctx) const override;
};

} // namespace gw
