#include "http_message.h"


namespace gw {

namespace {
bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}
} // namespace

QByteArray headerValue(const std::vector<HttpHeader> &headers, QByteArrayView name)
{
    for (const auto &h : headers)
        if (sameName(h.name, name))
            return h.value;
    return {};
}

QByteArray HttpRequest::header(QByteArrayView name) const { return headerValue(headers, name); }

QByteArray HttpRequest::path() const
{
    qsizetype end = target.indexOf('?');
    const qsizetype hash = target.indexOf('#');
    if (end < 0 || (hash >= 0 && hash < end))
        end = hash;
    return end < 0 ? target : target.left(end);
}

QByteArray HttpRequest::rawQuery() const
{
    const qsizetype q = target.indexOf('?');
    if (q < 0)
        return {};
    qsizetype end = target.indexOf('#', q);
    if (end < 0)
        end = target.size();
    return target.mid(q + 1, end - q - 1);
}

QByteArray HttpRequest::protocol() const
{
    if (versionMajor == 1 && (versionMinor == 0 || versionMinor == 1))
        return versionMinor == 1 ? QByteArrayLiteral("HTTP/1.1") : QByteArrayLiteral("HTTP/1.0");
    return "HTTP/" + QByteArray::number(versionMajor) + '.' + QByteArray::number(versionMinor);
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    removeHeader(name);
    headers.push_back({name, value});
}

void HttpResponse::addHeader(const QByteArray &name, const QByteArray &value)
{
    headers.push_back({name, value});
}

QByteArray HttpResponse::header(QByteArrayView name) const { return headerValue(headers, name); }

void HttpResponse::removeHeader(QByteArrayView name)
{
    std::erase_if(headers, [&](const HttpHeader &h) { return sameName(h.name, name); });
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return QByteArrayLiteral("Continue");
    case 101: return QByteArrayLiteral("Switching Protocols");
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 202: return QByteArrayLiteral("Accepted");
    case 204: return QByteArrayLiteral("No Content");
    case 206: return QByteArrayLiteral("Partial Content");
    case 301: return QByteArrayLiteral("Moved Permanently");
    case 302: return QByteArrayLiteral("Found");
    case 303: return QByteArrayLiteral("See Other");
    case 304: return QByteArrayLiteral("Not Modified");
    case 307: return QByteArrayLiteral("Temporary Redirect");
    case 308: return QByteArrayLiteral("Permanent Redirect");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 408: return QByteArrayLiteral("Request Timeout");
    case 409: return QByteArrayLiteral("Conflict");
    case 410: return QByteArrayLiteral("Gone");
    case 411: return QByteArrayLiteral("Length Required");
    case 413: return QByteArrayLiteral("Request Entity Too Large");
    case 414: return QByteArrayLiteral("URI Too Long");
    case 415: return QByteArrayLiteral("Unsupported Media Type");
    case 422: return QByteArrayLiteral("Unprocessable Entity");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 501: return QByteArrayLiteral("Not Implemented");
    case 502: return QByteArrayLiteral("Bad Gateway");
    case 503: return QByteArrayLiteral("Service Unavailable");
    case 504: return QByteArrayLiteral("Gateway Timeout");
    case 505: return QByteArrayLiteral("HTTP Version Not Supported");
    default: return QByteArrayLiteral("Unknown");
    }
}

QByteArray sourceIpText(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return (isV4 ? QHostAddress(v4) : address).toString().toLatin1();
}

bool isConnectionHeader(QByteArrayView name)
{
    static const QByteArrayView kNames[] = {"te",      "expect",     "upgrade",           "trailer",
                                            "connection", "keep-alive", "proxy-connection", "transfer-encoding"};
    // Most names are longer than any of these, or differ in length: that test is cheap.
    if (name.size() < 2 || name.size() > 17)
        return false;
    for (QByteArrayView known : kNames)
        if (known.size() == name.size() && qstrnicmp(known.data(), known.size(), name.data(), name.size()) == 0)
            return true;
    return false;
}

} // namespace gw
