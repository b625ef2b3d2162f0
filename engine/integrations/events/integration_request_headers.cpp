#include "integration_request_headers.h"

namespace gw {

namespace {
// Ports repeat: keep their text per thread instead of formatting a number per request.
QByteArray localPortText(quint16 port)
{
    thread_local quint16 lastPort = 0;
    thread_local QByteArray lastText;
    if (port != lastPort || lastText.isEmpty()) {
        lastPort = port;
        lastText = QByteArray::number(port);
    }
    return lastText;
}
} // namespace

std::vector<HttpHeader> integrationRequestHeaders(const HttpRequest &request, const QByteArray &sourceIp,
                                                  const QByteArray &traceId)
{
    std::vector<HttpHeader> headers;
    headers.reserve(request.headers.size() + 5); // and room for the Forwarded an HTTP proxy adds
    QByteArray forwardedFor;
    for (const HttpHeader &h : request.headers) {
        if (isConnectionHeader(h.name))
            continue; // the client's connection to the gateway, not the integration's business
        if (h.name.size() < 15) { // shorter than every name below
            headers.push_back(h);
            continue;
        }
        if (h.name.compare("x-forwarded-for", Qt::CaseInsensitive) == 0) {
            forwardedFor = h.value;
            continue;
        }
        if (h.name.compare("x-forwarded-port", Qt::CaseInsensitive) == 0 ||
            h.name.compare("x-forwarded-proto", Qt::CaseInsensitive) == 0 ||
            h.name.compare("x-amzn-trace-id", Qt::CaseInsensitive) == 0)
            continue;
        headers.push_back(h);
    }
    // Names as literals: copies of them share static data instead of allocating per request.
    headers.push_back({QByteArrayLiteral("X-Amzn-Trace-Id"), traceId});
    if (forwardedFor.isEmpty()) {
        headers.push_back({QByteArrayLiteral("X-Forwarded-For"), sourceIp});
    } else {
        appendAll(forwardedFor, {", ", sourceIp});
        headers.push_back({QByteArrayLiteral("X-Forwarded-For"), std::move(forwardedFor)});
    }
    headers.push_back({QByteArrayLiteral("X-Forwarded-Port"), localPortText(request.localPort)});
    headers.push_back({QByteArrayLiteral("X-Forwarded-Proto"), QByteArrayLiteral("http")});
    return headers;
}

} // namespace gw
