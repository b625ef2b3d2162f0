#include "response_parameters_stage.h"

#include "../request_context.h"

namespace gw {

void ResponseParametersStage::onResponse(RequestContext &ctx) const
{
    // Only an integration's own answer is mapped; the gateway's 5xx for a failed call is not.
    if (ctx.log.integrationResponseStatus == 0 || ctx.log.errorResponseType.size() > 0)
        return;
    m_mapping->apply(ctx, ctx.response);
}

} // namespace gw
