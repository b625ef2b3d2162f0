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
// binaryAccepted: the client's first Accept type is one of the API's binaryMediaTypes; only then
// is an isBase64Encoded body decoded, else it goes out as the base64 text
// (lambda-proxy-binary-media.html: "API Gateway uses the first Accept header ... to determine if a
// response should return binary media").
MappedLambdaResponse mapRestLambdaResponse(const QByteArray &payload, bool binaryAccepted);
// A WebSocket route's Lambda proxy answer: {statusCode, body} gives its status (a $connect's
// handshake) and the body a two-way route sends back; any other value is a 200 whose text is the
// body. Never malformed: a handler that returns nothing is the common case on message routes.
MappedLambdaResponse mapWebSocketLambdaResponse(const QByteArray &payload);

} // namespace gw
