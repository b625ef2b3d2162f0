#include "documented_context_variables.h"

#include <QString>

#include <algorithm>
#include <iterator>

namespace gw {

namespace {

// http-api-logging-variables.html, the table's names (the two with "property" take any name).
const char16_t *const kNames[] = {
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

} // namespace

bool isDocumentedHttpApiLogVariable(QStringView name)
{
    // $context.authorizer.claims.property and $context.authorizer.property: any name after the prefix.
    for (QStringView prefix : {QStringView(u"authorizer.claims."), QStringView(u"authorizer.")})
        if (name.startsWith(prefix) && name.size() > prefix.size() && name != QStringView(u"authorizer.claims"))
            return true;
    return std::any_of(std::begin(kNames), std::end(kNames), [&](const char16_t *known) { return name == QStringView(known); });
}

} // namespace gw
