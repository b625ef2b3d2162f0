#include "http_proxy_response_stage.h"

#include "../../integrations/http_proxy_headers.h"
#include "../request_context.h"
#include "integration_stage.h"
#include "lambda_proxy_response_stage.h"

namespace gw {

StageStatus HttpProxyResponseStage::onRequest(RequestContext &ctx) const
{
    IntegrationResult &result = *ctx.integrationResult;
    if (result.kind == IntegrationResult::Kind::Http) {
        HttpResponse response = std::move(result.response);
        if (m_flavour == Flavour::RestApi) {
            remapRestProxyResponseHeaders(response);
            ctx.noteBody("Endpoint response body before transformations", response.body);
        } else
            removeHopByHopHeaders(response);
        ctx.log.integrationStatus = response.status;
        ctx.log.integrationResponseStatus = response.status;
        ctx.reply(std::move(response), Outcome::Ok);
    } else if (result.failure == IntegrationResult::Failure::TimedOut) {
        ctx.log.integrationLatencyMs = -1; // the service logs no integration latency for a timeout
        ctx.sendLocalReply(GatewayResponseType::IntegrationTimeout, Outcome::IntegrationTimeout,
                           integrationTimeoutMessage(m_timeoutMs));
    } else if (m_flavour == Flavour::RestApi) {
        ctx.note(QStringLiteral("Execution failed due to configuration error: %1").arg(result.failureMessage));
        ctx.sendLocalReply(GatewayResponseType::ApiConfigurationError, Outcome::IntegrationUnreachable, result.failureMessage);
    } else {
        ctx.sendLocalReply(GatewayResponseType::IntegrationFailure, Outcome::IntegrationUnreachable, result.failureMessage);
    }
    return StageStatus::StopAndReply;
}

} // namespace gw
