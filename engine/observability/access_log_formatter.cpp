#include "access_log_formatter.h"

#include "../common/byte_append.h"
#include "../common/json_writer.h"

#include <QDateTime>
#include <cmath>
#include <ctime>

namespace gw {

QString defaultAccessLogFormat()
{
    return QStringLiteral(
        R"({"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime",)"
        R"("httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status",)"
        R"("protocol":"$context.protocol","responseLength":"$context.responseLength",)"
        R"("integrationLatency":"$context.integrationLatency","responseLatency":"$context.responseLatency",)"
        R"("integrationStatus":"$context.integrationStatus","integrationErrorMessage":"$context.integrationErrorMessage"})");
}

QByteArray clfTime(qint64 epochMs)
{
    const std::time_t seconds = std::time_t(epochMs / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[40];
    const size_t n = std::strftime(buffer, sizeof buffer, "%d/%b/%Y:%H:%M:%S +0000", &tm);
    return QByteArray(buffer, qsizetype(n));
}

QByteArray domainPrefixOf(const QByteArray &host, const QByteArray &apiId)
{
    const qsizetype dot = host.indexOf('.');
    const QByteArray first = host.left(dot);
    if (first.isEmpty() || std::isdigit(static_cast<unsigned char>(first[0])) || first.contains(':') || dot < 0)
        return apiId;
    return first;
}

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

enum class Var {
    RequestId, ApiId, AccountId, Stage, RouteKey, HttpMethod, Path, Protocol, SourceIp, UserAgent, DomainName,
    DomainPrefix, RequestTime, RequestTimeEpoch, Status, ResponseLength, DataProcessed, ResponseLatency,
    IntegrationLatency, IntegrationStatus, IntegrationResponseStatus, IntegrationErrorMessage, IntegrationRequestId,
    ErrorMessage, ErrorMessageString, ErrorResponseType,
};

std::optional<Var> variableNamed(QStringView name)
{
    struct Named {
        const char16_t *name;
        Var var;
    };
    static const Named kNames[] = {
        {u"requestId", Var::RequestId},
        {u"extendedRequestId", Var::RequestId},
        {u"apiId", Var::ApiId},
        {u"accountId", Var::AccountId},
        {u"stage", Var::Stage},
        {u"routeKey", Var::RouteKey},
        {u"httpMethod", Var::HttpMethod},
        {u"path", Var::Path},
        {u"protocol", Var::Protocol},
        {u"identity.sourceIp", Var::SourceIp},
        {u"identity.userAgent", Var::UserAgent},
        {u"domainName", Var::DomainName},
        {u"domainPrefix", Var::DomainPrefix},
        {u"requestTime", Var::RequestTime},
        {u"requestTimeEpoch", Var::RequestTimeEpoch},
        {u"status", Var::Status},
        {u"responseLength", Var::ResponseLength},
        {u"dataProcessed", Var::DataProcessed},
        {u"responseLatency", Var::ResponseLatency},
        {u"integrationLatency", Var::IntegrationLatency},
        {u"integration.latency", Var::IntegrationLatency},
        {u"integrationStatus", Var::IntegrationStatus},
        {u"integration.integrationStatus", Var::IntegrationStatus},
        {u"integration.status", Var::IntegrationResponseStatus},
        {u"integrationErrorMessage", Var::IntegrationErrorMessage},
        {u"integration.error", Var::IntegrationErrorMessage},
        {u"integration.requestId", Var::IntegrationRequestId},
        {u"error.message", Var::ErrorMessage},
        {u"error.messageString", Var::ErrorMessageString},
        {u"error.responseType", Var::ErrorResponseType},
    };
    for (const Named &named : kNames)
        if (name == QStringView(named.name))
            return named.var;
    return std::nullopt;
}

// The request time changes once a second while thousands of lines share it.
QByteArray cachedClfTime(qint64 epochMs)
{
    thread_local qint64 second = -1;
    thread_local QByteArray text;
    if (epochMs / 1000 != second) {
        second = epochMs / 1000;
        text = clfTime(epochMs);
    }
    return text;
}

QByteArray valueOf(const AccessLogEntry &e, Var var)
{
    switch (var) {
    case Var::RequestId: return e.requestId;
    case Var::ApiId: return e.apiId;
    case Var::AccountId: return e.accountId.toUtf8();
    case Var::Stage: return e.stage;
    case Var::RouteKey: return orDash(e.routeKey);
    case Var::HttpMethod: return e.httpMethod;
    case Var::Path: return e.path;
    case Var::Protocol: return e.protocol;
    case Var::SourceIp: return e.sourceIp;
    case Var::UserAgent: return orDash(e.userAgent);
    case Var::DomainName: return e.domainName;
    case Var::DomainPrefix: return e.domainPrefix;
    case Var::RequestTime: return cachedClfTime(e.requestTimeEpochMs);
    case Var::RequestTimeEpoch: return QByteArray::number(e.requestTimeEpochMs / 1000);
    case Var::Status: return QByteArray::number(e.status);
    case Var::ResponseLength: return QByteArray::number(e.responseLength);
    case Var::DataProcessed: return QByteArray::number(e.dataProcessed);
    case Var::ResponseLatency: return millis(e.responseLatencyMs);
    case Var::IntegrationLatency: return e.integrationLatencyMs < 0 ? QByteArray("-") : millis(e.integrationLatencyMs);
    case Var::IntegrationStatus: return e.integrationStatus ? QByteArray::number(e.integrationStatus) : QByteArray("-");
    case Var::IntegrationResponseStatus:
        return e.integrationResponseStatus ? QByteArray::number(e.integrationResponseStatus) : QByteArray("-");
    case Var::IntegrationErrorMessage: return orDash(e.integrationErrorMessage);
    case Var::IntegrationRequestId: return orDash(e.integrationRequestId);
    case Var::ErrorMessage: return orDash(e.errorMessage);
    case Var::ErrorMessageString: return e.errorMessage.isEmpty() ? QByteArray("-") : "\"" + e.errorMessage.toUtf8() + "\"";
    case Var::ErrorResponseType: return orDash(e.errorResponseType);
    }
    return {};
}

} // namespace

std::optional<QByteArray> contextVariable(const AccessLogEntry &e, QStringView name)
{
    if (auto var = variableNamed(name))
        return valueOf(e, *var);
    return std::nullopt;
}

AccessLogFormat::AccessLogFormat(const QString &format)
{
    const QByteArray utf8 = format.toUtf8();
    QByteArray literal;
    qsizetype i = 0;
    while (i < utf8.size()) {
        const qsizetype at = utf8.indexOf("$context.", i);
        if (at < 0) {
            literal += utf8.mid(i);
            break;
        }
        literal += utf8.mid(i, at - i);
        qsizetype end = at + 9;
        while (end < utf8.size() && (std::isalnum(static_cast<unsigned char>(utf8[end])) || utf8[end] == '.' ||
                                     utf8[end] == '_'))
            ++end;
        // A trailing '.' belongs to the text, not to the name.
        while (end > at + 9 && utf8[end - 1] == '.')
            --end;
        if (auto var = variableNamed(QString::fromLatin1(utf8.mid(at + 9, end - at - 9)))) {
            m_parts.push_back({std::move(literal), int(*var)});
            literal.clear();
        } else {
            literal += utf8.mid(at, end - at); // unknown: left as written
        }
        i = end;
    }
    if (!literal.isEmpty())
        m_parts.push_back({std::move(literal), -1});
}

void AccessLogFormat::appendTo(QByteArray &out, const AccessLogEntry &entry) const
{
    out.reserve(out.size() + 512);
    for (const Part &part : m_parts) {
        appendAll(out, {part.literal});
        if (part.variable < 0)
            continue;
        // Values go inside JSON strings in the common formats; keep them valid JSON and UTF-8.
        const QByteArray value = valueOf(entry, Var(part.variable));
        appendJsonStringContent(out, std::string_view(value.constData(), size_t(value.size())));
    }
}

QByteArray formatAccessLog(const AccessLogEntry &entry, const QString &format)
{
    QByteArray out;
    AccessLogFormat(format).appendTo(out, entry);
    return out;
}

} // namespace gw
