#pragma once
// How a listener treats its connections: size limits, TLS, whether WebSocket upgrades are
// allowed, and how refusals are answered. Chosen per API by the gateway; the listener itself
// knows nothing about API types.
#include "http_parser_wrapper.h"

#include <QSslConfiguration>
#include <functional>
#include <memory>

namespace gw {

struct ListenerOptions {
    HttpLimits limits;
    std::shared_ptr<const QSslConfiguration> tls; // null: plain HTTP
    // TLS and plain on the same port: a connection whose first byte starts a TLS handshake (0x16)
    // is served with this configuration, any other as plain HTTP (WebSocket APIs: ws:// and wss://).
    std::shared_ptr<const QSslConfiguration> sniffedTls;
    bool allowUpgrades = false;
    // The answer to a request refused before any handler saw it (status 400, 413, 431).
    std::function<HttpResponse(int status)> refusal;
};

} // namespace gw
