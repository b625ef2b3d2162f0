#pragma once
// An AWS integration's URI, arn:aws:apigateway:REGION:SERVICE:action/ACTION[&params] or
// arn:aws:apigateway:REGION:SERVICE:path/PATH (the API Gateway reference, Integration.uri), and
// the Lambda function a Lambda one names
// (arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations).
#include <optional>
#include <string>

namespace gw {

struct AwsIntegrationUri {
    std::string region;
    std::string service;    // "lambda", "sqs", "dynamodb", "states", "s3" (or a subdomain "bucket.s3")
    bool action = false;    // action/... (else path/...)
    std::string target;     // what follows "action/" or "path/"
};

std::optional<AwsIntegrationUri> parseAwsIntegrationUri(const std::string &uri);
// The function a Lambda integration URI invokes (its name or ARN as written), or none.
std::optional<std::string> lambdaFunctionOfUri(const std::string &uri);

} // namespace gw
