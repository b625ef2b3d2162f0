#include "context_variables.h"

#include "../common/http_dates.h"

#include <cctype>
#include <cmath>

namespace gw {

namespace {

QByteArray orDash(const QByteArray &value)
{
    return value.isEmpty() ? QByteArray("-") : value;
}

QByteArray orDash(const QString &value)
{
    return value.isEmpty() ? QByteArray("-") : value.toUtf8();
}

QByteArray millis(double ms)
{
    return QByteArray::number(qint64(std::llround(ms)));
}

} // namespace

namespace {
struct Named {
    const char16_t *name;
    ContextVariable variable;
};

// Every name the access log prints a local value for, in the documentation's order.
const Named kNames[] = {
    {u"requestId", ContextVariable::RequestId},
    {u"extendedRequestId", ContextVariable::ExtendedRequestId},
    {u"apiId", ContextVariable::ApiId},
    {u"accountId", ContextVariable::AccountId},
    {u"stage", ContextVariable::Stage},
    {u"routeKey", ContextVariable::RouteKey},
    {u"httpMethod", ContextVariable::HttpMethod},
    {u"path", ContextVariable::Path},
    {u"protocol", ContextVariable::Protocol},
    {u"identity.sourceIp", ContextVariable::SourceIp},
    {u"identity.userAgent", ContextVariable::UserAgent},
    {u"domainName", ContextVariable::DomainName},
    {u"domainPrefix", ContextVariable::DomainPrefix},
    {u"requestTime", ContextVariable::RequestTime},
    {u"requestTimeEpoch", ContextVariable::RequestTimeEpoch},
    {u"status", ContextVariable::Status},
    {u"responseLength", ContextVariable::ResponseLength},
    {u"dataProcessed", ContextVariable::DataProcessed},
    {u"responseLatency", ContextVariable::ResponseLatency},
    {u"integrationLatency", ContextVariable::IntegrationLatency},
    {u"integration.latency", ContextVariable::IntegrationLatency},
    {u"integrationStatus", ContextVariable::IntegrationStatus},
    {u"integration.integrationStatus", ContextVariable::IntegrationStatus},
    {u"integration.status", ContextVariable::IntegrationResponseStatus},
    {u"integrationErrorMessage", ContextVariable::IntegrationErrorMessage},
    {u"integration.error", ContextVariable::IntegrationErrorMessage},
    {u"integration.requestId", ContextVariable::IntegrationRequestId},
    {u"error.message", ContextVariable::ErrorMessage},
    {u"error.messageString", ContextVariable::ErrorMessageString},
    {u"error.responseType", ContextVariable::ErrorResponseType},
    {u"connectionId", ContextVariable::ConnectionId},
    {u"eventType", ContextVariable::EventType},
    {u"messageId", ContextVariable::MessageId},
    {u"connectedAt", ContextVariable::ConnectedAt},
    {u"messageDirection", ContextVariable::MessageDirection},
    {u"authorizer.principalId", ContextVariable::AuthorizerPrincipalId},
};
} // namespace

QStringList contextVariableNames()
{
    QStringList names;
    for (const Named &n : kNames)
        names << QString::fromUtf16(n.name);
    return names;
}

std::optional<ContextVariable> contextVariableNamed(QStringView name)
{
    for (const Named &named : kNames)
        if (name == QStringView(named.name))
            return named.variable;
    return std::nullopt;
}

QByteArray contextValue(const ContextVariables &e, ContextVariable variable)
{
    switch (variable) {
    case ContextVariable::RequestId: return e.requestId;
    // REST APIs: the 16-character id of x-amz-apigw-id beside the UUID requestId; HTTP APIs have one id.
    case ContextVariable::ExtendedRequestId: return e.extendedRequestId.isEmpty() ? e.requestId : e.extendedRequestId;
    case ContextVariable::ApiId: return e.apiId;
    case ContextVariable::AccountId: return e.accountId;
    case ContextVariable::Stage: return e.stage;
    case ContextVariable::RouteKey: return orDash(e.routeKey);
    case ContextVariable::HttpMethod: return e.httpMethod;
    case ContextVariable::Path: return e.path;
    case ContextVariable::Protocol: return orDash(e.protocol);
    case ContextVariable::SourceIp: return e.sourceIp;
    case ContextVariable::UserAgent: return orDash(e.userAgent);
    case ContextVariable::DomainName: return e.domainName;
    case ContextVariable::DomainPrefix: return e.domainPrefix;
    case ContextVariable::RequestTime: return clfTime(e.requestTimeEpochMs);
    case ContextVariable::RequestTimeEpoch: return QByteArray::number(e.requestTimeEpochMs / 1000);
    case ContextVariable::Status: return QByteArray::number(e.status);
    case ContextVariable::ResponseLength: return QByteArray::number(e.responseLength);
    case ContextVariable::DataProcessed: return QByteArray::number(e.dataProcessed);
    case ContextVariable::ResponseLatency: return millis(e.responseLatencyMs);
    case ContextVariable::IntegrationLatency:
        return e.integrationLatencyMs < 0 ? QByteArray("-") : millis(e.integrationLatencyMs);
    case ContextVariable::IntegrationStatus:
        return e.integrationStatus ? QByteArray::number(e.integrationStatus) : QByteArray("-");
    case ContextVariable::IntegrationResponseStatus:
        return e.integrationResponseStatus ? QByteArray::number(e.integrationResponseStatus) : QByteArray("-");
    case ContextVariable::IntegrationErrorMessage: return orDash(e.integrationErrorMessage);
    case ContextVariable::IntegrationRequestId: return orDash(e.integrationRequestId);
    case ContextVariable::ErrorMessage: return orDash(e.errorMessage);
    case ContextVariable::ErrorMessageString:
        return e.errorMessage.isEmpty() ? QByteArray("-") : "\"" + e.errorMessage.toUtf8() + "\"";
    case ContextVariable::ErrorResponseType: return orDash(e.errorResponseType);
    case ContextVariable::ConnectionId: return orDash(e.connectionId);
    case ContextVariable::EventType: return orDash(e.eventType);
    case ContextVariable::MessageId: return orDash(e.messageId);
    case ContextVariable::ConnectedAt: return e.connectedAtMs ? QByteArray::number(e.connectedAtMs) : QByteArray("-");
    case ContextVariable::MessageDirection: return e.eventType.isEmpty() ? QByteArray("-") : QByteArray("IN");
    case ContextVariable::AuthorizerPrincipalId: return e.authorizer ? orDash(e.authorizer->principalId) : QByteArray("-");
    }
    return {};
}

QByteArray domainPrefixOf(const QByteArray &host, const QByteArray &apiId)
{
    const qsizetype dot = host.indexOf('.');
    const QByteArrayView first(host.constData(), dot < 0 ? 0 : dot);
    if (first.isEmpty() || std::isdigit(static_cast<unsigned char>(first[0])) || first.contains(':'))
        return apiId;
    return first.toByteArray();
}

} // namespace gw
