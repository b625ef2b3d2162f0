#pragma once
// A REST request's ids and the headers that carry them back: $context.requestId is a UUID and
// the short id is $context.extendedRequestId; every response has x-amzn-RequestId and
// x-amz-apigw-id (the extended id), a Lambda answer X-Amzn-Trace-Id, and the service's own
// error answers x-amzn-ErrorType, named as the service writes them.
#include "../../api/pipeline_stage.h"

namespace gw {

class RestResponseHeadersStage : public PipelineStage {
public:
    const char *name() const override { return "response_headers"; }
    StageStatus onRequest(RequestContext &ctx) const override;
    void onResponse(RequestContext &ctx) const override;
};

} // namespace gw
