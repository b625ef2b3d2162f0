#pragma once
// What an authorizer returned for a request or a connection (a plain, immutable value): the
// principal and the context's keys with their values as the authorizer typed them. The service
// puts it in requestContext.authorizer ({"principalId": "admin", "clientId": 1, ...}: captured,
// ../shared/conformance/events/aws-lambda-go/apigw-websocket-request.json), $context.authorizer.*
// in templates and $context.authorizer.principalId in access logs; a WebSocket connection keeps
// the one its $connect got for every later event (apigateway-websocket-api-lambda-auth.html).
#include <QByteArray>

#include <memory>
#include <vector>

namespace gw {

struct AuthorizerContext {
    struct Entry {
        QByteArray key;
        QByteArray json; // the value as JSON: "\"Exata\"", "1", "true" (string, number or boolean)
        QByteArray text; // the value as a template or log prints it: Exata, 1, true
    };
    QByteArray principalId;
    std::vector<Entry> context;

    // Adds a value given as JSON text; false (nothing added) unless it is a string, a number or a
    // boolean, the only types a Lambda authorizer's context may hold.
    bool add(QByteArray key, const QByteArray &jsonValue);
    // {"principalId": ..., key: value, ...}, the requestContext.authorizer object.
    QByteArray toJson() const;
};

using AuthorizerContextPtr = std::shared_ptr<const AuthorizerContext>;

} // namespace gw
