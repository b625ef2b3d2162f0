#include "rest_api_event.h"

#include "../../common/http_dates.h"
#include "../../common/json_writer.h"
#include "payload_v1_fields.h"

#include <map>

namespace gw {

namespace {

// Header names the service writes in their usual spelling whatever the client sent (recorded:
// "authorization" and "user-Agent" arrive as "Authorization" and "User-Agent"); others as sent.
// A null name leaves the header out: a REST event has no Content-Length (recorded:
// integration-request-parameters-ignored).
QByteArray eventHeaderName(const QByteArray &name)
{
    if (name.compare("content-length", Qt::CaseInsensitive) == 0)
        return {};
    static const char *const kKnown[] = {"Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Authorization",
                                         "Cache-Control", "Content-Encoding", "Content-Length", "Content-Type", "Cookie",
                                         "Host", "If-Match", "If-Modified-Since", "If-None-Match", "Origin", "Referer",
                                         "User-Agent", "X-Forwarded-For", "X-Forwarded-Port", "X-Forwarded-Proto",
                                         "X-Amzn-Trace-Id"};
    for (const char *known : kKnown)
        if (name.compare(known, Qt::CaseInsensitive) == 0)
            return QByteArray(known);
    return name;
}

std::vector<std::string> split(std::string_view path)
{
    std::vector<std::string> parts;
    size_t at = 0;
    while (at < path.size()) {
        size_t slash = path.find('/', at);
        if (slash == std::string_view::npos)
            slash = path.size();
        if (slash > at)
            parts.emplace_back(path.substr(at, slash - at));
        at = slash + 1;
    }
    return parts;
}

} // namespace

std::vector<std::pair<std::string, std::string>> rawPathParameters(std::string_view resourcePath, const QByteArray &rawPath)
{
    std::vector<std::pair<std::string, std::string>> out;
    const std::vector<std::string> resource = split(resourcePath);
    const std::vector<std::string> actual = split(std::string_view(rawPath.constData(), size_t(rawPath.size())));
    for (size_t i = 0; i < resource.size() && i < actual.size(); ++i) {
        const std::string &part = resource[i];
        if (part.size() < 3 || part.front() != '{' || part.back() != '}')
            continue;
        if (part.size() > 3 && part[part.size() - 2] == '+') {
            std::string rest;
            for (size_t j = i; j < actual.size(); ++j)
                rest += (j > i ? "/" : "") + actual[j];
            out.emplace_back(part.substr(1, part.size() - 3), rest);
            break;
        }
        out.emplace_back(part.substr(1, part.size() - 2), actual[i]);
    }
    return out;
}

bool isBinaryMediaType(const QByteArray &contentType, const std::vector<std::string> &binaryMediaTypes)
{
    if (binaryMediaTypes.empty())
        return false;
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray type = (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    for (const std::string &binary : binaryMediaTypes) {
        const QByteArray pattern = QByteArray::fromStdString(binary).toLower();
        if (pattern == "*/*" || pattern == type)
            return true;
        if (pattern.endsWith("/*") && type.startsWith(pattern.left(pattern.size() - 1)))
            return true;
    }
    return false;
}

QByteArray restApiEvent(const RestApiEventInput &in)
{
    const HttpRequest &request = in.request;
    QByteArray out;
    out.reserve(1536 + request.body.size() * 4 / 3);
    JsonWriter w(out);
    w.beginObject();
    w.field("resource", in.resourcePath);
    w.field("path", in.pathWithoutStage).field("httpMethod", request.method);

    // Names as the service spells them; one entry per name (without case), the first spelling.
    writeV1Headers(w, groupHeaders(in.headers, eventHeaderName, true));
    writeV1Query(w, request.rawQuery());

    const auto pathParameters = rawPathParameters(in.resourcePath, in.pathWithoutStage);
    if (pathParameters.empty()) {
        w.key("pathParameters").null();
    } else {
        w.key("pathParameters").beginObject();
        for (const auto &[name, value] : pathParameters)
            w.field(name, value);
        w.endObject();
    }
    if (in.stageVariables && !in.stageVariables->empty()) {
        w.key("stageVariables").beginObject();
        for (const auto &[name, value] : *in.stageVariables)
            w.field(name, value);
        w.endObject();
    } else {
        w.key("stageVariables").null();
    }

    w.key("requestContext").beginObject();
    w.field("resourceId", in.resourceId).field("resourcePath", in.resourcePath).field("httpMethod", request.method);
    w.field("extendedRequestId", in.context.extendedRequestId);
    w.field("requestTime", clfTime(in.context.requestTimeEpochMs));
    QByteArray fullPath = request.path();
    while (fullPath.startsWith("//"))
        fullPath.remove(0, 1); // recorded: "//stage/x" -> "/stage/x", "/stage//x" kept
    w.field("path", fullPath).field("accountId", in.context.accountId).field("protocol", in.context.protocol);
    w.field("stage", in.context.stage).field("domainPrefix", in.context.domainPrefix);
    w.key("requestTimeEpoch").number(in.context.requestTimeEpochMs);
    w.field("requestId", in.context.requestId);
    w.key("identity").beginObject();
    for (const char *absent : {"cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller"})
        w.key(absent).null();
    w.field("sourceIp", in.context.sourceIp);
    w.key("principalOrgId").null();
    w.key("accessKey").null();
    w.key("cognitoAuthenticationType").null();
    w.key("cognitoAuthenticationProvider").null();
    w.key("userArn").null();
    // No User-Agent: REST sends null where HTTP APIs send "" (aws-lambda-dotnet-recorded,
    // V1_UrlEncodedQueryStringRest against V1_UrlEncodedQueryStringHttpV1).
    if (const QByteArray userAgent = request.header("user-agent"); userAgent.isNull())
        w.key("userAgent").null();
    else
        w.field("userAgent", userAgent);
    w.key("user").null();
    w.endObject();
    w.field("domainName", in.context.domainName).field("deploymentId", in.deploymentId).field("apiId", in.context.apiId);
    w.endObject();

    if (request.body.isEmpty()) {
        w.key("body").null();
        w.key("isBase64Encoded").boolean(false);
    } else if (isBinaryMediaType(request.header("content-type"), in.binaryMediaTypes)) {
        w.field("body", request.body.toBase64());
        w.key("isBase64Encoded").boolean(true);
    } else {
        w.field("body", request.body);
        w.key("isBase64Encoded").boolean(false);
    }
    w.endObject();
    return out;
}

} // namespace gw
