#pragma once
// Everything the access log and the monitor know about one finished request (a plain value).
#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace gw {

struct AccessLogEntry {
    QByteArray requestId;          // $context.requestId (16 chars, like the service's)
    QByteArray apiId;              // $context.apiId
    QString apiName;
    QByteArray stage;              // $context.stage
    QByteArray routeKey;           // $context.routeKey ("-" when nothing matched)
    QByteArray httpMethod;         // $context.httpMethod
    QByteArray path;               // $context.path (decoded, with stage prefix)
    QByteArray protocol;           // $context.protocol
    QByteArray sourceIp;           // $context.identity.sourceIp
    QByteArray userAgent;          // $context.identity.userAgent
    QByteArray domainName;         // $context.domainName
    QByteArray domainPrefix;       // $context.domainPrefix (domainPrefixOf: the same in events)
    qint64 requestTimeEpochMs = 0; // $context.requestTimeEpoch
    int status = 0;                // $context.status
    qint64 responseLength = 0;     // $context.responseLength
    qint64 dataProcessed = 0;      // $context.dataProcessed (request body bytes)
    double responseLatencyMs = 0;  // $context.responseLatency (first byte in to response ready)
    double integrationLatencyMs = -1; // $context.integrationLatency; -1 when no integration answered
    int integrationStatus = 0;     // $context.integrationStatus (Lambda invoke status for AWS_PROXY)
    int integrationResponseStatus = 0; // $context.integration.status (function's or backend's status)
    QString integrationErrorMessage;   // $context.integrationErrorMessage
    QByteArray integrationRequestId;   // $context.integration.requestId (Lambda request id)
    QString errorMessage;          // $context.error.message ("Not Found", ...)
    QByteArray errorResponseType;  // $context.error.responseType
    QByteArray reason;             // machine-readable outcome: ok, not_found, integration_error, ...
    QString accountId;
    QString executionLog;          // function output and gateway notes for this request

    double overheadMs() const
    {
        return integrationLatencyMs >= 0 ? responseLatencyMs - integrationLatencyMs : responseLatencyMs;
    }
};

} // namespace gw

namespace gw {
// $context.domainPrefix for a Host header: its first label, or the API id when the host names no
// API (an IP address, "localhost:port", a single label).
QByteArray domainPrefixOf(const QByteArray &host, const QByteArray &apiId);
} // namespace gw

Q_DECLARE_METATYPE(gw::AccessLogEntry)
