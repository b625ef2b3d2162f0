#pragma once
// Which headers an HTTP_PROXY integration passes on, each way.
#include "../common/http_message.h"

namespace gw {

// Headers that belong to one connection (RFC 9110 §7.6.1) or that the gateway sets itself.
bool isHopByHopHeader(const QByteArray &name);
// What goes to the backend: the headers the integration sees without hop-by-hop ones and without
// X-Forwarded-*, plus Forwarded (RFC 7239) and Via, as HTTP APIs send them.
std::vector<HttpHeader> httpProxyRequestHeaders(std::vector<HttpHeader> integrationHeaders, const QByteArray &sourceIp,
                                                const QByteArray &host);
// The backend's headers the client gets.
void removeHopByHopHeaders(HttpResponse &response);
// REST APIs' HTTP_PROXY: the backend's headers the gateway sets itself are passed on renamed
// x-amzn-Remapped-NAME (recorded: http-integration/http_proxy/*, header-mapping/http_proxy/*:
// Connection, Content-Length, Date, Server, x-amzn-RequestId; also Authorization and
// WWW-Authenticate, which the service is known to rename), the rest of the framing dropped.
void remapRestProxyResponseHeaders(HttpResponse &response);

} // namespace gw
