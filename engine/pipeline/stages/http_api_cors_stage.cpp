#include "http_api_cors_stage.h"

#include "../request_context.h"

namespace gw {

void HttpApiCorsStage::onResponse(RequestContext &ctx) const
{
    m_policy->apply(ctx.request, ctx.response);
}

StageStatus HttpApiCorsPreflightStage::onRequest(RequestContext &ctx) const
{
    HttpResponse response;
    response.status = 204;
    ctx.reply(std::move(response));
    return StageStatus::StopAndReply;
}

} // namespace gw
