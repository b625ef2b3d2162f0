#pragma once
// $context in a REST mapping template, with the keys in the order the service enumerates them
// (recorded: $context.keySet() and $context.identity.keySet() on a REST API), and the two maps a
// template writes to: requestOverride (path, header, querystring) and responseOverride
// (status, header).
#include "vtl_value.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gw::vtl {

struct RequestFacts {
    std::string resourceId, resourcePath, httpMethod, extendedRequestId, requestTime, path, accountId;
    std::string protocol = "HTTP/1.1";
    std::string stage, domainPrefix, requestId, domainName, deploymentId, apiId;
    int64_t requestTimeEpoch = 0;
    std::string sourceIp, userAgent;
    std::optional<bool> isCanaryRequest; // present only on a stage with a canary
    // WebSocket APIs: what their $context has beyond REST's (websocket-api-mapping-template-reference
    // lists connectionId, connectedAt, eventType, messageId, routeKey, messageDirection).
    struct WebSocket {
        std::string connectionId, eventType, messageId, routeKey;
        int64_t connectedAt = 0;
    };
    std::optional<WebSocket> webSocket;
    // Values an authorizer returned; absent when the method has none.
    std::optional<std::vector<std::pair<std::string, std::string>>> authorizer;
};

// Builds the $context map for one request.
Value makeContextVariable(RequestFacts facts); // by value: its strings move into the map

// What a template set in $context.requestOverride / responseOverride.
struct ContextOverrides {
    std::optional<int> status;
    std::vector<std::pair<std::string, std::vector<std::string>>> responseHeaders;
    std::vector<std::pair<std::string, std::vector<std::string>>> requestHeaders;
    std::vector<std::pair<std::string, std::vector<std::string>>> requestQuerystring;
    std::vector<std::pair<std::string, std::string>> requestPath;
};
ContextOverrides readContextOverrides(const Value &context);

} // namespace gw::vtl
