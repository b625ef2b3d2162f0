#include "lambda_event_builder.h"

#include "../observability/access_log_formatter.h"

#include <map>

namespace gw {

using nlohmann::json;

namespace {

std::string str(const QByteArray &bytes)
{
    return std::string(bytes.constData(), size_t(bytes.size()));
}

QByteArray lower(const QByteArray &name)
{
    return name.toLower();
}

struct QueryParameters {
    std::vector<std::pair<std::string, std::vector<std::string>>> ordered; // first-seen order
    bool empty() const { return ordered.empty(); }
};

QueryParameters parseQuery(const QByteArray &raw)
{
    QueryParameters out;
    if (raw.isEmpty())
        return out;
    std::map<std::string, size_t> index;
    for (const QByteArray &pair : raw.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const std::string name = percentDecode(eq < 0 ? pair : pair.left(eq));
        const std::string value = eq < 0 ? std::string() : percentDecode(pair.mid(eq + 1));
        auto it = index.find(name);
        if (it == index.end()) {
            index.emplace(name, out.ordered.size());
            out.ordered.push_back({name, {value}});
        } else {
            out.ordered[it->second].second.push_back(value);
        }
    }
    return out;
}

std::string joinComma(const std::vector<std::string> &values)
{
    std::string out;
    for (size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        out += values[i];
    }
    return out;
}

std::string domainPrefixOf(const std::string &domain, const std::string &apiId)
{
    const size_t dot = domain.find('.');
    const std::string first = domain.substr(0, dot);
    // An IP or "localhost:port" says nothing about the API; the service's prefix is the API id then.
    if (first.empty() || std::isdigit(static_cast<unsigned char>(first[0])) || first.find(':') != std::string::npos ||
        dot == std::string::npos)
        return apiId;
    return first;
}

std::string decodedPathWithStage(const RequestContext &ctx)
{
    return percentDecode(ctx.request().path());
}

json stageVariablesOf(const RequestContext &ctx, bool nullWhenEmpty)
{
    if (!ctx.stage || ctx.stage->stageVariables.empty())
        return nullWhenEmpty ? json(nullptr) : json();
    return json(ctx.stage->stageVariables);
}

std::string routePathOf(const RequestContext &ctx)
{
    if (!ctx.route)
        return "$default";
    const std::string &key = ctx.route->routeKey;
    const size_t space = key.find(' ');
    return space == std::string::npos ? key : key.substr(space + 1);
}

// accountId, apiId, domainName, domainPrefix: the same in payload 1.0 and 2.0.
json requestContextBase(const RequestContext &ctx)
{
    const std::string apiId = ctx.api->api.apiId;
    const std::string domain = str(ctx.request().header("host"));
    return json{{"accountId", ctx.api->accountId},
                {"apiId", apiId},
                {"domainName", domain.empty() ? apiId + ".execute-api." + ctx.api->region + ".amazonaws.com" : domain},
                {"domainPrefix", domainPrefixOf(domain, apiId)}};
}

struct Body {
    std::string text;
    bool base64 = false;
};

Body bodyOf(const HttpRequest &request)
{
    Body body;
    if (request.body.isEmpty())
        return body;
    if (isTextContentType(request.header("content-type"))) {
        body.text = str(request.body);
    } else {
        body.text = str(request.body.toBase64());
        body.base64 = true;
    }
    return body;
}

} // namespace

bool isTextContentType(const QByteArray &contentType)
{
    // HTTP APIs have no binaryMediaTypes: only these arrive as text (see /tmp research notes in
    // the issue: one third-party check against AWS plus recorded BinaryContent* cases).
    const QByteArray type = contentType.left(contentType.indexOf(';') < 0 ? contentType.size() : contentType.indexOf(';'))
                                .trimmed()
                                .toLower();
    return type.startsWith("text/") || type == "application/json" || type == "application/xml" ||
           type == "application/javascript";
}

std::vector<HttpHeader> headersAsIntegrationSees(const RequestContext &ctx)
{
    const HttpRequest &request = ctx.request();
    std::vector<HttpHeader> headers;
    headers.reserve(request.headers.size() + 4);
    QByteArray forwardedFor;
    for (const HttpHeader &h : request.headers) {
        if (h.name.compare("x-forwarded-for", Qt::CaseInsensitive) == 0) {
            forwardedFor = h.value;
            continue;
        }
        if (h.name.compare("x-forwarded-port", Qt::CaseInsensitive) == 0 ||
            h.name.compare("x-forwarded-proto", Qt::CaseInsensitive) == 0 ||
            h.name.compare("x-amzn-trace-id", Qt::CaseInsensitive) == 0)
            continue;
        headers.push_back(h);
    }
    const QByteArray sourceIp = ctx.log.sourceIp;
    headers.push_back({"X-Amzn-Trace-Id", ctx.traceId});
    headers.push_back({"X-Forwarded-For", forwardedFor.isEmpty() ? sourceIp : forwardedFor + ", " + sourceIp});
    headers.push_back({"X-Forwarded-Port", QByteArray::number(request.localPort)});
    headers.push_back({"X-Forwarded-Proto", "http"});
    return headers;
}

json buildHttpApiEventV2(const RequestContext &ctx)
{
    const HttpRequest &request = ctx.request();
    json event;
    event["version"] = "2.0";
    event["routeKey"] = ctx.route ? ctx.route->routeKey : std::string("$default");
    // The service hands rawPath over percent-decoded (recorded: V2_SpecialCharactersInPath).
    event["rawPath"] = decodedPathWithStage(ctx);
    event["rawQueryString"] = str(request.rawQuery());

    std::vector<std::string> cookies;
    std::vector<std::pair<std::string, std::string>> headers; // lower-cased names, joined values
    std::map<std::string, size_t> headerIndex;
    for (const HttpHeader &h : headersAsIntegrationSees(ctx)) {
        const std::string name = str(lower(h.name));
        if (name == "cookie") {
            // Cookies move to "cookies" and leave the headers (recorded: V2_SimpleGetRequest).
            for (const QByteArray &cookie : h.value.split(';')) {
                const QByteArray trimmed = cookie.trimmed();
                if (!trimmed.isEmpty())
                    cookies.push_back(str(trimmed));
            }
            continue;
        }
        auto it = headerIndex.find(name);
        if (it == headerIndex.end()) {
            headerIndex.emplace(name, headers.size());
            headers.push_back({name, str(h.value)});
        } else {
            headers[it->second].second += "," + str(h.value); // duplicates are comma-joined
        }
    }
    if (!cookies.empty())
        event["cookies"] = cookies;
    json headerObject = json::object();
    for (auto &[name, value] : headers)
        headerObject[name] = value;
    event["headers"] = std::move(headerObject);

    const QueryParameters query = parseQuery(request.rawQuery());
    if (!query.empty()) {
        json parameters = json::object();
        for (const auto &[name, values] : query.ordered)
            parameters[name] = joinComma(values);
        event["queryStringParameters"] = std::move(parameters);
    }

    json http{{"method", str(request.method)},
              {"path", decodedPathWithStage(ctx)},
              {"protocol", str(request.protocol())},
              {"sourceIp", str(ctx.log.sourceIp)},
              {"userAgent", str(request.header("user-agent"))}};
    json requestContext = requestContextBase(ctx);
    requestContext.update(json{{"http", std::move(http)},
                               {"requestId", str(ctx.requestId)},
                               {"routeKey", event["routeKey"]},
                               {"stage", ctx.stage ? ctx.stage->name : std::string("$default")},
                               {"time", str(clfTime(request.receivedAtMs))},
                               {"timeEpoch", request.receivedAtMs}});
    event["requestContext"] = std::move(requestContext);
    const Body body = bodyOf(request);
    if (!request.body.isEmpty())
        event["body"] = body.text;
    if (!ctx.pathParameters.empty())
        event["pathParameters"] = ctx.pathParameters;
    event["isBase64Encoded"] = body.base64;
    if (json variables = stageVariablesOf(ctx, false); !variables.is_null())
        event["stageVariables"] = std::move(variables);
    return event;
}

json buildHttpApiEventV1(const RequestContext &ctx)
{
    const HttpRequest &request = ctx.request();
    json event;
    event["version"] = "1.0";
    event["resource"] = routePathOf(ctx);
    event["path"] = str(request.path()); // stays percent-encoded in 1.0 (recorded: V1_SpecialCharactersInPathHttpV1)
    event["httpMethod"] = str(request.method);

    json headers = json::object();
    json multiHeaders = json::object();
    for (const HttpHeader &h : headersAsIntegrationSees(ctx)) {
        const std::string name = str(h.name);
        headers[name] = str(h.value); // the last value wins in "headers"
        multiHeaders[name].push_back(str(h.value));
    }
    event["headers"] = std::move(headers);
    event["multiValueHeaders"] = std::move(multiHeaders);

    const QueryParameters query = parseQuery(request.rawQuery());
    if (query.empty()) {
        event["queryStringParameters"] = nullptr;
        event["multiValueQueryStringParameters"] = nullptr;
    } else {
        json single = json::object(), multi = json::object();
        for (const auto &[name, values] : query.ordered) {
            single[name] = values.back(); // recorded: V1_SimpleGetRequestHttpV1 keeps the last
            multi[name] = values;
        }
        event["queryStringParameters"] = std::move(single);
        event["multiValueQueryStringParameters"] = std::move(multi);
    }

    const std::string routeKey = ctx.route ? ctx.route->routeKey : std::string("$default");
    json identity{{"accessKey", nullptr},
                  {"accountId", nullptr},
                  {"caller", nullptr},
                  {"cognitoAuthenticationProvider", nullptr},
                  {"cognitoAuthenticationType", nullptr},
                  {"cognitoIdentityId", nullptr},
                  {"cognitoIdentityPoolId", nullptr},
                  {"principalOrgId", nullptr},
                  {"sourceIp", str(ctx.log.sourceIp)},
                  {"user", nullptr},
                  {"userAgent", str(request.header("user-agent"))},
                  {"userArn", nullptr}};
    json requestContext = requestContextBase(ctx);
    requestContext.update(json{{"extendedRequestId", str(ctx.requestId)},
                                   {"httpMethod", str(request.method)},
                                   {"identity", std::move(identity)},
                                   {"path", decodedPathWithStage(ctx)},
                                   {"protocol", str(request.protocol())},
                                   {"requestId", str(ctx.requestId)},
                                   {"requestTime", str(clfTime(request.receivedAtMs))},
                                   {"requestTimeEpoch", request.receivedAtMs},
                                   {"resourceId", routeKey}, // the route key (recorded), not a REST resource id
                               {"resourcePath", routePathOf(ctx)},
                               {"stage", ctx.stage ? ctx.stage->name : std::string("$default")}});
    event["requestContext"] = std::move(requestContext);
    event["pathParameters"] = ctx.pathParameters.empty() ? json(nullptr) : json(ctx.pathParameters);
    event["stageVariables"] = stageVariablesOf(ctx, true);
    const Body body = bodyOf(request);
    event["body"] = request.body.isEmpty() ? json(nullptr) : json(body.text);
    event["isBase64Encoded"] = body.base64;
    return event;
}

} // namespace gw
