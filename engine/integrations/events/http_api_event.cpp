#include "http_api_event.h"

#include "../../common/http_dates.h"
#include "../../common/json_writer.h"
#include "../../common/percent_encoding.h"
#include "../../common/query_string.h"
#include "payload_v1_fields.h"

#include <algorithm>
#include <map>

namespace gw {

namespace {

QByteArray lower(const QByteArray &name)
{
    return name.toLower();
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

void writeStringMap(JsonWriter &w, const std::map<std::string, std::string> &values)
{
    w.beginObject();
    for (const auto &[name, value] : values)
        w.field(name, value);
    w.endObject();
}

void writeStageVariables(JsonWriter &w, const HttpApiEventInput &in, bool nullWhenEmpty)
{
    if (in.stageVariables && !in.stageVariables->empty())
        writeStringMap(w.key("stageVariables"), *in.stageVariables);
    else if (nullWhenEmpty)
        w.key("stageVariables").null();
}

// accountId, apiId, domainName, domainPrefix: the same in payload 1.0 and 2.0, and the same
// values the access log shows (one source: ContextVariables).
void writeRequestContextBase(JsonWriter &w, const HttpApiEventInput &in)
{
    w.field("accountId", in.context.accountId).field("apiId", in.context.apiId);
    w.field("domainName", in.context.domainName);
    w.field("domainPrefix", in.context.domainPrefix);
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

QByteArray httpApiEventV2(const HttpApiEventInput &in)
{
    const HttpRequest &request = in.request;
    const std::string_view routeKey = in.routeKey;
    // The service hands rawPath over percent-decoded (recorded: V2_SpecialCharactersInPath).
    const std::string decodedPath = percentDecode(request.path());
    QByteArray out;
    out.reserve(1024 + request.body.size() * 4 / 3);
    JsonWriter w(out);
    w.beginObject();
    w.field("version", "2.0").field("routeKey", routeKey).field("rawPath", decodedPath);
    w.field("rawQueryString", request.rawQuery());

    std::vector<HeaderGroup> headers = groupHeaders(in.headers, lower, false); // lower case already
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

    const QueryParameters query = parseQueryString(request.rawQuery());
    if (!query.empty()) {
        w.key("queryStringParameters").beginObject();
        for (const auto &[name, values] : query)
            w.field(name, joinComma(values));
        w.endObject();
    }

    w.key("requestContext").beginObject();
    writeRequestContextBase(w, in);
    w.key("http").beginObject();
    w.field("method", request.method).field("path", decodedPath).field("protocol", in.context.protocol);
    w.field("sourceIp", in.context.sourceIp).field("userAgent", request.header("user-agent"));
    w.endObject();
    w.field("requestId", in.context.requestId).field("routeKey", routeKey);
    w.field("stage", in.context.stage);
    w.field("time", clfTime(in.context.requestTimeEpochMs)).key("timeEpoch").number(in.context.requestTimeEpochMs);
    w.endObject();

    const Body body = bodyOf(request);
    if (!request.body.isEmpty())
        w.field("body", body.text);
    if (!in.pathParameters.empty())
        writeStringMap(w.key("pathParameters"), in.pathParameters);
    w.key("isBase64Encoded").boolean(body.base64);
    writeStageVariables(w, in, false);
    w.endObject();
    return out;
}

QByteArray httpApiEventV1(const HttpApiEventInput &in)
{
    const HttpRequest &request = in.request;
    const std::string_view routeKey = in.routeKey;
    const std::string_view resourcePath = in.resourcePath;
    QByteArray out;
    out.reserve(1536 + request.body.size() * 4 / 3);
    JsonWriter w(out);
    w.beginObject();
    w.field("version", "1.0").field("resource", resourcePath);
    // The path stays percent-encoded in 1.0 (recorded: V1_SpecialCharactersInPathHttpV1).
    w.field("path", request.path()).field("httpMethod", request.method);

    // Names keep the client's spelling in 1.0, but "X-A" and "x-a" are one header, as on the service.
    const std::vector<HeaderGroup> headers =
        groupHeaders(in.headers, [](const QByteArray &name) { return name; }, true);
    writeV1Headers(w, headers);
    writeV1Query(w, request.rawQuery());

    w.key("requestContext").beginObject();
    writeRequestContextBase(w, in);
    w.field("extendedRequestId", in.context.requestId).field("httpMethod", request.method);
    w.key("identity").beginObject();
    for (const char *absent : {"accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
                               "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId"})
        w.key(absent).null();
    w.field("sourceIp", in.context.sourceIp);
    w.key("user").null();
    w.field("userAgent", request.header("user-agent"));
    w.key("userArn").null();
    w.endObject();
    w.field("path", percentDecode(request.path())).field("protocol", in.context.protocol);
    w.field("requestId", in.context.requestId).field("requestTime", clfTime(in.context.requestTimeEpochMs));
    w.key("requestTimeEpoch").number(in.context.requestTimeEpochMs);
    w.field("resourceId", routeKey); // the route key (recorded), not a REST resource id
    w.field("resourcePath", resourcePath);
    w.field("stage", in.context.stage);
    w.endObject();

    if (in.pathParameters.empty())
        w.key("pathParameters").null();
    else
        writeStringMap(w.key("pathParameters"), in.pathParameters);
    writeStageVariables(w, in, true);
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
