#include "lambda_event_builder.h"

#include "../observability/access_log_formatter.h"

#include "../common/json_writer.h"

#include <QHash>
#include <algorithm>
#include <map>

namespace gw {

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
        // Made valid UTF-8 before grouping: two names that differ only in invalid bytes are one key.
        const std::string name = validUtf8(percentDecode(eq < 0 ? pair : pair.left(eq)));
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

std::string decodedPathWithStage(const RequestContext &ctx)
{
    return percentDecode(ctx.request().path());
}

void writeStringMap(JsonWriter &w, const std::map<std::string, std::string> &values)
{
    w.beginObject();
    for (const auto &[name, value] : values)
        w.field(name, value);
    w.endObject();
}

void writeStageVariables(JsonWriter &w, const RequestContext &ctx, bool nullWhenEmpty)
{
    if (ctx.stage && !ctx.stage->stageVariables.empty())
        writeStringMap(w.key("stageVariables"), ctx.stage->stageVariables);
    else if (nullWhenEmpty)
        w.key("stageVariables").null();
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
void writeRequestContextBase(JsonWriter &w, const RequestContext &ctx)
{
    w.field("accountId", ctx.api->accountId).field("apiId", ctx.api->api.apiId);
    w.field("domainName", ctx.log.domainName);
    w.field("domainPrefix", ctx.log.domainPrefix); // one source: the access log shows the same
}

// Headers with the same name (after nameOf) grouped, in first-seen order.
struct HeaderGroup {
    QByteArray name;
    std::vector<QByteArray> values;
};

template <typename NameOf> std::vector<HeaderGroup> groupHeaders(std::vector<HttpHeader> headers, NameOf nameOf)
{
    std::vector<HeaderGroup> groups;
    groups.reserve(headers.size());
    QHash<QByteArray, size_t> index; // only for many headers: a linear search is faster for a few
    const bool indexed = headers.size() > 24;
    for (HttpHeader &h : headers) {
        QByteArray name = nameOf(h.name);
        HeaderGroup *group = nullptr;
        if (indexed) {
            if (auto it = index.constFind(name); it != index.cend())
                group = &groups[*it];
            else
                index.insert(name, groups.size());
        } else {
            for (HeaderGroup &g : groups)
                if (g.name == name) {
                    group = &g;
                    break;
                }
        }
        if (!group)
            group = &groups.emplace_back(HeaderGroup{std::move(name), {}});
        group->values.push_back(std::move(h.value));
    }
    return groups;
}

struct Body {
    QByteArray text; // the request's own bytes when they are text: shared, not copied
    bool base64 = false;
};

Body bodyOf(const HttpRequest &request)
{
    Body body;
    if (request.body.isEmpty())
        return body;
    if (isTextContentType(request.header("content-type"))) {
        body.text = request.body;
    } else {
        body.text = request.body.toBase64();
        body.base64 = true;
    }
    return body;
}

} // namespace

bool isTextContentType(const QByteArray &contentType)
{
    // HTTP APIs have no binaryMediaTypes: only these arrive as text (one third-party check against
    // AWS, plus the recorded BinaryContent* cases).
    const QByteArray type = contentType.left(contentType.indexOf(';') < 0 ? contentType.size() : contentType.indexOf(';'))
                                .trimmed()
                                .toLower();
    return type.startsWith("text/") || type == "application/json" || type == "application/xml" ||
           type == "application/javascript";
}

namespace {
// Ports repeat: keep their text per thread instead of formatting a number per request.
QByteArray localPortText(quint16 port)
{
    thread_local quint16 lastPort = 0;
    thread_local QByteArray lastText;
    if (port != lastPort || lastText.isEmpty()) {
        lastPort = port;
        lastText = QByteArray::number(port);
    }
    return lastText;
}
} // namespace

std::vector<HttpHeader> headersAsIntegrationSees(const RequestContext &ctx)
{
    const HttpRequest &request = ctx.request();
    std::vector<HttpHeader> headers;
    headers.reserve(request.headers.size() + 4);
    QByteArray forwardedFor;
    for (const HttpHeader &h : request.headers) {
        if (h.name.size() < 15) { // shorter than every name below
            headers.push_back(h);
            continue;
        }
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
    const QByteArray &sourceIp = ctx.log.sourceIp;
    // Names as literals: copies of them share static data instead of allocating per request.
    headers.push_back({QByteArrayLiteral("X-Amzn-Trace-Id"), ctx.traceId});
    if (forwardedFor.isEmpty()) {
        headers.push_back({QByteArrayLiteral("X-Forwarded-For"), sourceIp});
    } else {
        appendAll(forwardedFor, {", ", sourceIp});
        headers.push_back({QByteArrayLiteral("X-Forwarded-For"), std::move(forwardedFor)});
    }
    headers.push_back({QByteArrayLiteral("X-Forwarded-Port"), localPortText(request.localPort)});
    headers.push_back({QByteArrayLiteral("X-Forwarded-Proto"), QByteArrayLiteral("http")});
    return headers;
}

QByteArray serializeHttpApiEventV2(const RequestContext &ctx)
{
    const HttpRequest &request = ctx.request();
    const std::string routeKey = ctx.route ? ctx.route->routeKey : std::string("$default");
    // The service hands rawPath over percent-decoded (recorded: V2_SpecialCharactersInPath).
    const std::string decodedPath = decodedPathWithStage(ctx);
    QByteArray out;
    out.reserve(1024 + request.body.size() * 4 / 3);
    JsonWriter w(out);
    w.beginObject();
    w.field("version", "2.0").field("routeKey", routeKey).field("rawPath", decodedPath);
    w.field("rawQueryString", request.rawQuery());

    std::vector<HeaderGroup> headers = groupHeaders(headersAsIntegrationSees(ctx), lower);
    if (auto cookie = std::find_if(headers.begin(), headers.end(), [](const HeaderGroup &g) { return g.name == "cookie"; });
        cookie != headers.end()) {
        // Cookies move to "cookies" and leave the headers (recorded: V2_SimpleGetRequest).
        std::vector<QByteArray> cookies;
        for (const QByteArray &value : cookie->values)
            for (const QByteArray &part : value.split(';'))
                if (QByteArray trimmed = part.trimmed(); !trimmed.isEmpty())
                    cookies.push_back(std::move(trimmed));
        if (!cookies.empty()) {
            w.key("cookies").beginArray();
            for (const QByteArray &c : cookies)
                w.string(c);
            w.endArray();
        }
        headers.erase(cookie);
    }
    w.key("headers").beginObject();
    for (const HeaderGroup &group : headers) {
        w.key(std::string_view(group.name.constData(), size_t(group.name.size())));
        if (group.values.size() == 1) {
            w.string(group.values.front());
        } else {
            QByteArray joined = group.values.front(); // duplicates are comma-joined
            for (size_t i = 1; i < group.values.size(); ++i)
                joined += ',' + group.values[i];
            w.string(joined);
        }
    }
    w.endObject();

    const QueryParameters query = parseQuery(request.rawQuery());
    if (!query.empty()) {
        w.key("queryStringParameters").beginObject();
        for (const auto &[name, values] : query.ordered)
            w.field(name, joinComma(values));
        w.endObject();
    }

    w.key("requestContext").beginObject();
    writeRequestContextBase(w, ctx);
    w.key("http").beginObject();
    w.field("method", request.method).field("path", decodedPath).field("protocol", request.protocol());
    w.field("sourceIp", ctx.log.sourceIp).field("userAgent", request.header("user-agent"));
    w.endObject();
    w.field("requestId", ctx.requestId).field("routeKey", routeKey);
    w.field("stage", ctx.stage ? ctx.stage->name : std::string("$default"));
    w.field("time", clfTime(request.receivedAtMs)).key("timeEpoch").number(request.receivedAtMs);
    w.endObject();

    const Body body = bodyOf(request);
    if (!request.body.isEmpty())
        w.field("body", body.text);
    if (!ctx.pathParameters.empty())
        writeStringMap(w.key("pathParameters"), ctx.pathParameters);
    w.key("isBase64Encoded").boolean(body.base64);
    writeStageVariables(w, ctx, false);
    w.endObject();
    return out;
}

QByteArray serializeHttpApiEventV1(const RequestContext &ctx)
{
    const HttpRequest &request = ctx.request();
    const std::string routeKey = ctx.route ? ctx.route->routeKey : std::string("$default");
    const std::string resourcePath = routePathOf(ctx);
    QByteArray out;
    out.reserve(1536 + request.body.size() * 4 / 3);
    JsonWriter w(out);
    w.beginObject();
    w.field("version", "1.0").field("resource", resourcePath);
    // The path stays percent-encoded in 1.0 (recorded: V1_SpecialCharactersInPathHttpV1).
    w.field("path", request.path()).field("httpMethod", request.method);

    const std::vector<HeaderGroup> headers =
        groupHeaders(headersAsIntegrationSees(ctx), [](const QByteArray &name) { return name; });
    w.key("headers").beginObject();
    for (const HeaderGroup &group : headers)
        w.field(std::string_view(group.name.constData(), size_t(group.name.size())), group.values.back()); // the last wins
    w.endObject();
    w.key("multiValueHeaders").beginObject();
    for (const HeaderGroup &group : headers) {
        w.key(std::string_view(group.name.constData(), size_t(group.name.size()))).beginArray();
        for (const QByteArray &value : group.values)
            w.string(value);
        w.endArray();
    }
    w.endObject();

    const QueryParameters query = parseQuery(request.rawQuery());
    if (query.empty()) {
        w.key("queryStringParameters").null();
        w.key("multiValueQueryStringParameters").null();
    } else {
        w.key("queryStringParameters").beginObject();
        for (const auto &[name, values] : query.ordered)
            w.field(name, values.back()); // recorded: V1_SimpleGetRequestHttpV1 keeps the last
        w.endObject();
        w.key("multiValueQueryStringParameters").beginObject();
        for (const auto &[name, values] : query.ordered) {
            w.key(name).beginArray();
            for (const std::string &value : values)
                w.string(value);
            w.endArray();
        }
        w.endObject();
    }

    w.key("requestContext").beginObject();
    writeRequestContextBase(w, ctx);
    w.field("extendedRequestId", ctx.requestId).field("httpMethod", request.method);
    w.key("identity").beginObject();
    for (const char *absent : {"accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
                               "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId"})
        w.key(absent).null();
    w.field("sourceIp", ctx.log.sourceIp);
    w.key("user").null();
    w.field("userAgent", request.header("user-agent"));
    w.key("userArn").null();
    w.endObject();
    w.field("path", decodedPathWithStage(ctx)).field("protocol", request.protocol());
    w.field("requestId", ctx.requestId).field("requestTime", clfTime(request.receivedAtMs));
    w.key("requestTimeEpoch").number(request.receivedAtMs);
    w.field("resourceId", routeKey); // the route key (recorded), not a REST resource id
    w.field("resourcePath", resourcePath);
    w.field("stage", ctx.stage ? ctx.stage->name : std::string("$default"));
    w.endObject();

    if (ctx.pathParameters.empty())
        w.key("pathParameters").null();
    else
        writeStringMap(w.key("pathParameters"), ctx.pathParameters);
    writeStageVariables(w, ctx, true);
    const Body body = bodyOf(request);
    if (request.body.isEmpty())
        w.key("body").null();
    else
        w.field("body", body.text);
    w.key("isBase64Encoded").boolean(body.base64);
    w.endObject();
    return out;
}

} // namespace gw
