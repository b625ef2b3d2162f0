#pragma once
#include <QStringList>
// A request's $context values, set once as the request goes: the one source for the access
// log, the Lambda events and (later) mapping templates and parameter mapping.
#include "authorizer_context.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>

namespace gw {

struct ContextVariables {
    QByteArray requestId;          // $context.requestId (HTTP APIs: 16 chars; REST APIs: a UUID)
    QByteArray extendedRequestId;  // $context.extendedRequestId (REST APIs: the 16-char id)
    QByteArray apiId;              // $context.apiId
    QByteArray accountId;          // $context.accountId
    QByteArray stage;              // $context.stage
    QByteArray routeKey;           // $context.routeKey ("-" when nothing matched)
    QByteArray httpMethod;         // $context.httpMethod
    QByteArray path;               // $context.path (as sent, with stage prefix)
    QByteArray protocol;           // $context.protocol
    QByteArray sourceIp;           // $context.identity.sourceIp
    QByteArray userAgent;          // $context.identity.userAgent
    QByteArray domainName;         // $context.domainName
    QByteArray domainPrefix;       // $context.domainPrefix
    qint64 requestTimeEpochMs = 0; // $context.requestTimeEpoch (and requestTime)
    int status = 0;                // $context.status
    qint64 responseLength = 0;     // $context.responseLength
    qint64 dataProcessed = 0;      // $context.dataProcessed (request body bytes)
    double responseLatencyMs = 0;  // $context.responseLatency (first byte in to response ready)
    double integrationLatencyMs = -1; // $context.integrationLatency; -1 when no integration answered
    int integrationStatus = 0;     // $context.integrationStatus (Lambda's invoke status for AWS_PROXY)
    int integrationResponseStatus = 0; // $context.integration.status (the function's or backend's status)
    QString integrationErrorMessage;   // $context.integrationErrorMessage
    QByteArray integrationRequestId;   // $context.integration.requestId (Lambda request id)
    QString errorMessage;          // $context.error.message ("Not Found", ...)
    QByteArray errorResponseType;  // $context.error.responseType
    // WebSocket APIs (apigateway-websocket-api-mapping-template-reference.html).
    QByteArray connectionId;       // $context.connectionId
    QByteArray eventType;          // $context.eventType: CONNECT | MESSAGE | DISCONNECT
    QByteArray messageId;          // $context.messageId (MESSAGE events only)
    qint64 connectedAtMs = 0;      // $context.connectedAt
    int disconnectStatusCode = 0;  // DISCONNECT: the close code ($context.disconnectStatusCode)
    QByteArray disconnectReason;   // DISCONNECT: the close reason ($context.disconnectReason)
    AuthorizerContextPtr authorizer; // what the authorizer returned ($context.authorizer.*); null: none ran

    double overheadMs() const
    {
        return integrationLatencyMs >= 0 ? responseLatencyMs - integrationLatencyMs : responseLatencyMs;
    }
};

// The documented $context variables that have a local value.
enum class ContextVariable {
    RequestId, ApiId, AccountId, Stage, RouteKey, HttpMethod, Path, Protocol, SourceIp, UserAgent, DomainName,
    DomainPrefix, RequestTime, RequestTimeEpoch, Status, ResponseLength, DataProcessed, ResponseLatency,
    IntegrationLatency, IntegrationStatus, IntegrationResponseStatus, IntegrationErrorMessage, IntegrationRequestId,
    ErrorMessage, ErrorMessageString, ErrorResponseType, ConnectionId, EventType, MessageId, ConnectedAt,
    MessageDirection, ExtendedRequestId, AuthorizerPrincipalId,
};

// "requestId", "identity.sourceIp", ... (without "$context."); nullopt for a name we do not know.
std::optional<ContextVariable> contextVariableNamed(QStringView name);
// Every name contextVariableNamed knows, in the documentation's order (for completion).
QStringList contextVariableNames();
// The value as the access log prints it ("-" for what is not set).
QByteArray contextValue(const ContextVariables &values, ContextVariable variable);

// $context.domainPrefix for a Host: its first label, or the API id when the host names no API
// (an IP address, "localhost:port", a single label).
QByteArray domainPrefixOf(const QByteArray &host, const QByteArray &apiId);

} // namespace gw
