#include "rest_integration_request_stage.h"

#include "../request_context.h"

namespace gw {

RestIntegrationRequestStage::Passthrough RestIntegrationRequestStage::passthroughNamed(const std::string &name)
{
    if (name == "NEVER")
        return Passthrough::Never;
    if (name == "WHEN_NO_TEMPLATES")
        return Passthrough::WhenNoTemplates;
    return Passthrough::WhenNoMatch;
}

StageStatus RestIntegrationRequestStage::onRequest(RequestContext &ctx) const
{
    MappingState &state = mappingStateOf(ctx);
    const QByteArray contentType = ctx.request.header("content-type");
    const CompiledTemplate *selected = m_templates.forContentType(contentType);
    if (!selected) {
        const bool refuse = m_passthrough == Passthrough::Never ||
                            (m_passthrough == Passthrough::WhenNoTemplates && !m_templates.empty());
        if (refuse) {
            ctx.note(QStringLiteral("Request Content-Type %1 has no mapping template and passthroughBehavior refuses it")
                         .arg(QString::fromUtf8(contentType.isEmpty() ? QByteArray("application/json") : contentType)));
            ctx.sendLocalReply(GatewayResponseType::UnsupportedMediaType, Outcome::BadRequest);
            return StageStatus::StopAndReply;
        }
        state.integrationRequestBody = ctx.request.body;
        return StageStatus::Continue;
    }
    std::string error;
    if (!renderTemplate(ctx, *selected->tmpl, ctx.request.body, &state.integrationRequestBody, &error)) {
        ctx.note(QStringLiteral("Execution failed due to configuration error: Unable to transform request: %1")
                     .arg(QString::fromStdString(error)));
        ctx.sendLocalReply(GatewayResponseType::ApiConfigurationError, Outcome::IntegrationConfigError,
                           QStringLiteral("Unable to transform request"));
        return StageStatus::StopAndReply;
    }
    state.requestTemplateContentType = QByteArray::fromStdString(selected->contentType);
    return StageStatus::Continue;
}

} // namespace gw
