#include "http_proxy_headers.h"

#include "../common/byte_append.h"

#include <algorithm>

namespace gw {

bool isHopByHopHeader(const QByteArray &name)
{
    if (isConnectionHeader(name))
        return true;
    // Set again per hop: the body's length, the backend's host, the forwarding headers.
    static const QByteArrayView kHop[] = {"proxy-authenticate", "proxy-authorization", "content-length", "host",
                                          "forwarded", "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto"};
    for (QByteArrayView hop : kHop)
        if (hop.size() == name.size() && qstrnicmp(hop.data(), hop.size(), name.constData(), name.size()) == 0)
            return true;
    return false;
}

std::vector<HttpHeader> httpProxyRequestHeaders(std::vector<HttpHeader> headers, const QByteArray &sourceIp,
                                                const QByteArray &host)
{
    // In place: the integration's headers are this request's own copy.
    // HTTP APIs send Forwarded and Via to an HTTP backend, not the X-Forwarded-* a Lambda event has
    // (recorded through postman-echo).
    std::erase_if(headers, [](const HttpHeader &h) { return isHopByHopHeader(h.name); });
    QByteArray forwarded;
    appendAll(forwarded, {"by=127.0.0.1;for=", sourceIp, ";host=", host, ";proto=http"});
    headers.push_back({QByteArrayLiteral("Forwarded"), std::move(forwarded)});
    // RFC 9110 §7.6.3: each proxy appends itself to Via; the service names itself so.
    static const QByteArray kVia = QByteArrayLiteral("HTTP/1.1 AmazonAPIGateway");
    auto via = std::find_if(headers.begin(), headers.end(),
                            [](const HttpHeader &h) { return h.name.compare("via", Qt::CaseInsensitive) == 0; });
    if (via == headers.end())
        headers.push_back({QByteArrayLiteral("Via"), kVia});
    else
        appendAll(via->value, {", ", kVia});
    return headers;
}

void removeHopByHopHeaders(HttpResponse &response)
{
    std::erase_if(response.headers, [](const HttpHeader &h) { return isHopByHopHeader(h.name); });
}

void remapRestProxyResponseHeaders(HttpResponse &response)
{
    static const QByteArrayView kRemapped[] = {"connection", "content-length", "date", "server", "x-amzn-requestid",
                                               "authorization", "www-authenticate"};
    std::vector<HttpHeader> headers;
    headers.reserve(response.headers.size());
    for (HttpHeader &h : response.headers) {
        bool remapped = false;
        for (QByteArrayView name : kRemapped)
            remapped = remapped || (name.size() == h.name.size() && qstrnicmp(name.data(), name.size(), h.name.constData(), h.name.size()) == 0);
        if (remapped)
            headers.push_back({"x-amzn-Remapped-" + h.name, std::move(h.value)});
        else if (!isHopByHopHeader(h.name))
            headers.push_back(std::move(h));
    }
    response.headers = std::move(headers);
}

} // namespace gw
