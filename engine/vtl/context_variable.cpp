#include "context_variable.h"

namespace gw::vtl {

namespace {
Value nested()
{
    // The service prints its nested context maps as nothing (recorded: "identity": "" when
    // $context.get('identity') is rendered in a string), yet templates read and write them.
    Value map = makeMap();
    map.asMap()->printsEmpty = true;
    return map;
}

Value text(std::string &&s)
{
    return s.empty() ? Value() : Value(std::move(s));
}

// A header or query string override is a string or a list of strings (multi-value).
std::vector<std::pair<std::string, std::vector<std::string>>> multiValues(const Value &map)
{
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    if (!map.isMap())
        return out;
    for (const auto &[key, value] : map.asMap()->entries) {
        std::vector<std::string> values;
        if (value.isList())
            for (const Value &item : value.asList()->items)
                values.push_back(item.toString());
        else if (!value.isNull())
            values.push_back(value.toString());
        out.emplace_back(key, std::move(values));
    }
    return out;
}
} // namespace

Value makeContextVariable(RequestFacts f)
{
    Value context = makeMap();
    Map &c = *context.asMap();
    c.entries.reserve(22);
    Value identity = nested();
    Map &id = *identity.asMap();
    id.entries.reserve(11);
    for (const char *key : {"cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller"})
        id.append(key, Value());
    id.append("sourceIp", text(std::move(f.sourceIp)));
    for (const char *key : {"principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn"})
        id.append(key, Value());
    id.append("userAgent", text(std::move(f.userAgent)));
    id.append("user", Value());

    Value requestOverride = nested();
    requestOverride.asMap()->entries.reserve(3);
    requestOverride.asMap()->append("path", nested());
    requestOverride.asMap()->append("header", nested());
    requestOverride.asMap()->append("querystring", nested());
    Value responseOverride = nested();
    responseOverride.asMap()->append("header", nested());

    c.append("resourceId", text(std::move(f.resourceId)));
    c.append("resourcePath", text(std::move(f.resourcePath)));
    c.append("httpMethod", text(std::move(f.httpMethod)));
    c.append("extendedRequestId", text(std::move(f.extendedRequestId)));
    c.append("requestTime", text(std::move(f.requestTime)));
    c.append("path", text(std::move(f.path)));
    c.append("accountId", text(std::move(f.accountId)));
    c.append("protocol", text(std::move(f.protocol)));
    c.append("requestOverride", requestOverride);
    c.append("stage", text(std::move(f.stage)));
    c.append("domainPrefix", text(std::move(f.domainPrefix)));
    c.append("requestTimeEpoch", Value(f.requestTimeEpoch));
    c.append("requestId", text(std::move(f.requestId)));
    c.append("identity", identity);
    c.append("domainName", text(std::move(f.domainName)));
    c.append("deploymentId", text(std::move(f.deploymentId)));
    c.append("responseOverride", responseOverride);
    c.append("apiId", text(std::move(f.apiId)));
    if (f.webSocket) {
        c.append("routeKey", text(std::move(f.webSocket->routeKey)));
        c.append("connectionId", text(std::move(f.webSocket->connectionId)));
        c.append("connectedAt", Value(f.webSocket->connectedAt));
        c.append("eventType", text(std::move(f.webSocket->eventType)));
        if (!f.webSocket->messageId.empty())
            c.append("messageId", text(std::move(f.webSocket->messageId)));
        c.append("messageDirection", Value("IN"));
    }
    if (f.isCanaryRequest)
        c.append("isCanaryRequest", Value(*f.isCanaryRequest));
    if (f.authorizer) {
        Value authorizer = nested();
        for (auto &[key, value] : *f.authorizer)
            authorizer.asMap()->append(std::move(key), Value(std::move(value)));
        c.append("authorizer", authorizer);
    }
    return context;
}

ContextOverrides readContextOverrides(const Value &context)
{
    ContextOverrides out;
    if (!context.isMap())
        return out;
    const Value request = context.asMap()->get("requestOverride");
    const Value response = context.asMap()->get("responseOverride");
    if (response.isMap()) {
        const Value status = response.asMap()->get("status");
        if (status.isInt())
            out.status = int(status.asInt());
        else if (status.isString())
            try {
                out.status = std::stoi(status.asString());
            } catch (...) {
            }
        out.responseHeaders = multiValues(response.asMap()->get("header"));
    }
    if (request.isMap()) {
        out.requestHeaders = multiValues(request.asMap()->get("header"));
        out.requestQuerystring = multiValues(request.asMap()->get("querystring"));
        const Value path = request.asMap()->get("path");
        if (path.isMap())
            for (const auto &[key, value] : path.asMap()->entries)
                out.requestPath.emplace_back(key, value.toString());
    }
    return out;
}

} // namespace gw::vtl
