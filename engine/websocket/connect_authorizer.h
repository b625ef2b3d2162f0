#pragma once
// Where a WebSocket API's authorizer decides a handshake: after the handshake is checked and
// before the $connect integration runs, as the service orders them (apigateway-websocket-api-
// control-access.html: IAM or a Lambda REQUEST authorizer, on the $connect route only). The
// decision may come later (a Lambda authorizer is a function call): the handshake waits for it.
// Allowed, the connection keeps the authorizer's context for every event it sends; refused, the
// client's handshake gets the refusal's status and body and $connect does not run.
#include "../common/http_message.h"
#include "../observability/authorizer_context.h"
#include "connection_state.h"

#include <functional>
#include <optional>

namespace gw {

struct Api;
struct Route;

struct ConnectDecision {
    std::optional<HttpResponse> refusal; // set: the handshake is refused with it
    AuthorizerContextPtr context;        // allowed: requestContext.authorizer of the connection's events
};

// Valid during authorize() only: copy what the decision needs later.
struct ConnectAuthorization {
    const HttpRequest &handshake;      // headers and query (identity sources, SigV4 query parameters)
    const ConnectionState &connection; // its id, stage, source IP
    const Api &api;                    // the design: its authorizers
    const Route &connectRoute;         // authorizationType and authorizer id
};

class ConnectAuthorizer {
public:
    virtual ~ConnectAuthorizer() = default;
    // Decides once per handshake whose $connect route names an authorization type other than NONE.
    // decide may be called on any thread, once.
    virtual void authorize(const ConnectAuthorization &request, std::function<void(ConnectDecision)> decide) const = 0;
};

using ConnectAuthorizerPtr = std::shared_ptr<const ConnectAuthorizer>;

} // namespace gw
