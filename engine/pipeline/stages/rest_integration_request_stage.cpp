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

namespace {
// A CONVERT_TO_BINARY body that is not base64 (a template's JSON output, say) ends the request
// with the service's 500 (recorded: binary-content-handling/request/convert_to_binary/
// with-unmatched-request-template's note).
StageStatus refuseConversion(RequestContext &ctx)
{
    return refuseUntransformableRequest(ctx, QStringLiteral("contentHandling CONVERT_TO_BINARY needs a base64 text body"));
}
} // namespace

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
        if (!convertRequestPayload(ctx.request.body, contentType, m_binaryMediaTypes, m_contentHandling, &state.integrationRequestBody))
            return refuseConversion(ctx);
        return StageStatus::Continue;
    }
    std::string error;
    if (!renderTemplate(ctx, *selected->tmpl, ctx.request.body, &state.integrationRequestBody, &error))
        return refuseUntransformableRequest(ctx, QString::fromStdString(error));
    state.requestTemplateContentType = QByteArray::fromStdString(selected->contentType);
    if (m_contentHandling != ContentHandling::Passthrough &&
        !convertRequestPayload(state.integrationRequestBody, state.requestTemplateContentType, m_binaryMediaTypes, m_contentHandling,
                               &state.integrationRequestBody))
        return refuseConversion(ctx);
    return StageStatus::Continue;
}

} // namespace gw
