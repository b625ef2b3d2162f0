#pragma once
// The Lambda proxy event of a REST API (payload 1.0 as REST sends it), field for field as the
// service's recordings show (../shared/conformance/rest-recorded, lambda-proxy-event/rest-v1/*):
// no "version"; "path" without the stage, its slashes collapsed, still percent-encoded; path
// parameters percent-encoded as sent ({proxy+} without a trailing slash); the query decoded
// ('+' is a space); requestContext.path with the stage as sent; a UUID requestId, the short id
// as extendedRequestId; resourceId, resourcePath and deploymentId.
#include "../../common/http_message.h"
#include "../../model/project.h"
#include "../../observability/context_variables.h"

#include <string_view>
#include <vector>

namespace gw {

struct RestApiEventInput {
    const HttpRequest &request;
    const ContextVariables &context;
    std::string_view resourcePath;   // "/pets/{petId}"
    std::string_view resourceId;
    std::string_view deploymentId;
    const QByteArray &pathWithoutStage; // raw, after the stage prefix, repeated slashes collapsed (stage selection did it)
    const StringMap *stageVariables;
    const std::vector<HttpHeader> &headers; // as the integration sees them (integrationRequestHeaders)
    const std::vector<std::string> &binaryMediaTypes;
};

QByteArray restApiEvent(const RestApiEventInput &input);

// The resource's path parameters read from the raw path (its repeated slashes collapsed),
// percent-encoding kept (REST sends them so); {proxy+} takes the rest without a trailing slash.
std::vector<std::pair<std::string, std::string>> rawPathParameters(std::string_view resourcePath, const QByteArray &rawPath);

// True when a body of this Content-Type is binary for an API with these binaryMediaTypes
// ("image/png", "image/*", "*/*").
bool isBinaryMediaType(const QByteArray &contentType, const std::vector<std::string> &binaryMediaTypes);

} // namespace gw
