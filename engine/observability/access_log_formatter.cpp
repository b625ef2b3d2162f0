#include "access_log_formatter.h"

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
// Values go inside JSON strings in the common formats; keep them valid.
QByteArray escapeForJsonString(const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size());
    for (char c : value) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += "\\u00" + QByteArray::number(static_cast<unsigned char>(c), 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    return out;
}
} // namespace

std::optional<QByteArray> contextVariable(const AccessLogEntry &e, QStringView name)
{
    if (name == u"requestId" || name == u"extendedRequestId")
        return e.requestId;
    if (name == u"apiId")
        return e.apiId;
    if (name == u"accountId")
        return e.accountId.toUtf8();
    if (name == u"stage")
        return e.stage;
    if (name == u"routeKey")
        return orDash(e.routeKey);
    if (name == u"httpMethod")
        return e.httpMethod;
    if (name == u"path")
        return e.path;
    if (name == u"protocol")
        return e.protocol;
    if (name == u"identity.sourceIp")
        return e.sourceIp;
    if (name == u"identity.userAgent")
        return orDash(e.userAgent);
    if (name == u"domainName")
        return e.domainName;
    if (name == u"domainPrefix")
        return e.domainName.left(qMax<qsizetype>(0, e.domainName.indexOf('.')));
    if (name == u"requestTime")
        return clfTime(e.requestTimeEpochMs);
    if (name == u"requestTimeEpoch")
        return QByteArray::number(e.requestTimeEpochMs / 1000);
    if (name == u"status")
        return QByteArray::number(e.status);
    if (name == u"responseLength")
        return QByteArray::number(e.responseLength);
    if (name == u"dataProcessed")
        return QByteArray::number(e.dataProcessed);
    if (name == u"responseLatency")
        return millis(e.responseLatencyMs);
    if (name == u"integrationLatency" || name == u"integration.latency")
        return e.integrationLatencyMs < 0 ? QByteArray("-") : millis(e.integrationLatencyMs);
    if (name == u"integrationStatus" || name == u"integration.integrationStatus")
        return e.integrationStatus ? QByteArray::number(e.integrationStatus) : QByteArray("-");
    if (name == u"integration.status")
        return e.integrationResponseStatus ? QByteArray::number(e.integrationResponseStatus) : QByteArray("-");
    if (name == u"integrationErrorMessage" || name == u"integration.error")
        return orDash(e.integrationErrorMessage);
    if (name == u"integration.requestId")
        return orDash(e.integrationRequestId);
    if (name == u"error.message")
        return orDash(e.errorMessage);
    if (name == u"error.messageString")
        return e.errorMessage.isEmpty() ? QByteArray("-") : "\"" + e.errorMessage.toUtf8() + "\"";
    if (name == u"error.responseType")
        return orDash(e.errorResponseType);
    return std::nullopt;
}

QByteArray formatAccessLog(const AccessLogEntry &entry, const QString &format)
{
    static const QString kPrefix = QStringLiteral("$context.");
    const QByteArray utf8 = format.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 128);
    qsizetype i = 0;
    while (i < utf8.size()) {
        const qsizetype at = utf8.indexOf("$context.", i);
        if (at < 0) {
            out += utf8.mid(i);
            break;
        }
        out += utf8.mid(i, at - i);
        qsizetype end = at + 9;
        while (end < utf8.size() && (std::isalnum(static_cast<unsigned char>(utf8[end])) || utf8[end] == '.' ||
                                     utf8[end] == '_'))
            ++end;
        // A trailing '.' belongs to the text, not to the name.
        while (end > at + 9 && utf8[end - 1] == '.')
            --end;
        const QString name = QString::fromLatin1(utf8.mid(at + 9, end - at - 9));
        if (auto value = contextVariable(entry, name))
            out += escapeForJsonString(*value);
        else
            out += utf8.mid(at, end - at);
        i = end;
    }
    return out;
}

} // namespace gw
