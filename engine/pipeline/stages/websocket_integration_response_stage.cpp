#include "websocket_integration_response_stage.h"

#include "../mapping_templates.h"
#include "../request_context.h"

namespace gw {

std::shared_ptr<const WebSocketIntegrationResponseStage>
WebSocketIntegrationResponseStage::compile(const std::vector<WebSocketIntegrationResponse> &responses, std::string *error)
{
    std::vector<Response> compiled;
    for (const WebSocketIntegrationResponse &in : responses) {
        Response out;
        out.key = in.integrationResponseKey;
        if (out.key != "$default") {
            if (out.key.size() < 3 || out.key.front() != '/' || out.key.back() != '/') {
                *error = "integration response key '" + out.key + "' is neither $default nor a /regular expression/";
                return nullptr;
            }
            QRegularExpression re(QRegularExpression::anchoredPattern(QString::fromStdString(out.key.substr(1, out.key.size() - 2))));
            if (!re.isValid()) {
                *error = "integration response key '" + out.key + "' is not a regular expression (" + re.errorString().toStdString() + ")";
                return nullptr;
            }
            out.pattern = std::move(re);
        }
        if (in.templateSelectionExpression) {
            TemplateSelectionExpression selection(*in.templateSelectionExpression);
            if (!selection.isValid()) {
                *error = "integration response " + out.key + ", templateSelectionExpression: " + selection.error();
                return nullptr;
            }
            out.templateSelection = std::move(selection);
        }
        for (const auto &[key, text] : in.responseTemplates) {
            auto parsed = vtl::Template::parse(text);
            if (auto *e = std::get_if<vtl::VtlError>(&parsed)) {
                *error = "integration response " + out.key + ", response template " + key + ", " + e->toString();
                return nullptr;
            }
            out.templates.emplace_back(key, std::make_shared<const vtl::Template>(std::move(std::get<vtl::Template>(parsed))));
        }
        compiled.push_back(std::move(out));
    }
    return std::make_shared<const WebSocketIntegrationResponseStage>(std::move(compiled));
}

void WebSocketIntegrationResponseStage::onResponse(RequestContext &ctx) const
{
    // A gateway error (timeout, unreachable backend) is already the answer; $connect's status is
    // the handshake's.
    if (!ctx.log.errorResponseType.isEmpty() || ctx.log.eventType == "CONNECT")
        return;
    const QString status = QString::number(ctx.response.status);
    const Response *chosen = nullptr;
    for (const Response &r : m_responses)
        if (r.pattern && r.pattern->match(status).hasMatch()) {
            chosen = &r;
            break;
        }
    if (!chosen)
        for (const Response &r : m_responses)
            if (!r.pattern) {
                chosen = &r;
                break;
            }
    if (!chosen) {
        refuseUnmappedResponse(ctx, ctx.response.status);
        return;
    }
    ctx.note(QStringLiteral("Integration response %1 selected").arg(QString::fromStdString(chosen->key)));
    const vtl::Template *tmpl = nullptr;
    if (chosen->templateSelection) {
        const std::string wanted = chosen->templateSelection->evaluate(ctx.request.body, ctx.response.status, ctx.response.headers);
        for (const auto &[key, t] : chosen->templates)
            if (key == wanted)
                tmpl = t.get();
    }
    if (!tmpl)
        for (const auto &[key, t] : chosen->templates)
            if (key == "$default")
                tmpl = t.get();
    if (!tmpl)
        return; // no template: the body goes back as the backend sent it
    QByteArray rendered;
    std::string error;
    if (!renderTemplate(ctx, *tmpl, ctx.response.body, &rendered, &error)) {
        refuseUntransformableResponse(ctx, QString::fromStdString(error));
        return;
    }
    ctx.noteBody("Method response body after transformations", rendered);
    ctx.response.body = std::move(rendered);
}

} // namespace gw
