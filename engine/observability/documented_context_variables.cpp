#include "documented_context_variables.h"

#include <QString>

#include <algorithm>
#include <initializer_list>
#include <iterator>

namespace gw {

namespace {

// http-api-logging-variables.html, the table's names (the ones with "property" take any name).
const char16_t *const kHttpNames[] = {
    u"accountId", u"apiId", u"authorizer.error", u"authorizer.principalId", u"awsEndpointRequestId",
    u"awsEndpointRequestId2", u"customDomain.basePathMatched", u"dataProcessed", u"domainName", u"domainPrefix",
    u"error.message", u"error.messageString", u"error.responseType", u"extendedRequestId", u"httpMethod",
    u"identity.accountId", u"identity.caller", u"identity.cognitoAuthenticationProvider",
    u"identity.cognitoAuthenticationType", u"identity.cognitoIdentityId", u"identity.cognitoIdentityPoolId",
    u"identity.principalOrgId", u"identity.clientCert.clientCertPem", u"identity.clientCert.subjectDN",
    u"identity.clientCert.issuerDN", u"identity.clientCert.serialNumber", u"identity.clientCert.validity.notBefore",
    u"identity.clientCert.validity.notAfter", u"identity.sourceIp", u"identity.user", u"identity.userAgent",
    u"identity.userArn", u"integration.error", u"integration.integrationStatus", u"integration.latency",
    u"integration.requestId", u"integration.status", u"integrationErrorMessage", u"integrationLatency",
    u"integrationStatus", u"path", u"protocol", u"requestId", u"requestTime", u"requestTimeEpoch", u"responseLatency",
    u"responseLength", u"routeKey", u"stage", u"status",
};

// api-gateway-variables-for-access-logging.html and api-gateway-mapping-template-reference.html
// (REST): both tables, as ../shared/conformance/vtl/documented-variables.json lists them, plus the
// newer page's deploymentId, isCanaryRequest and VPC identity names.
const char16_t *const kRestNames[] = {
    u"accountId", u"apiId", u"authorizer.principalId", u"awsEndpointRequestId", u"deploymentId", u"domainName",
    u"domainPrefix", u"error.message", u"error.messageString", u"error.responseType", u"error.validationErrorString",
    u"extendedRequestId", u"httpMethod", u"identity.accountId", u"identity.apiKey", u"identity.apiKeyId",
    u"identity.caller", u"identity.cognitoAuthenticationProvider", u"identity.cognitoAuthenticationType",
    u"identity.cognitoIdentityId", u"identity.cognitoIdentityPoolId", u"identity.principalOrgId",
    u"identity.sourceIp", u"identity.clientCert.clientCertPem", u"identity.clientCert.subjectDN",
    u"identity.clientCert.issuerDN", u"identity.clientCert.serialNumber", u"identity.clientCert.validity.notBefore",
    u"identity.clientCert.validity.notAfter", u"identity.user", u"identity.userAgent", u"identity.userArn",
    u"identity.vpcId", u"identity.vpceId", u"isCanaryRequest", u"path", u"protocol", u"requestId",
    u"responseOverride.status", u"requestTime", u"requestTimeEpoch", u"resourceId", u"resourcePath", u"stage",
    u"wafResponseCode", u"webaclArn",
    // access logging only
    u"authorize.error", u"authorize.latency", u"authorize.status", u"authorizer.error",
    u"authorizer.integrationLatency", u"authorizer.integrationStatus", u"authorizer.latency", u"authorizer.requestId",
    u"authorizer.status", u"authenticate.error", u"authenticate.latency", u"authenticate.status",
    u"customDomain.basePathMatched", u"integration.error", u"integration.integrationStatus", u"integration.latency",
    u"integration.requestId", u"integration.status", u"integrationErrorMessage", u"integrationLatency",
    u"integrationStatus", u"responseLatency", u"responseLength", u"status", u"waf.error", u"waf.latency",
    u"waf.status", u"xrayTraceId",
};

// websocket-api-logging.html's table.
const char16_t *const kWebSocketNames[] = {
    u"apiId", u"authorize.error", u"authorize.latency", u"authorize.status", u"authorizer.error",
    u"authorizer.integrationLatency", u"authorizer.integrationStatus", u"authorizer.latency", u"authorizer.requestId",
    u"authorizer.status", u"authorizer.principalId", u"authenticate.error", u"authenticate.latency",
    u"authenticate.status", u"connectedAt", u"connectionId", u"domainName", u"error.message", u"error.messageString",
    u"error.responseType", u"error.validationErrorString", u"eventType", u"extendedRequestId", u"identity.accountId",
    u"identity.apiKey", u"identity.apiKeyId", u"identity.caller", u"identity.cognitoAuthenticationProvider",
    u"identity.cognitoAuthenticationType", u"identity.cognitoIdentityId", u"identity.cognitoIdentityPoolId",
    u"identity.principalOrgId", u"identity.sourceIp", u"identity.user", u"identity.userAgent", u"identity.userArn",
    u"integration.error", u"integration.integrationStatus", u"integration.latency", u"integration.requestId",
    u"integration.status", u"integrationLatency", u"integrationStatus", u"messageId", u"requestId", u"requestTime",
    u"requestTimeEpoch", u"routeKey", u"stage", u"status",
};

// "authorizer.claims.property", "requestOverride.header.header_name", ...: any name after the prefix.
bool hasOpenPrefix(QStringView name, std::initializer_list<QStringView> prefixes)
{
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](QStringView prefix) { return name.startsWith(prefix) && name.size() > prefix.size(); });
}

template <size_t N> bool listed(const char16_t *const (&names)[N], QStringView name)
{
    return std::any_of(std::begin(names), std::end(names), [&](const char16_t *known) { return name == QStringView(known); });
}

} // namespace

bool isDocumentedHttpApiLogVariable(QStringView name)
{
    if (name != QStringView(u"authorizer.claims") && hasOpenPrefix(name, {u"authorizer.claims.", u"authorizer."}))
        return true;
    return listed(kHttpNames, name);
}

bool isDocumentedRestApiLogVariable(QStringView name)
{
    if (name != QStringView(u"authorizer.claims") &&
        hasOpenPrefix(name, {u"authorizer.claims.", u"authorizer.", u"requestOverride.header.", u"requestOverride.path.",
                             u"requestOverride.querystring.", u"responseOverride.header."}))
        return true;
    return listed(kRestNames, name);
}

bool isDocumentedWebSocketApiLogVariable(QStringView name)
{
    if (hasOpenPrefix(name, {u"authorizer."}))
        return true;
    return listed(kWebSocketNames, name);
}

} // namespace gw
