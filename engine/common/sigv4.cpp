#include "sigv4.h"

#include "percent_encoding.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMessageAuthenticationCode>

#include <algorithm>
#include <map>

namespace gw {

namespace {
bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
           c == '~';
}

// RFC 3986 encoding as SigV4 wants it: unreserved characters kept, the rest %XX in upper case.
QByteArray uriEncode(QByteArrayView bytes, bool keepSlash)
{
    static const char kHex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size());
    for (char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out += c;
        } else {
            out += '%';
            out += kHex[(uchar(c) >> 4) & 0xf];
            out += kHex[uchar(c) & 0xf];
        }
    }
    return out;
}

// RFC 3986 §5.2.4 (dot segments) with repeated slashes made one, a trailing slash kept.
QByteArray normalizedPath(const QByteArray &path)
{
    std::vector<QByteArray> kept;
    const QList<QByteArray> segments = path.split('/');
    for (const QByteArray &segment : segments) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!kept.empty())
                kept.pop_back();
            continue;
        }
        kept.push_back(segment);
    }
    QByteArray out;
    for (const QByteArray &segment : kept)
        out += '/' + segment;
    const bool trailing = !kept.empty() && (path.endsWith('/') || path.endsWith("/.") || path.endsWith("/.."));
    if (out.isEmpty() || trailing)
        out += '/';
    return out;
}

QByteArray canonicalPath(const QByteArray &path, bool s3)
{
    if (path.isEmpty())
        return QByteArrayLiteral("/");
    if (s3)
        return uriEncode(QByteArray::fromStdString(percentDecode(path)), true);
    return uriEncode(normalizedPath(path), true);
}

QByteArray canonicalQuery(const QByteArray &query)
{
    std::vector<std::pair<QByteArray, QByteArray>> params;
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArray name = eq < 0 ? pair : pair.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        params.emplace_back(uriEncode(QByteArray::fromStdString(percentDecode(name)), false),
                            uriEncode(QByteArray::fromStdString(percentDecode(value)), false));
    }
    std::sort(params.begin(), params.end());
    QByteArray out;
    for (const auto &[name, value] : params) {
        if (!out.isEmpty())
            out += '&';
        out += name + '=' + value;
    }
    return out;
}

// Trimmed, with runs of spaces and tabs made one space.
QByteArray canonicalValue(const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size());
    bool space = false;
    for (char c : value.trimmed()) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = true;
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// Lower-cased names in order, each with its values joined by ',' in the order given.
std::map<QByteArray, QByteArray> canonicalHeaderMap(const std::vector<HttpHeader> &headers)
{
    std::map<QByteArray, QByteArray> out;
    for (const HttpHeader &h : headers) {
        QByteArray &value = out[h.name.toLower()];
        value += (value.isNull() ? QByteArray("") : QByteArray(",")) + canonicalValue(h.value);
    }
    return out;
}

QByteArray signedHeaderList(const std::map<QByteArray, QByteArray> &headers)
{
    QByteArray out;
    for (const auto &[name, value] : headers)
        out += (out.isEmpty() ? "" : ";") + name;
    return out;
}

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray credentialScope(const SigV4Scope &scope)
{
    return scope.amzDate.left(8) + '/' + QByteArray::fromStdString(scope.region) + '/' +
           QByteArray::fromStdString(scope.service) + "/aws4_request";
}
} // namespace

QByteArray sigV4CanonicalRequest(const SigV4Request &request, const SigV4Scope &scope)
{
    const std::map<QByteArray, QByteArray> headers = canonicalHeaderMap(request.headers);
    QByteArray out = request.method + '\n' + canonicalPath(request.path, scope.s3) + '\n' + canonicalQuery(request.query) + '\n';
    for (const auto &[name, value] : headers)
        out += name + ':' + value + '\n';
    out += '\n' + signedHeaderList(headers) + '\n' + request.payloadHash;
    return out;
}

QByteArray sigV4StringToSign(const QByteArray &canonicalRequest, const SigV4Scope &scope)
{
    return "AWS4-HMAC-SHA256\n" + scope.amzDate + '\n' + credentialScope(scope) + '\n' +
           QCryptographicHash::hash(canonicalRequest, QCryptographicHash::Sha256).toHex();
}

namespace {

QByteArray signatureOf(const SigV4Request &request, const SigV4Scope &scope, const SigV4Credentials &credentials)
{
    const QByteArray stringToSign = sigV4StringToSign(sigV4CanonicalRequest(request, scope), scope);
    QByteArray key = hmac("AWS4" + credentials.secretAccessKey, scope.amzDate.left(8));
    key = hmac(key, QByteArray::fromStdString(scope.region));
    key = hmac(key, QByteArray::fromStdString(scope.service));
    key = hmac(key, QByteArrayLiteral("aws4_request"));
    return hmac(key, stringToSign).toHex();
}

} // namespace

QByteArray sigV4Authorization(const SigV4Request &request, const SigV4Scope &scope, const SigV4Credentials &credentials)
{
    return "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId + '/' + credentialScope(scope) +
           ", SignedHeaders=" + signedHeaderList(canonicalHeaderMap(request.headers)) + ", Signature=" + signatureOf(request, scope, credentials);
}

QByteArray sigV4PresignedQuery(const SigV4Request &request, const SigV4Scope &scope, const SigV4Credentials &credentials,
                               int expiresSeconds)
{
    // "Authenticating Requests: Using Query Parameters": the authentication parameters join the
    // query and are signed with it (the session token too); the signature comes last, unsigned.
    const auto encoded = [](const QByteArray &value) { return uriEncode(value, false); };
    QByteArray query = request.query;
    const auto add = [&query](const QByteArray &pair) { query += (query.isEmpty() ? "" : "&") + pair; };
    add("X-Amz-Algorithm=AWS4-HMAC-SHA256");
    add("X-Amz-Credential=" + encoded(credentials.accessKeyId + '/' + credentialScope(scope)));
    add("X-Amz-Date=" + scope.amzDate);
    add("X-Amz-SignedHeaders=" + encoded(signedHeaderList(canonicalHeaderMap(request.headers))));
    add("X-Amz-Expires=" + QByteArray::number(expiresSeconds));
    if (!credentials.sessionToken.isEmpty())
        add("X-Amz-Security-Token=" + encoded(credentials.sessionToken));
    SigV4Request signedRequest = request;
    signedRequest.query = query;
    return query + "&X-Amz-Signature=" + signatureOf(signedRequest, scope, credentials);
}

QByteArray sigV4PayloadHash(const QByteArray &body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

QByteArray sigV4AmzDate(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

} // namespace gw
