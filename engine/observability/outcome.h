#pragma once
// Why a request ended: one value the access log, the monitor's colours and its filters share.
#include <QtGlobal>

namespace gw {

enum class Outcome : quint8 {
    Ok,
    NotFound,                     // no stage or route
    NoIntegration,                // the route has none
    UnsupportedIntegration,       // a type this API type cannot use
    IntegrationConfigError,       // e.g. an integration URI that is not a URL
    IntegrationUnreachable,       // connect refused, TLS refused, connection lost
    IntegrationTimeout,           // timeoutInMillis passed
    MalformedIntegrationResponse, // a Lambda proxy answer the service would refuse
    FunctionError,                // the handler threw (Runtime API /error)
    FunctionTimeout,              // the function ran past its timeout
    FunctionCrashed,              // the runtime exited mid-invocation
    FunctionInitError,            // the runtime failed before taking work
    LambdaServiceError,           // Lambda refused the invocation (not found, throttled)
    AuthFailed,
    Throttled,
    SchemaInvalid,
    PayloadTooLarge,
    HeadersTooLarge,
    BadRequest,                   // malformed HTTP
};

// "ok", "not_found", "function_error", ...: the access log's and the UI's name of it.
const char *outcomeName(Outcome outcome);
// For the monitor: did the gateway or the backend fail, or was the request refused?
bool isServerFault(Outcome outcome);

} // namespace gw
