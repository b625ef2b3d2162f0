#include "rest_response_headers_stage.h"

#include "../../common/request_ids.h"
#include "../request_context.h"

namespace gw {

StageStatus RestResponseHeadersStage::onRequest(RequestContext &ctx) const
{
    ctx.log.extendedRequestId = ctx.log.requestId;
    ctx.log.requestId = newUuidV4();
    return StageStatus::Continue;
}

void RestResponseHeadersStage::onResponse(RequestContext &ctx) const
{
    ctx.response.setHeader(QByteArrayLiteral("x-amzn-RequestId"), ctx.log.requestId);
    ctx.response.setHeader(QByteArrayLiteral("x-amz-apigw-id"), ctx.log.extendedRequestId);
    // Recorded (../shared/conformance/rest-recorded, response-headers/trace-id/*): a Lambda proxy
    // answer carries x-amzn-trace-id; a MOCK answer never does, even when the client sent one.
    if (!ctx.traceId.isEmpty() && ctx.integrationResult && ctx.integrationResult->kind == IntegrationResult::Kind::Lambda)
        ctx.response.setHeader(QByteArrayLiteral("X-Amzn-Trace-Id"), ctx.traceId);
    // The error type header of the service's own answers (recorded: routing/not-found/* and the
    // 500s of header-mapping/*); types not recorded yet get none.
    const QByteArray &type = ctx.log.errorResponseType;
    if (type == "MISSING_AUTHENTICATION_TOKEN")
        ctx.response.setHeader(QByteArrayLiteral("x-amzn-ErrorType"), QByteArrayLiteral("MissingAuthenticationTokenException"));
    else if (ctx.response.status == 500 && !type.isEmpty())
        ctx.response.setHeader(QByteArrayLiteral("x-amzn-ErrorType"), QByteArrayLiteral("InternalServerErrorException"));
}

} // namespace gw
