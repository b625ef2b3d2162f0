#include "integration_stage.h"

#include "../integrations/http_proxy_integration.h"
#include "../integrations/lambda_proxy_integration.h"

namespace gw {

IntegrationStage::IntegrationStage(FunctionRuntime *runtime)
    : m_lambda(std::make_unique<LambdaProxyIntegration>(runtime)), m_httpProxy(std::make_unique<HttpProxyIntegration>())
{
}

IntegrationStage::~IntegrationStage() = default;

StageResult IntegrationStage::run(const RequestContextPtr &ctx)
{
    if (!ctx->integration) {
        ctx->replyGateway(GatewayResponseType::IntegrationFailure, "no_integration",
                          QStringLiteral("No integration is attached to route %1")
                              .arg(QString::fromStdString(ctx->route ? ctx->route->routeKey : "$default")));
        return StageResult::Reply;
    }
    const std::string &type = ctx->integration->type;
    if (type == "AWS_PROXY")
        return m_lambda->start(ctx);
    if (type == "HTTP_PROXY")
        return m_httpProxy->start(ctx);
    ctx->replyGateway(GatewayResponseType::IntegrationFailure, "unsupported_integration",
                      QStringLiteral("Integration type %1 is not supported on HTTP APIs").arg(QString::fromStdString(type)));
    return StageResult::Reply;
}

} // namespace gw
