#include "gateway_responses.h"

#include "../common/query_string.h"

#include <cstring>

namespace gw {

namespace {

struct TypeName {
    GatewayResponseType type;
    const char *name;
};

constexpr TypeName kNames[] = {
    {GatewayResponseType::Default4xx, "DEFAULT_4XX"},
    {GatewayResponseType::Default5xx, "DEFAULT_5XX"},
    {GatewayResponseType::AccessDenied, "ACCESS_DENIED"},
    {GatewayResponseType::ApiConfigurationError, "API_CONFIGURATION_ERROR"},
    {GatewayResponseType::AuthorizerConfigurationError, "AUTHORIZER_CONFIGURATION_ERROR"},
    {GatewayResponseType::AuthorizerFailure, "AUTHORIZER_FAILURE"},
    {GatewayResponseType::BadRequestParameters, "BAD_REQUEST_PARAMETERS"},
    {GatewayResponseType::BadRequestBody, "BAD_REQUEST_BODY"},
    {GatewayResponseType::ExpiredToken, "EXPIRED_TOKEN"},
    {GatewayResponseType::IntegrationFailure, "INTEGRATION_FAILURE"},
    {GatewayResponseType::IntegrationTimeout, "INTEGRATION_TIMEOUT"},
    {GatewayResponseType::InvalidApiKey, "INVALID_API_KEY"},
    {GatewayResponseType::InvalidSignature, "INVALID_SIGNATURE"},
    {GatewayResponseType::MissingAuthenticationToken, "MISSING_AUTHENTICATION_TOKEN"},
    {GatewayResponseType::QuotaExceeded, "QUOTA_EXCEEDED"},
    {GatewayResponseType::RequestTooLarge, "REQUEST_TOO_LARGE"},
    {GatewayResponseType::ResourceNotFound, "RESOURCE_NOT_FOUND"},
    {GatewayResponseType::Throttled, "THROTTLED"},
    {GatewayResponseType::Unauthorized, "UNAUTHORIZED"},
    {GatewayResponseType::UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"},
    {GatewayResponseType::WafFiltered, "WAF_FILTERED"},
    {GatewayResponseType::RequestHeadersTooLarge, "REQUEST_TOO_LARGE"},
    {GatewayResponseType::MalformedRequest, "BAD_REQUEST_BODY"},
    {GatewayResponseType::UnsupportedHttpVersion, "DEFAULT_5XX"},
    {GatewayResponseType::BadGateway, "DEFAULT_5XX"},
};

struct Default {
    GatewayResponseType type;
    int status;
    const char *message;
};

// HTTP APIs: the bodies the service sends (recorded where the recordings have them; the others
// follow the same {"message": reason phrase} pattern).
constexpr Default kHttpApi[] = {
    {GatewayResponseType::Default4xx, 400, "Bad Request"},
    {GatewayResponseType::Default5xx, 500, "Internal Server Error"},
    {GatewayResponseType::AccessDenied, 403, "Forbidden"},
    {GatewayResponseType::ApiConfigurationError, 500, "Internal Server Error"},
    {GatewayResponseType::AuthorizerConfigurationError, 500, "Internal Server Error"},
    {GatewayResponseType::AuthorizerFailure, 500, "Internal Server Error"},
    {GatewayResponseType::BadRequestParameters, 400, "Bad Request"},
    {GatewayResponseType::BadRequestBody, 400, "Bad Request"},
    {GatewayResponseType::ExpiredToken, 401, "Unauthorized"},
    {GatewayResponseType::IntegrationFailure, 500, "Internal Server Error"},
    {GatewayResponseType::IntegrationTimeout, 503, "Service Unavailable"},
    {GatewayResponseType::InvalidApiKey, 403, "Forbidden"},
    {GatewayResponseType::InvalidSignature, 403, "Forbidden"},
    {GatewayResponseType::MissingAuthenticationToken, 404, "Not Found"},
    {GatewayResponseType::QuotaExceeded, 429, "Too Many Requests"},
    {GatewayResponseType::RequestTooLarge, 413, "Request Entity Too Large"},
    {GatewayResponseType::ResourceNotFound, 404, "Not Found"},
    {GatewayResponseType::Throttled, 429, "Too Many Requests"},
    {GatewayResponseType::Unauthorized, 401, "Unauthorized"},
    {GatewayResponseType::UnsupportedMediaType, 415, "Unsupported Media Type"},
    {GatewayResponseType::WafFiltered, 403, "Forbidden"},
    {GatewayResponseType::RequestHeadersTooLarge, 431, "Request Header Fields Too Large"},
    {GatewayResponseType::MalformedRequest, 400, "Bad Request"},
    {GatewayResponseType::UnsupportedHttpVersion, 505, "HTTP Version Not Supported"},
    {GatewayResponseType::BadGateway, 500, "Internal Server Error"}, // as IntegrationFailure
};

// REST APIs (gateway responses reference, "Gateway response types"): the documented statuses
// and the service's default messages.
constexpr Default kRestApi[] = {
    {GatewayResponseType::Default4xx, 400, "Bad Request"},
    {GatewayResponseType::Default5xx, 500, "Internal server error"},
    {GatewayResponseType::AccessDenied, 403, "User is not authorized to access this resource"},
    {GatewayResponseType::ApiConfigurationError, 500, "Internal server error"},
    {GatewayResponseType::AuthorizerConfigurationError, 500, "Internal server error"},
    {GatewayResponseType::AuthorizerFailure, 500, "Internal server error"},
    {GatewayResponseType::BadRequestParameters, 400, "Missing required request parameters"},
    {GatewayResponseType::BadRequestBody, 400, "Invalid request body"},
    {GatewayResponseType::ExpiredToken, 403, "The security token included in the request is expired"},
    // 504 as GetGatewayResponses lists it (rest-recorded gateway-response-config/default/INTEGRATION_FAILURE);
    // what a Lambda proxy returns wrongly is BadGateway's 502.
    {GatewayResponseType::IntegrationFailure, 504, "Internal server error"},
    {GatewayResponseType::IntegrationTimeout, 504, "Endpoint request timed out"},
    {GatewayResponseType::InvalidApiKey, 403, "Forbidden"},
    {GatewayResponseType::InvalidSignature, 403, "The request signature we calculated does not match the signature you provided"},
    {GatewayResponseType::MissingAuthenticationToken, 403, "Missing Authentication Token"},
    {GatewayResponseType::QuotaExceeded, 429, "Limit Exceeded"},
    {GatewayResponseType::RequestTooLarge, 413, "Request Too Long"},
    {GatewayResponseType::ResourceNotFound, 404, "Not Found"},
    {GatewayResponseType::Throttled, 429, "Too Many Requests"},
    {GatewayResponseType::Unauthorized, 401, "Unauthorized"},
    {GatewayResponseType::UnsupportedMediaType, 415, "Unsupported Media Type"},
    {GatewayResponseType::WafFiltered, 403, "Forbidden"},
    {GatewayResponseType::RequestHeadersTooLarge, 431, "Request Header Fields Too Large"},
    {GatewayResponseType::MalformedRequest, 400, "Bad Request"},
    {GatewayResponseType::UnsupportedHttpVersion, 505, "HTTP Version Not Supported"},
    {GatewayResponseType::BadGateway, 502, "Internal server error"},
};

QByteArray jsonQuoted(const QByteArray &text)
{
    QByteArray out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

// A gateway response template is VTL in the service; the part used in practice (and by the
// service's own defaults) is $context substitution, which is what is filled in here.
QByteArray fillTemplate(const QByteArray &text, const ContextVariables &values, const StringMap *stageVariables)
{
    QByteArray out;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype context = text.indexOf("$context.", i);
        const qsizetype stage = text.indexOf("$stageVariables.", i);
        const bool isStage = stage >= 0 && (context < 0 || stage < context);
        const qsizetype at = isStage ? stage : context;
        if (at < 0) {
            out += text.mid(i);
            break;
        }
        out += text.mid(i, at - i);
        const qsizetype nameAt = at + (isStage ? 16 : 9);
        qsizetype end = nameAt;
        while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || (!isStage && text[end] == '.') ||
                                     (isStage && text[end] == '_')))
            ++end;
        while (end > nameAt && text[end - 1] == '.')
            --end;
        const QByteArray name = text.mid(nameAt, end - nameAt);
        if (isStage) {
            // A variable the stage does not set prints nothing, as the service's substitution does.
            if (stageVariables)
                if (auto found = stageVariables->find(name.toStdString()); found != stageVariables->end())
                    out += QByteArray::fromStdString(found->second);
        } else {
            const auto variable = contextVariableNamed(QString::fromLatin1(name));
            out += variable ? contextValue(values, *variable) : text.mid(at, end - at);
        }
        i = end;
    }
    return out;
}

} // namespace

const char *gatewayResponseTypeName(GatewayResponseType type)
{
    for (const TypeName &named : kNames)
        if (named.type == type)
            return named.name;
    return "DEFAULT_5XX";
}

std::optional<GatewayResponseType> gatewayResponseTypeNamed(std::string_view name)
{
    for (const TypeName &named : kNames)
        if (name == named.name && named.type < GatewayResponseType::RequestHeadersTooLarge)
            return named.type;
    return std::nullopt;
}

GatewayResponses GatewayResponses::forApiType(ApiType type)
{
    GatewayResponses table;
    const auto fill = [&](const auto &defaults) {
        for (const Default &d : defaults)
            table.m_specs[size_t(d.type)] = GatewayResponseSpec{d.status, d.message, {}, {}};
    };
    if (type == ApiType::Rest || type == ApiType::WebSocket) {
        fill(kRestApi);
        // A message that selects no route (and no $default) gets an error frame saying "Forbidden".
        if (type == ApiType::WebSocket)
            table.m_specs[size_t(GatewayResponseType::MissingAuthenticationToken)].message = "Forbidden";
        for (GatewayResponseType t : {GatewayResponseType::ApiConfigurationError, GatewayResponseType::IntegrationFailure,
                                      GatewayResponseType::IntegrationTimeout, GatewayResponseType::BadGateway})
            table.m_specs[size_t(t)].spacedDefault = true;
    }
    else
        fill(kHttpApi);
    return table;
}

namespace {

void applyOverride(GatewayResponseSpec &spec, const Json &override)
{
    if (auto status = override.find("statusCode"); status != override.end()) {
        if (status->is_string())
            spec.status = QByteArray::fromStdString(status->get<std::string>()).toInt();
        else if (status->is_number_integer())
            spec.status = status->get<int>();
    }
    if (auto parameters = override.find("responseParameters"); parameters != override.end() && parameters->is_object())
        for (auto p = parameters->begin(); p != parameters->end(); ++p) {
            static const std::string kPrefix = "gatewayresponse.header.";
            if (p.key().rfind(kPrefix, 0) != 0 || !p->is_string())
                continue;
            const std::string value = p->get<std::string>();
            GatewayResponseHeader header;
            header.name = QByteArray::fromStdString(p.key().substr(kPrefix.size()));
            static const std::pair<const char *, GatewayResponseHeader::Source> kSources[] = {
                {"method.request.header.", GatewayResponseHeader::Source::RequestHeader},
                {"method.request.querystring.", GatewayResponseHeader::Source::RequestQuery},
                {"method.request.path.", GatewayResponseHeader::Source::RequestPath},
                {"stageVariables.", GatewayResponseHeader::Source::StageVariable},
            };
            bool read = false;
            for (const auto &[prefix, source] : kSources)
                if (value.rfind(prefix, 0) == 0) {
                    header.source = source;
                    header.value = QByteArray::fromStdString(value.substr(std::strlen(prefix)));
                    read = true;
                }
            if (!read) // a static value, quoted or not
                header.value = QByteArray::fromStdString(value.size() >= 2 && value.front() == '\'' && value.back() == '\''
                                                             ? value.substr(1, value.size() - 2)
                                                             : value);
            spec.headers.push_back(std::move(header));
        }
    if (auto templates = override.find("responseTemplates"); templates != override.end() && templates->is_object())
        if (auto json = templates->find("application/json"); json != templates->end() && json->is_string())
            spec.bodyTemplate = QByteArray::fromStdString(json->get<std::string>());
}

// A query parameter's last value, as method.request.querystring.X reads it.
QByteArray lastQueryValue(const QByteArray &rawQuery, const QByteArray &name)
{
    for (const auto &[key, values] : parseQueryString(rawQuery))
        if (QByteArrayView(key.data(), qsizetype(key.size())) == name && !values.empty())
            return QByteArray::fromStdString(values.back());
    return {};
}

QByteArray headerValue(const GatewayResponseHeader &header, const GatewayResponseInputs &inputs)
{
    switch (header.source) {
    case GatewayResponseHeader::Source::Static: return header.value;
    case GatewayResponseHeader::Source::RequestHeader: return inputs.request ? inputs.request->header(header.value) : QByteArray();
    case GatewayResponseHeader::Source::RequestQuery:
        return inputs.request ? lastQueryValue(inputs.request->rawQuery(), header.value) : QByteArray();
    case GatewayResponseHeader::Source::RequestPath:
        if (inputs.pathParameters)
            if (auto found = inputs.pathParameters->find(header.value.toStdString()); found != inputs.pathParameters->end())
                return QByteArray::fromStdString(found->second);
        return {};
    case GatewayResponseHeader::Source::StageVariable:
        if (inputs.stageVariables)
            if (auto found = inputs.stageVariables->find(header.value.toStdString()); found != inputs.stageVariables->end())
                return QByteArray::fromStdString(found->second);
        return {};
    }
    return {};
}

} // namespace

void GatewayResponses::applyOverrides(const Json &gatewayResponses)
{
    if (!gatewayResponses.is_object())
        return;
    const auto overrideOf = [&](GatewayResponseType type) -> const Json * {
        auto found = gatewayResponses.find(gatewayResponseTypeName(type));
        return found != gatewayResponses.end() && found->is_object() ? &*found : nullptr;
    };
    const Json *default4xx = overrideOf(GatewayResponseType::Default4xx);
    const Json *default5xx = overrideOf(GatewayResponseType::Default5xx);
    for (size_t t = 0; t < size_t(GatewayResponseType::RequestHeadersTooLarge); ++t) {
        const auto type = GatewayResponseType(t);
        GatewayResponseSpec &spec = m_specs[t];
        if (const Json *own = overrideOf(type))
            applyOverride(spec, *own);
        else if (spec.status >= 400 && spec.status < 500 && default4xx)
            applyOverride(spec, *default4xx);
        else if (spec.status >= 500 && default5xx)
            applyOverride(spec, *default5xx);
    }
    if (default5xx)
        applyOverride(m_specs[size_t(GatewayResponseType::BadGateway)], *default5xx);
}

HttpResponse GatewayResponses::render(GatewayResponseType type, const ContextVariables &values, const GatewayResponseInputs &inputs) const
{
    const GatewayResponseSpec &spec = m_specs[size_t(type)];
    HttpResponse response;
    response.status = spec.status;
    response.headers.reserve(1 + spec.headers.size());
    response.headers.push_back({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    for (const GatewayResponseHeader &header : spec.headers)
        response.setHeader(header.name, headerValue(header, inputs));
    if (spec.bodyTemplate.isEmpty()) {
        QByteArray body;
        // $context.error.message: the type's message, or what the request's refusal said
        // ("Missing required request parameters: [a, b]").
        const QByteArray message = values.errorMessage.isEmpty() ? spec.message : values.errorMessage.toUtf8();
        appendAll(body, {spec.spacedDefault ? "{\"message\": " : "{\"message\":", jsonQuoted(message), "}"});
        response.body = std::move(body);
    } else {
        response.body = fillTemplate(spec.bodyTemplate, values, inputs.stageVariables);
    }
    return response;
}

GatewayResponseType GatewayResponses::forProtocolStatus(int status)
{
    switch (status) {
    case 413: return GatewayResponseType::RequestTooLarge;
    case 431: return GatewayResponseType::RequestHeadersTooLarge;
    case 505: return GatewayResponseType::UnsupportedHttpVersion;
    default: return GatewayResponseType::MalformedRequest;
    }
}

} // namespace gw
