#pragma once
// Turns what a function returned into the HTTP response an HTTP API sends, for payload format
// 2.0 and 1.0 (checked against the recorded pairs in ../shared/conformance/events/aws-lambda-dotnet-recorded).
#include "../common/http_message.h"

#include <QString>
#include <optional>

namespace gw {

struct MappedLambdaResponse {
    std::optional<HttpResponse> response; // nullopt: the output is not a valid proxy response
    QString error;                        // why not ($context.integrationErrorMessage)
    int functionStatus = 0;               // $context.integration.status
};

MappedLambdaResponse mapHttpApiLambdaResponseV2(const QByteArray &payload);
MappedLambdaResponse mapHttpApiLambdaResponseV1(const QByteArray &payload);
// A REST API's Lambda proxy response: payload 1.0's rules, application/json by default.
MappedLambdaResponse mapRestLambdaResponse(const QByteArray &payload);

} // namespace gw
