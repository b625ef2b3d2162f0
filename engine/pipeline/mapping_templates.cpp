#include "mapping_templates.h"

#include "../common/query_string.h"
#include "../vtl/context_variable.h"
#include "../vtl/util_variable.h"
#include "request_context.h"

namespace gw {

QByteArray mediaTypeOf(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

bool TemplateSet::parse(const StringMap &templates, std::string *error, std::string *failed)
{
    m_templates.clear();
    for (const auto &[contentType, text] : templates) {
        auto parsed = vtl::Template::parse(text);
        if (auto *e = std::get_if<vtl::VtlError>(&parsed)) {
            *error = "template for " + contentType + ", " + e->toString();
            if (failed)
                *failed = contentType;
            return false;
        }
        m_templates.push_back({QByteArray::fromStdString(contentType).toLower().toStdString(),
                               std::make_shared<const vtl::Template>(std::move(std::get<vtl::Template>(parsed)))});
    }
    return true;
}

const CompiledTemplate *TemplateSet::forContentType(const QByteArray &contentType) const
{
    // No Content-Type: the service takes the payload as application/json.
    const std::string wanted = contentType.isEmpty() ? std::string("application/json") : mediaTypeOf(contentType).toStdString();
    for (const CompiledTemplate &t : m_templates)
        if (t.contentType == wanted)
            return &t;
    return nullptr;
}

const CompiledTemplate *TemplateSet::forAccept(const QByteArray &accept) const
{
    if (m_templates.empty())
        return nullptr;
    for (const QByteArray &part : accept.split(',')) {
        const std::string type = mediaTypeOf(part).toStdString();
        for (const CompiledTemplate &t : m_templates)
            if (t.contentType == type)
                return &t;
    }
    for (const CompiledTemplate &t : m_templates)
        if (t.contentType == "application/json")
            return &t;
    return &m_templates.front();
}

MappingState &mappingStateOf(RequestContext &ctx)
{
    if (!ctx.mapping) {
        auto state = std::make_shared<MappingState>();
        vtl::RequestFacts facts;
        const ContextVariables &log = ctx.log;
        facts.requestId = log.requestId.toStdString();
        facts.extendedRequestId = log.extendedRequestId.toStdString();
        facts.apiId = log.apiId.toStdString();
        facts.accountId = log.accountId.toStdString();
        facts.stage = log.stage.toStdString();
        facts.httpMethod = log.httpMethod.toStdString();
        facts.path = log.path.toStdString();
        facts.protocol = log.protocol.toStdString();
        facts.sourceIp = log.sourceIp.toStdString();
        facts.userAgent = log.userAgent.toStdString();
        facts.domainName = log.domainName.toStdString();
        facts.domainPrefix = log.domainPrefix.toStdString();
        facts.requestTimeEpoch = log.requestTimeEpochMs;
        facts.requestTime = contextValue(log, ContextVariable::RequestTime).toStdString();
        // "Present only when you enabled a canary" (api-gateway-mapping-template-reference.html).
        if (ctx.stage)
            facts.deploymentId = ctx.stage->deploymentId.toStdString();
        if (ctx.stage && (ctx.stage->canary || ctx.stage->isCanary))
            facts.isCanaryRequest = ctx.stage->isCanary;
        if (ctx.route) {
            facts.resourcePath = ctx.route->resourcePath;
            facts.resourceId = ctx.route->resourceId;
        }
        if (!log.connectionId.isEmpty())
            facts.webSocket = vtl::RequestFacts::WebSocket{log.connectionId.toStdString(), log.eventType.toStdString(),
                                                          log.messageId.toStdString(), log.routeKey.toStdString(), log.connectedAtMs};
        if (log.authorizer) {
            // $context.authorizer.principalId and each context key, as text.
            std::vector<std::pair<std::string, std::string>> authorizer{{"principalId", log.authorizer->principalId.toStdString()}};
            for (const AuthorizerContext::Entry &entry : log.authorizer->context)
                authorizer.emplace_back(entry.key.toStdString(), entry.text.toStdString());
            facts.authorizer = std::move(authorizer);
        }
        state->context = vtl::makeContextVariable(std::move(facts));
        state->stageVariables = vtl::makeMap();
        if (ctx.stage)
            for (const auto &[name, value] : ctx.stage->stageVariables)
                state->stageVariables.asMap()->put(name, vtl::Value(value));
        ctx.mapping = std::move(state);
    }
    return *ctx.mapping;
}

StageStatus refuseUntransformableRequest(RequestContext &ctx, const QString &why)
{
    ctx.note(QStringLiteral("Execution failed due to configuration error: Unable to transform request: %1").arg(why));
    ctx.sendLocalReply(GatewayResponseType::ApiConfigurationError, Outcome::IntegrationConfigError,
                       QStringLiteral("Unable to transform request"));
    return StageStatus::StopAndReply;
}

StageStatus refuseUntransformableResponse(RequestContext &ctx, const QString &why)
{
    ctx.note(QStringLiteral("Execution failed due to configuration error: Unable to transform response: %1").arg(why));
    ctx.sendLocalReply(GatewayResponseType::ApiConfigurationError, Outcome::IntegrationConfigError,
                       QStringLiteral("Unable to transform response"));
    return StageStatus::StopAndReply;
}

StageStatus refuseUnmappedResponse(RequestContext &ctx, int backendStatus)
{
    ctx.note(QStringLiteral("Execution failed due to configuration error: No match for output mapping and no default "
                            "output mapping configured. Endpoint Response Status Code: %1")
                 .arg(backendStatus));
    ctx.sendLocalReply(GatewayResponseType::ApiConfigurationError, Outcome::IntegrationConfigError,
                       QStringLiteral("No match for output mapping and no default output mapping configured"));
    return StageStatus::StopAndReply;
}

bool renderTemplate(RequestContext &ctx, const vtl::Template &tmpl, const QByteArray &payload, QByteArray *out,
                    std::string *error)
{
    if (const std::string *constant = tmpl.constantOutput()) {
        *out = QByteArray::fromStdString(*constant);
        return true;
    }
    MappingState &state = mappingStateOf(ctx);
    if (!state.params) {
        auto params = std::make_shared<vtl::InputParameters>();
        for (const auto &[name, value] : ctx.pathParameters)
            params->path.emplace_back(name, value);
        // $input.params() holds one value per name: the last, as the service keeps it.
        for (auto &[name, values] : parseQueryString(ctx.request.rawQuery()))
            params->querystring.emplace_back(std::move(name), std::move(values.back()));
        for (const HttpHeader &header : ctx.request.headers)
            params->header.emplace_back(header.name.toStdString(), header.value.toStdString());
        state.params = std::move(params);
    }
    vtl::Context vars;
    vars.set("input", vtl::Value(std::static_pointer_cast<vtl::HostObject>(
                          std::make_shared<vtl::InputVariable>(payload.toStdString(), state.params))));
    vars.set("context", state.context);
    vars.set("util", vtl::UtilVariable::instance());
    vars.set("stageVariables", state.stageVariables);
    auto rendered = vtl::render(tmpl, vars);
    if (auto *e = std::get_if<vtl::VtlError>(&rendered)) {
        *error = e->toString();
        return false;
    }
    *out = QByteArray::fromStdString(std::get<std::string>(rendered));
    return true;
}

} // namespace gw
