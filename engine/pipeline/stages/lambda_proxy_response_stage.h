#pragma once
// HTTP APIs' Lambda proxy response mapping: the function's answer in payload format 2.0 or 1.0
// becomes the client's response; a function error, crash, timeout or malformed answer becomes
// 500 {"message":"Internal Server Error"} with the reason in $context.integrationErrorMessage.
#include "../../api/pipeline_stage.h"

namespace gw {

class LambdaProxyResponseStage : public PipelineStage {
public:
    enum class PayloadFormat { V1, V2, Rest, WebSocket };
    explicit LambdaProxyResponseStage(PayloadFormat format) : m_format(format) {}
    const char *name() const override { return "lambda_response"; }
    StageStatus onRequest(RequestContext &ctx) const override;

private:
    PayloadFormat m_format;
};

} // namespace gw
