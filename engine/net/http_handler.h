#pragma once
// What a server connection hands its requests to: a front door (an API's frontend, the Lambda
// Runtime API). The connection knows nothing about API types.
#include "http_exchange.h"
#include "pending_upgrade.h"

namespace gw {

class HttpHandler {
public:
    virtual ~HttpHandler() = default;
    // Called on the connection's thread for every complete request, in order.
    virtual void handle(const HttpExchangePtr &exchange) = 0;
    // The connection answers protocol errors itself (400, 413, 431, 505) with `response`; the
    // handler may log them and add to the answer (a request id).
    virtual void protocolError(int status, const QByteArray &peerIp, HttpResponse &response) {}
    // A WebSocket upgrade (only on listeners that allow upgrades): decide now or later, on the
    // connection's thread, by accepting into a QWebSocketServer or rejecting with a response.
    virtual void upgrade(const PendingUpgradePtr &upgrade);
};

} // namespace gw
