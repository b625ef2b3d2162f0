#include "lambda_proxy_response_stage.h"

#include "../../integrations/lambda_response_mapper.h"
#include "../content_handling.h"
#include "../request_context.h"

namespace gw {

namespace {
Outcome outcomeOf(IntegrationResult::LambdaStatus status)
{
    switch (status) {
    case IntegrationResult::LambdaStatus::Success: return Outcome::Ok;
    case IntegrationResult::LambdaStatus::FunctionError: return Outcome::FunctionError;
    case IntegrationResult::LambdaStatus::Timeout: return Outcome::FunctionTimeout;
    case IntegrationResult::LambdaStatus::Crashed: return Outcome::FunctionCrashed;
    case IntegrationResult::LambdaStatus::InitError: return Outcome::FunctionInitError;
    case IntegrationResult::LambdaStatus::ServiceError: return Outcome::LambdaServiceError;
    }
    return Outcome::FunctionError;
}
} // namespace

namespace {
bool restBinaryAccepted(const RequestContext &ctx)
{
    const CompiledDeployment *deployment = ctx.stage ? ctx.stage->deployment : nullptr;
    return deployment && deployment->spec && !deployment->spec->binaryMediaTypes.empty() &&
           acceptsBinary(ctx.request.header("accept"), deployment->spec->binaryMediaTypes);
}
} // namespace

StageStatus LambdaProxyResponseStage::onRequest(RequestContext &ctx) const
{
    IntegrationResult &result = *ctx.integrationResult;
    ctx.log.integrationRequestId = result.invocationId;
    ctx.log.executionLog = std::move(result.logs);
    if (result.lambdaStatus == IntegrationResult::LambdaStatus::ServiceError &&
        result.errorType == "RequestEntityTooLargeException") {
        // An event over Invoke's 6 MB: HTTP APIs answer 413, as for a body over their own quota
        // (AWS's Lambda test tool, HTTP API request-too-large responses).
        ctx.log.integrationStatus = 413;
        ctx.sendLocalReply(GatewayResponseType::RequestTooLarge, Outcome::PayloadTooLarge, result.errorMessage);
        return StageStatus::StopAndReply;
    }
    if (result.lambdaStatus == IntegrationResult::LambdaStatus::ServiceError) {
        // Lambda's own refusal: its invoke status (404 not found, 429 throttled).
        ctx.log.integrationStatus = result.errorType == "ResourceNotFoundException" ? 404 : 429;
        ctx.sendLocalReply(GatewayResponseType::BadGateway, Outcome::LambdaServiceError, result.errorMessage);
        return StageStatus::StopAndReply;
    }
    ctx.log.integrationStatus = 200; // Lambda's invoke status, also for function errors
    if (result.lambdaStatus != IntegrationResult::LambdaStatus::Success) {
        // The message the service logs in $context.integrationErrorMessage for function errors.
        const QString message = result.errorMessage.isEmpty() ? QString::fromLatin1(result.errorType) : result.errorMessage;
        ctx.sendLocalReply(GatewayResponseType::BadGateway, outcomeOf(result.lambdaStatus),
                           QStringLiteral("The Lambda function returned the following error: %1. Check your Lambda "
                                          "function code and try again.")
                               .arg(message));
        return StageStatus::StopAndReply;
    }
    const bool restLog = m_format == PayloadFormat::Rest && ctx.tracing();
    if (restLog)
        ctx.noteBody("Endpoint response body before transformations", result.payload);
    MappedLambdaResponse mapped = m_format == PayloadFormat::V1          ? mapHttpApiLambdaResponseV1(result.payload)
                                  : m_format == PayloadFormat::Rest      ? mapRestLambdaResponse(result.payload, restBinaryAccepted(ctx))
                                  : m_format == PayloadFormat::WebSocket ? mapWebSocketLambdaResponse(result.payload)
                                                                         : mapHttpApiLambdaResponseV2(result.payload);
    if (!mapped.response) {
        if (restLog)
            ctx.note(QStringLiteral("Execution failed due to configuration error: Malformed Lambda proxy response"));
        ctx.sendLocalReply(GatewayResponseType::BadGateway, Outcome::MalformedIntegrationResponse, mapped.error);
        return StageStatus::StopAndReply;
    }
    ctx.log.integrationResponseStatus = mapped.functionStatus;
    ctx.reply(std::move(*mapped.response), Outcome::Ok);
    return StageStatus::StopAndReply;
}

} // namespace gw
