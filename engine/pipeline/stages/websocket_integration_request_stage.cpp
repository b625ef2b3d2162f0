#include "websocket_integration_request_stage.h"

#include "../mapping_templates.h"
#include "../request_context.h"

namespace gw {

bool WebSocketIntegrationRequestStage::compile(const StringMap &requestTemplates, std::vector<KeyedTemplate> *out, std::string *error)
{
    out->clear();
    for (const auto &[key, text] : requestTemplates) {
        auto parsed = vtl::Template::parse(text);
        if (auto *e = std::get_if<vtl::VtlError>(&parsed)) {
            *error = "request template " + key + ", " + e->toString();
            return false;
        }
        out->push_back({key, std::make_shared<const vtl::Template>(std::move(std::get<vtl::Template>(parsed)))});
    }
    return true;
}

const WebSocketIntegrationRequestStage::KeyedTemplate *WebSocketIntegrationRequestStage::find(const std::string &key) const
{
    for (const KeyedTemplate &t : m_templates)
        if (t.key == key)
            return &t;
    return nullptr;
}

StageStatus WebSocketIntegrationRequestStage::onRequest(RequestContext &ctx) const
{
    MappingState &state = mappingStateOf(ctx);
    // A message that is not a JSON object selects no key: the catch-all applies.
    std::string key = "$default";
    if (m_selection)
        key = m_selection->evaluate(ctx.request.body).value_or("$default");
    const KeyedTemplate *selected = find(key);
    if (!selected)
        selected = find("$default");
    if (!selected) {
        state.integrationRequestBody = ctx.request.body;
        return StageStatus::Continue;
    }
    ctx.note(QStringLiteral("Request template %1 selected").arg(QString::fromStdString(selected->key)));
    std::string error;
    if (!renderTemplate(ctx, *selected->tmpl, ctx.request.body, &state.integrationRequestBody, &error))
        return refuseUntransformableRequest(ctx, QString::fromStdString(error));
    return StageStatus::Continue;
}

} // namespace gw
