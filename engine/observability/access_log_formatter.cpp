#include "access_log_formatter.h"

#include "../common/byte_append.h"
#include "../common/json_writer.h"

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

std::optional<QByteArray> contextVariable(const ContextVariables &e, QStringView name)
{
    if (auto variable = contextVariableNamed(name))
        return contextValue(e, *variable);
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
        if (auto var = contextVariableNamed(QString::fromLatin1(utf8.mid(at + 9, end - at - 9)))) {
            m_parts.push_back({std::move(literal), int(*var)});
            literal.clear();
        } else {
            // The service prints "-" for a variable that has no value here ($context.authorizer.error
            // without an authorizer) and for one it does not know.
            m_parts.push_back({std::move(literal), kUnset});
            literal.clear();
        }
        i = end;
    }
    if (!literal.isEmpty())
        m_parts.push_back({std::move(literal), kNoVariable});
}

void AccessLogFormat::appendTo(QByteArray &out, const ContextVariables &entry) const
{
    out.reserve(out.size() + 512);
    for (const Part &part : m_parts) {
        appendAll(out, {part.literal});
        if (part.variable == kNoVariable)
            continue;
        if (part.variable == kUnset) {
            out += '-';
            continue;
        }
        if (part.variable == int(ContextVariable::ErrorMessageString)) {
            // Already a JSON string, quotes included (http-api-logging-variables: "The quoted value
            // of $context.error.message"), so `"error": $context.error.messageString` stays JSON.
            const QByteArray message = entry.errorMessage.isEmpty() ? QByteArray("-") : entry.errorMessage.toUtf8();
            out += '"';
            appendJsonStringContent(out, std::string_view(message.constData(), size_t(message.size())));
            out += '"';
            continue;
        }
        // Values go inside JSON strings in the common formats; keep them valid JSON and UTF-8.
        const QByteArray value = contextValue(entry, ContextVariable(part.variable));
        appendJsonStringContent(out, std::string_view(value.constData(), size_t(value.size())));
    }
}

QByteArray formatAccessLog(const ContextVariables &entry, const QString &format)
{
    QByteArray out;
    AccessLogFormat(format).appendTo(out, entry);
    return out;
}

} // namespace gw
