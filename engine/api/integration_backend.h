#pragma once
// The backend of a route or method (a Lambda function, an HTTP endpoint, a mock), behind one
// interface. An integration gets a request and returns a result; it never writes the client's
// response (response mapping is a stage of its own).
#include "../common/http_message.h"

#include <QString>
#include <memory>
#include <string>

namespace gw {

struct IntegrationRequest {
    // HTTP integrations: what goes upstream.
    QByteArray method;
    QByteArray target; // origin-form: path and query
    std::vector<HttpHeader> headers;
    QByteArray body;
    // Lambda integrations: the event, and the invocation's ids.
    QByteArray payload;
    QByteArray invocationId; // Lambda request id
    QByteArray traceId;      // X-Amzn-Trace-Id
    int timeoutMs = 30000;
};

struct IntegrationResult {
    enum class Kind { None, Lambda, Http, Failed };
    // How a Lambda invocation ended (the Runtime API's outcomes).
    enum class LambdaStatus { Success, FunctionError, Timeout, Crashed, InitError, ServiceError };
    enum class Failure { None, Unreachable, TimedOut, InvalidConfiguration };

    Kind kind = Kind::None;
    // Lambda
    LambdaStatus lambdaStatus = LambdaStatus::Success;
    QByteArray payload;      // the function's answer, or its error document
    QByteArray errorType;    // e.g. "Runtime.ImportModuleError", "ResourceNotFoundException"
    QString errorMessage;
    QByteArray invocationId;
    QString logs;            // what the function wrote during the invocation
    bool coldStart = false;
    double durationMs = 0;
    // HTTP
    HttpResponse response;
    // Failed
    Failure failure = Failure::None;
    QString failureMessage;
};

// Where an integration's result goes: one object per call, handed around by reference count (a
// callback wrapped in callbacks would cost an allocation at every layer).
class IntegrationReceiver {
public:
    virtual ~IntegrationReceiver() = default;
    // Once, on any thread.
    virtual void receive(IntegrationResult result) = 0;
};

using IntegrationDone = std::shared_ptr<IntegrationReceiver>;

class IntegrationBackend {
public:
    virtual ~IntegrationBackend() = default;
    // "lambda", "http", "mock": for traces.
    virtual const char *kind() const = 0;
    // Starts the call. done receives the result exactly once, on any thread (the caller marshals it back).
    virtual void invoke(IntegrationRequest request, IntegrationDone done) const = 0;
    // The endpoint the execution log names for a request ("https://lambda.REGION.amazonaws.com/...").
    virtual QByteArray endpointUri(const IntegrationRequest &request, const std::string &region, const std::string &account) const
    {
        return {};
    }
};

} // namespace gw
