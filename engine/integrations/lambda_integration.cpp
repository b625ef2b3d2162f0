#include "lambda_integration.h"

#include "../runtime/function_runtime.h"

namespace gw {

namespace {
IntegrationResult::LambdaStatus statusOf(InvocationResult::Status status)
{
    switch (status) {
    case InvocationResult::Status::Success: return IntegrationResult::LambdaStatus::Success;
    case InvocationResult::Status::FunctionError: return IntegrationResult::LambdaStatus::FunctionError;
    case InvocationResult::Status::Timeout: return IntegrationResult::LambdaStatus::Timeout;
    case InvocationResult::Status::RuntimeExited: return IntegrationResult::LambdaStatus::Crashed;
    case InvocationResult::Status::InitError: return IntegrationResult::LambdaStatus::InitError;
    case InvocationResult::Status::ServiceError: return IntegrationResult::LambdaStatus::ServiceError;
    }
    return IntegrationResult::LambdaStatus::ServiceError;
}
} // namespace

LambdaIntegration::LambdaIntegration(std::shared_ptr<FunctionRuntime> runtime, QString functionName)
    : m_runtime(std::move(runtime)), m_functionName(std::move(functionName))
{
}

QByteArray LambdaIntegration::endpointUri(const IntegrationRequest &, const std::string &region, const std::string &account) const
{
    const QByteArray r = QByteArray::fromStdString(region);
    return "https://lambda." + r + ".amazonaws.com/2015-03-31/functions/arn:aws:lambda:" + r + ':' +
           QByteArray::fromStdString(account) + ":function:" + m_functionName.toUtf8() + "/invocations";
}

void LambdaIntegration::invoke(IntegrationRequest request, IntegrationDone done) const
{
    InvocationRequest invocation;
    invocation.payload = std::move(request.payload);
    invocation.requestId = request.invocationId;
    invocation.traceId = std::move(request.traceId);
    m_runtime->invoke(m_functionName, std::move(invocation),
                      [done = std::move(done), id = request.invocationId](InvocationResult result) {
                          IntegrationResult out;
                          out.kind = IntegrationResult::Kind::Lambda;
                          out.lambdaStatus = statusOf(result.status);
                          out.payload = std::move(result.payload);
                          out.errorType = std::move(result.errorType);
                          out.errorMessage = std::move(result.errorMessage);
                          out.logs = std::move(result.logs);
                          out.invocationId = id;
                          out.coldStart = result.coldStart;
                          out.durationMs = result.durationMs;
                          done->receive(std::move(out));
                      });
}

} // namespace gw
