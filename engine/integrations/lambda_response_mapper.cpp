#include "lambda_response_mapper.h"

#include <nlohmann/json.hpp>

namespace gw {

using nlohmann::json;

namespace {

const QByteArray kDefaultContentType = "text/plain; charset=utf-8"; // recorded: V2_DefaultsToTextPlainContentType

MappedLambdaResponse invalid(const QString &why)
{
    MappedLambdaResponse mapped;
    mapped.error = why;
    return mapped;
}

QByteArray toBytes(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

// Header values may be strings, numbers or booleans; anything else makes the response invalid.
std::optional<QByteArray> headerValue(const json &value)
{
    if (value.is_string())
        return toBytes(value.get<std::string>());
    if (value.is_boolean())
        return value.get<bool>() ? QByteArray("true") : QByteArray("false");
    if (value.is_number_integer())
        return QByteArray::number(value.get<qint64>());
    if (value.is_number())
        return toBytes(value.dump());
    return std::nullopt;
}

std::optional<int> statusCodeOf(const json &value)
{
    int code = -1;
    if (value.is_number_integer())
        code = value.get<int>();
    else if (value.is_string()) {
        bool ok = false;
        code = QByteArray::fromStdString(value.get<std::string>()).toInt(&ok);
        if (!ok)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (code < 100 || code > 599) // 0 is refused by the service (recorded: *HandlesZeroStatusCode*)
        return std::nullopt;
    return code;
}

// Shared by 2.0 (statusCode given) and 1.0: statusCode, body, isBase64Encoded.
bool readStatusAndBody(const json &output, HttpResponse &response, QString *error)
{
    const auto status = statusCodeOf(output["statusCode"]);
    if (!status) {
        *error = QStringLiteral("Lambda proxy response has an invalid statusCode: %1")
                     .arg(QString::fromStdString(output["statusCode"].dump()));
        return false;
    }
    response.status = *status;
    const json &body = output.contains("body") ? output["body"] : json(nullptr);
    if (!body.is_null() && !body.is_string()) {
        *error = QStringLiteral("Lambda proxy response body must be a string");
        return false;
    }
    const bool base64 = output.contains("isBase64Encoded") && output["isBase64Encoded"].is_boolean() &&
                        output["isBase64Encoded"].get<bool>();
    if (body.is_string()) {
        const QByteArray text = toBytes(body.get<std::string>());
        if (base64) {
            auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                *error = QStringLiteral("Lambda proxy response body is not valid base64");
                return false;
            }
            response.body = *decoded;
        } else {
            response.body = text;
        }
    }
    return true;
}

// With firstSpelling, a name already there (compared without case) keeps its first spelling.
void addHeader(HttpResponse &response, const std::string &name, const QByteArray &value, bool firstSpelling)
{
    QByteArray spelled = toBytes(name);
    if (firstSpelling)
        for (const HttpHeader &h : response.headers)
            if (h.name.compare(spelled, Qt::CaseInsensitive) == 0) {
                spelled = h.name;
                break;
            }
    response.addHeader(spelled, value);
}

bool readHeaders(const json &headers, HttpResponse &response, QString *error, bool firstSpelling = false)
{
    if (headers.is_null())
        return true;
    if (!headers.is_object()) {
        *error = QStringLiteral("Lambda proxy response headers must be an object");
        return false;
    }
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (it->is_null())
            continue;
        const auto value = headerValue(*it);
        if (!value) {
            *error = QStringLiteral("Lambda proxy response header %1 has an invalid value").arg(QString::fromStdString(it.key()));
            return false;
        }
        addHeader(response, it.key(), *value, firstSpelling);
    }
    return true;
}

bool readMultiValueHeaders(const json &multi, HttpResponse &response, QString *error, bool firstSpelling = false)
{
    if (multi.is_null())
        return true;
    if (!multi.is_object()) {
        *error = QStringLiteral("Lambda proxy response multiValueHeaders must be an object");
        return false;
    }
    for (auto it = multi.begin(); it != multi.end(); ++it) {
        if (it->is_null())
            continue;
        if (!it->is_array()) {
            *error = QStringLiteral("multiValueHeaders.%1 must be an array").arg(QString::fromStdString(it.key()));
            return false;
        }
        for (const json &value : *it) {
            const auto text = headerValue(value);
            if (!text) {
                *error = QStringLiteral("multiValueHeaders.%1 has an invalid value").arg(QString::fromStdString(it.key()));
                return false;
            }
            addHeader(response, it.key(), *text, firstSpelling);
        }
    }
    return true;
}

} // namespace

MappedLambdaResponse mapHttpApiLambdaResponseV2(const QByteArray &payload)
{
    const json output = json::parse(payload.constData(), payload.constData() + payload.size(), nullptr, false);
    if (output.is_discarded())
        return invalid(QStringLiteral("Lambda returned a response that is not valid JSON"));

    MappedLambdaResponse mapped;
    HttpResponse response;
    if (!output.is_object() || !output.contains("statusCode")) {
        // "If your Lambda function returns valid JSON and doesn't return a statusCode, API Gateway
        // assumes 200, application/json and the output as the body" (http-api-develop-integrations-lambda.html).
        response.status = 200;
        response.setHeader("content-type", "application/json");
        response.body = output.is_string() ? toBytes(output.get<std::string>()) : payload;
        mapped.functionStatus = 200;
        mapped.response = std::move(response);
        return mapped;
    }
    QString error;
    if (!readStatusAndBody(output, response, &error) || !readHeaders(output.value("headers", json(nullptr)), response, &error))
        return invalid(error);
    if (output.contains("cookies") && !output["cookies"].is_null()) {
        if (!output["cookies"].is_array())
            return invalid(QStringLiteral("Lambda proxy response cookies must be an array of strings"));
        for (const json &cookie : output["cookies"]) {
            if (!cookie.is_string())
                return invalid(QStringLiteral("Lambda proxy response cookies must be an array of strings"));
            response.addHeader("set-cookie", toBytes(cookie.get<std::string>()));
        }
    }
    if (!response.hasHeader("content-type"))
        response.setHeader("content-type", kDefaultContentType);
    mapped.functionStatus = response.status;
    mapped.response = std::move(response);
    return mapped;
}

MappedLambdaResponse mapHttpApiLambdaResponseV1(const QByteArray &payload)
{
    const json output = json::parse(payload.constData(), payload.constData() + payload.size(), nullptr, false);
    if (output.is_discarded())
        return invalid(QStringLiteral("Lambda returned a response that is not valid JSON"));
    if (!output.is_object() || !output.contains("statusCode"))
        return invalid(QStringLiteral("Lambda proxy response (payload 1.0) needs a statusCode"));
    HttpResponse response;
    QString error;
    // multiValueHeaders come after the single-value ones: HTTP APIs send "single, multi..."
    // (recorded: V1_CombinesSingleAndMultiValueHeadersHttpV1).
    if (!readStatusAndBody(output, response, &error) || !readHeaders(output.value("headers", json(nullptr)), response, &error) ||
        !readMultiValueHeaders(output.value("multiValueHeaders", json(nullptr)), response, &error))
        return invalid(error);
    if (!response.hasHeader("content-type"))
        response.setHeader("content-type", kDefaultContentType);
    MappedLambdaResponse mapped;
    mapped.functionStatus = response.status;
    mapped.response = std::move(response);
    return mapped;
}

// REST APIs read a proxy response more strictly and more leniently than HTTP APIs, as the
// recordings show (../shared/conformance/rest-recorded, lambda-proxy-response/rest-v1/*): only
// the five known keys (another is malformed); no statusCode is 200; multiValueHeaders come
// before headers, one header whatever the casing (the first spelling); application/json when
// the function sets no Content-Type.
MappedLambdaResponse mapRestLambdaResponse(const QByteArray &payload, bool binaryAccepted)
{
    const json output = json::parse(payload.constData(), payload.constData() + payload.size(), nullptr, false);
    if (output.is_discarded() || !output.is_object())
        return invalid(QStringLiteral("Malformed Lambda proxy response: it is not a JSON object"));
    for (auto it = output.begin(); it != output.end(); ++it)
        if (it.key() != "statusCode" && it.key() != "headers" && it.key() != "multiValueHeaders" && it.key() != "body" &&
            it.key() != "isBase64Encoded")
            return invalid(QStringLiteral("Malformed Lambda proxy response: unknown field %1").arg(QString::fromStdString(it.key())));
    HttpResponse response;
    response.status = 200;
    if (output.contains("statusCode") && !output["statusCode"].is_null()) {
        const auto status = statusCodeOf(output["statusCode"]);
        if (!status)
            return invalid(QStringLiteral("Malformed Lambda proxy response: statusCode %1").arg(QString::fromStdString(output["statusCode"].dump())));
        response.status = *status;
    }
    const json body = output.value("body", json(nullptr));
    if (!body.is_null() && !body.is_string())
        return invalid(QStringLiteral("Malformed Lambda proxy response: body must be a string"));
    const json base64 = output.value("isBase64Encoded", json(false));
    if (!base64.is_boolean() && !base64.is_null())
        return invalid(QStringLiteral("Malformed Lambda proxy response: isBase64Encoded must be a boolean"));
    if (body.is_string()) {
        response.body = toBytes(body.get<std::string>());
        if (base64.is_boolean() && base64.get<bool>() && binaryAccepted)
            response.body = QByteArray::fromBase64(response.body);
    }
    QString error;
    if (!readMultiValueHeaders(output.value("multiValueHeaders", json(nullptr)), response, &error, true) ||
        !readHeaders(output.value("headers", json(nullptr)), response, &error, true))
        return invalid(error);
    if (!response.hasHeader("content-type"))
        response.setHeader("Content-Type", "application/json");
    MappedLambdaResponse mapped;
    mapped.functionStatus = response.status;
    mapped.response = std::move(response);
    return mapped;
}

MappedLambdaResponse mapWebSocketLambdaResponse(const QByteArray &payload)
{
    HttpResponse response;
    response.status = 200;
    const QByteArray trimmed = payload.trimmed();
    const json output = trimmed.isEmpty() ? json(nullptr)
                                          : json::parse(payload.constData(), payload.constData() + payload.size(), nullptr, false);
    if (output.is_discarded())
        return invalid(QStringLiteral("Malformed Lambda proxy response: it is not JSON"));
    if (!output.is_null()) {
        if (!output.is_object())
            return invalid(QStringLiteral("Malformed Lambda proxy response: it is not a JSON object"));
        // Other keys make the answer malformed: the client gets the "Internal server error" frame
        // (middyjs/middy issue 1219: {ConnectionId, Data, statusCode}).
        for (auto it = output.begin(); it != output.end(); ++it)
            if (it.key() != "statusCode" && it.key() != "headers" && it.key() != "multiValueHeaders" && it.key() != "body" &&
                it.key() != "isBase64Encoded")
                return invalid(QStringLiteral("Malformed Lambda proxy response: unknown field %1").arg(QString::fromStdString(it.key())));
        if (auto status = output.find("statusCode"); status != output.end() && !status->is_null()) {
            const auto code = statusCodeOf(*status);
            if (!code)
                return invalid(QStringLiteral("Malformed Lambda proxy response: statusCode is not a number"));
            response.status = *code;
        }
        if (auto body = output.find("body"); body != output.end() && !body->is_null())
            response.body = QByteArray::fromStdString(body->is_string() ? body->get<std::string>() : body->dump());
        // A $connect's headers go into the handshake's answer (Sec-WebSocket-Protocol:
        // websocket-connect-route-subprotocol.html).
        QString error;
        if (!readHeaders(output.value("headers", json(nullptr)), response, &error))
            return invalid(error);
    }
    MappedLambdaResponse mapped;
    mapped.functionStatus = response.status;
    mapped.response = std::move(response);
    return mapped;
}

} // namespace gw
