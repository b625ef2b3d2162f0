#include "lambda_proxy_integration.h"

#include "../gateway/request_ids.h"
#include "../observability/monotonic_clock.h"
#include "../runtime/function_runtime.h"
#include "integration_deadline.h"
#include "lambda_event_builder.h"
#include "lambda_response_mapper.h"


namespace gw {

namespace {

QByteArray reasonFor(InvocationResult::Status status)
{
    switch (status) {
    case InvocationResult::Status::Success: return "ok";
    case InvocationResult::Status::FunctionError: return "function_error";
    case InvocationResult::Status::Timeout: return "function_timeout";
    case InvocationResult::Status::RuntimeExited: return "function_crashed";
    case InvocationResult::Status::InitError: return "function_init_error";
    case InvocationResult::Status::ServiceError: return "lambda_service_error";
    }
    return "integration_error";
}

void applyResult(RequestContext &ctx, InvocationResult result, const QByteArray &lambdaRequestId)
{
    ctx.log.integrationRequestId = lambdaRequestId;
    ctx.log.executionLog = std::move(result.logs);
    if (result.status == InvocationResult::Status::ServiceError) {
        ctx.log.integrationStatus = result.errorType == "ResourceNotFoundException" ? 404 : 429;
        ctx.replyGateway(GatewayResponseType::IntegrationFailure, reasonFor(result.status), result.errorMessage);
        return;
    }
    ctx.log.integrationStatus = 200; // Lambda's own invoke status, also for function errors
    if (result.status != InvocationResult::Status::Success) {
        // The message the service logs in $context.integrationErrorMessage for function errors.
        const QString message = result.errorMessage.isEmpty() ? QString::fromLatin1(result.errorType) : result.errorMessage;
        ctx.replyGateway(GatewayResponseType::IntegrationFailure, reasonFor(result.status),
                         QStringLiteral("The Lambda function returned the following error: %1. Check your Lambda "
                                        "function code and try again.")
                             .arg(message));
        return;
    }
    const bool v1 = ctx.integration->payloadFormatVersion == "1.0";
    MappedLambdaResponse mapped = v1 ? mapHttpApiLambdaResponseV1(result.payload) : mapHttpApiLambdaResponseV2(result.payload);
    if (!mapped.response) {
        ctx.replyGateway(GatewayResponseType::IntegrationFailure, "malformed_lambda_response", mapped.error);
        return;
    }
    ctx.log.integrationResponseStatus = mapped.functionStatus;
    ctx.reply(std::move(*mapped.response), "ok");
}

} // namespace

StageResult LambdaProxyIntegration::start(const RequestContextPtr &ctx)
{
    const std::string functionName = functionNameFromReference(ctx->integration->function.value_or(std::string()));
    const bool v1 = ctx->integration->payloadFormatVersion == "1.0";
    InvocationRequest invocation;
    invocation.payload = v1 ? serializeHttpApiEventV1(*ctx) : serializeHttpApiEventV2(*ctx);
    invocation.requestId = newUuidV4();
    invocation.traceId = ctx->traceId + ";Parent=" + invocation.requestId.left(16).replace('-', "") + ";Sampled=0";
    const QByteArray lambdaRequestId = invocation.requestId;

    QObject *home = ctx->exchange->threadHome();
    ctx->integrationStartNs = monotonicNowNs();
    auto deadline = std::make_shared<IntegrationDeadline>(home, ctx->integration->timeoutInMillis, [ctx, lambdaRequestId] {
        // The function may still be running; the client is told the integration timed out.
        ctx->log.integrationRequestId = lambdaRequestId;
        ctx->replyGateway(GatewayResponseType::IntegrationTimeout, "integration_timeout",
                          QStringLiteral("Integration timed out after %1 ms").arg(ctx->integration->timeoutInMillis));
        ctx->resume();
    });
    m_runtime->invoke(QString::fromStdString(functionName), std::move(invocation),
                      [ctx, home, deadline, lambdaRequestId](InvocationResult result) mutable {
                          QMetaObject::invokeMethod(
                              home,
                              [ctx, deadline, lambdaRequestId, result = std::move(result)]() mutable {
                                  if (!deadline->complete())
                                      return;
                                  ctx->integrationEndNs = monotonicNowNs();
                                  applyResult(*ctx, std::move(result), lambdaRequestId);
                                  ctx->resume();
                              },
                              Qt::QueuedConnection);
                      });
    return StageResult::Pending;
}

} // namespace gw
