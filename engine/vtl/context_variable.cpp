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

Value text(const std::string &s)
{
    return s.empty() ? Value() : Value(s);
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

Value makeContextVariable(const RequestFacts &f)
{
    Value context = makeMap();
    Map &c = *context.asMap();
    Value identity = nested();
    Map &id = *identity.asMap();
    for (const char *key : {"cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller"})
        id.put(key, Value());
    id.put("sourceIp", text(f.sourceIp));
    for (const char *key : {"principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn"})
        id.put(key, Value());
    id.put("userAgent", text(f.userAgent));
    id.put("user", Value());

    Value requestOverride = nested();
    requestOverride.asMap()->put("path", nested());
    requestOverride.asMap()->put("header", nested());
    requestOverride.asMap()->put("querystring", nested());
    Value responseOverride = nested();
    responseOverride.asMap()->put("header", nested());

    c.put("resourceId", text(f.resourceId));
    c.put("resourcePath", text(f.resourcePath));
    c.put("httpMethod", text(f.httpMethod));
    c.put("extendedRequestId", text(f.extendedRequestId));
    c.put("requestTime", text(f.requestTime));
    c.put("path", text(f.path));
    c.put("accountId", text(f.accountId));
    c.put("protocol", text(f.protocol));
    c.put("requestOverride", requestOverride);
    c.put("stage", text(f.stage));
    c.put("domainPrefix", text(f.domainPrefix));
    c.put("requestTimeEpoch", Value(f.requestTimeEpoch));
    c.put("requestId", text(f.requestId));
    c.put("identity", identity);
    c.put("domainName", text(f.domainName));
    c.put("deploymentId", text(f.deploymentId));
    c.put("responseOverride", responseOverride);
    c.put("apiId", text(f.apiId));
    if (f.isCanaryRequest)
        c.put("isCanaryRequest", Value(*f.isCanaryRequest));
    if (f.authorizer) {
        Value authorizer = nested();
        for (const auto &[key, value] : *f.authorizer)
            authorizer.asMap()->put(key, Value(value));
        c.put("authorizer", authorizer);
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
