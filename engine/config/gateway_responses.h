#pragma once
// The responses the gateway itself produces, per API type, with the service's status codes,
// bodies and $context.error.responseType names, plus the per-API overrides the model stores
// (REST APIs' gatewayResponses). HTTP API codes and bodies follow recordings of the service
// (../shared/conformance/events/aws-lambda-dotnet-recorded: *HandlesZeroStatusCode*).
#include "../common/http_message.h"
#include "../model/project.h"
#include "../observability/context_variables.h"

#include <array>
#include <optional>
#include <string_view>

namespace gw {

// The service's gateway response types (GatewayResponse.responseType), plus the refusals of the
// HTTP layer that HTTP APIs answer with a status of their own.
enum class GatewayResponseType : quint8 {
    Default4xx,
    Default5xx,
    AccessDenied,
    ApiConfigurationError,
    AuthorizerConfigurationError,
    AuthorizerFailure,
    BadRequestParameters,
    BadRequestBody,
    ExpiredToken,
    IntegrationFailure,
    IntegrationTimeout,
    InvalidApiKey,
    InvalidSignature,
    MissingAuthenticationToken,
    QuotaExceeded,
    RequestTooLarge,
    ResourceNotFound,
    Throttled,
    Unauthorized,
    UnsupportedMediaType,
    WafFiltered,
    RequestHeadersTooLarge, // 431: the request line and headers pass the quota
    MalformedRequest,       // 400: not HTTP
    UnsupportedHttpVersion, // 505: HTTP, but not 1.0 or 1.1
    // 502 for what a Lambda proxy integration returned that cannot be answered (a function error,
    // a malformed response): no type of its own on the service, so DEFAULT_5XX customises it and
    // $context.error.responseType names that.
    BadGateway,
    Count
};

// "DEFAULT_4XX", "MISSING_AUTHENTICATION_TOKEN", ...
const char *gatewayResponseTypeName(GatewayResponseType type);
std::optional<GatewayResponseType> gatewayResponseTypeNamed(std::string_view name);

// A gatewayresponse.header.NAME value: 'static', or read from the request or the stage.
struct GatewayResponseHeader {
    enum class Source : quint8 { Static, RequestHeader, RequestQuery, RequestPath, StageVariable };
    QByteArray name;
    Source source = Source::Static;
    QByteArray value; // the static text, or the name to read
};

// What a gateway response's parameters and template may read besides $context.
struct GatewayResponseInputs {
    const HttpRequest *request = nullptr;
    const std::map<std::string, std::string> *pathParameters = nullptr;
    const StringMap *stageVariables = nullptr;
};

struct GatewayResponseSpec {
    int status = 500;
    QByteArray message;               // the default body's "message" and $context.error.message
    std::vector<GatewayResponseHeader> headers; // set by overrides (gatewayresponse.header.NAME)
    QByteArray bodyTemplate;          // an override's application/json template; empty: {"message":...}
    // The default body written {"message": "..."}, with a space: REST APIs' integration failures
    // (recorded: header-mapping/*/map-* 500s are 36 bytes, `{"message": "Internal server error"}`).
    bool spacedDefault = false;
};

// One API's table: the defaults of its type with its overrides applied.
class GatewayResponses {
public:
    static GatewayResponses forApiType(ApiType type);
    // Applies {"TYPE": {"statusCode": "...", "responseParameters": {"gatewayresponse.header.X": "'v'"},
    // "responseTemplates": {"application/json": "..."}}}; unknown types are ignored (the checker reports them).
    // DEFAULT_4XX and DEFAULT_5XX stand for every type of their class the API does not customise
    // itself, their status code included (supported-gateway-response-types.html).
    void applyOverrides(const Json &gatewayResponses);

    const GatewayResponseSpec &spec(GatewayResponseType type) const { return m_specs[size_t(type)]; }
    // The response, its template's $context variables filled from values; $stageVariables and
    // method.request.* parameters from inputs when given.
    HttpResponse render(GatewayResponseType type, const ContextVariables &values, const GatewayResponseInputs &inputs = {}) const;
    // The type an HTTP-layer refusal (400, 413, 431, 505) is answered with.
    static GatewayResponseType forProtocolStatus(int status);

private:
    std::array<GatewayResponseSpec, size_t(GatewayResponseType::Count)> m_specs;
};

} // namespace gw
