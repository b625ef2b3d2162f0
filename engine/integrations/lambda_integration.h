#pragma once
// A local Lambda function as an integration: the event goes to its warm process over the Runtime
// API, and how the invocation ended comes back (the answer is mapped by a response stage).
#include "../api/integration_backend.h"

#include <QString>
#include <memory>

namespace gw {

class FunctionRuntime;

class LambdaIntegration : public IntegrationBackend {
public:
    LambdaIntegration(std::shared_ptr<FunctionRuntime> runtime, QString functionName);
    const char *kind() const override { return "lambda"; }
    void invoke(IntegrationRequest request, IntegrationDone done) const override;
    // Lambda's Invoke URL for the function, as the service's execution log shows it.
    QByteArray endpointUri(const IntegrationRequest &request, const std::string &region, const std::string &account) const override;
    const QString &functionName() const { return m_functionName; }

private:
    std::shared_ptr<FunctionRuntime> m_runtime; // outlives every snapshot that calls it
    QString m_functionName;
};

} // namespace gw
