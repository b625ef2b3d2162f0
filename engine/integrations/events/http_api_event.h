#pragma once
// Lambda proxy events for HTTP APIs, payload format 2.0 and 1.0, field for field like the service
// (checked against ../shared/conformance/events, the recorded set included). Pure functions of
// their input: the request, its $context values and what routing found.
#include "../../common/http_message.h"
#include "../../model/project.h"
#include "../../observability/context_variables.h"

#include <map>
#include <string>
#include <string_view>

namespace gw {

struct HttpApiEventInput {
    const HttpRequest &request;
    const ContextVariables &context;  // requestId, apiId, accountId, domain, stage, sourceIp, time
    std::string_view routeKey;        // "GET /orders/{id}" or "$default"
    std::string_view resourcePath;    // "/orders/{id}" or "$default" (payload 1.0's resource)
    const std::map<std::string, std::string> &pathParameters; // decoded values
    const StringMap *stageVariables;  // null or empty: none
    const std::vector<HttpHeader> &headers; // as the integration sees them (integrationRequestHeaders)
};

// The event as JSON text, written directly (no DOM: this runs for every invocation). Bytes that
// are not UTF-8 (headers, query, paths, text bodies) become U+FFFD so the event always parses.
QByteArray httpApiEventV2(const HttpApiEventInput &input);
QByteArray httpApiEventV1(const HttpApiEventInput &input);

// True when the service passes a body of this Content-Type as text; any other body is base64.
bool isTextContentType(const QByteArray &contentType);

} // namespace gw
