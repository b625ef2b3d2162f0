#include "rest_integration_response_stage.h"

#include "../../model/json_locator.h"
#include "../../vtl/context_variable.h"
#include "../../vtl/json_path.h"
#include "../request_context.h"
#include "lambda_proxy_response_stage.h"

namespace gw {

namespace {
bool validHeaderSource(const std::string &source)
{
    return (source.size() >= 2 && source.front() == '\'' && source.back() == '\'') ||
           source.rfind("integration.response.header.", 0) == 0 || source == "integration.response.body" ||
           source.rfind("integration.response.body.", 0) == 0 || source.rfind("stageVariables.", 0) == 0;
}

// parsedBody: the backend's body read as JSON on first use, shared by the response's mappings.
QByteArray headerValue(const MappingState &state, const std::string &source, const HttpResponse &backend,
                       std::optional<vtl::Value> *parsedBody)
{
    if (source.front() == '\'')
        return QByteArray::fromStdString(source.substr(1, source.size() - 2));
    if (source.rfind("integration.response.header.", 0) == 0)
        return backend.header(QByteArray::fromStdString(source.substr(28)));
    if (source.rfind("stageVariables.", 0) == 0)
        return QByteArray::fromStdString(state.stageVariables.asMap()->get(source.substr(15)).toString());
    if (source == "integration.response.body")
        return backend.body;
    // integration.response.body.a.b: the JSONPath $.a.b of the backend's JSON body.
    if (!*parsedBody) {
        vtl::Value body;
        *parsedBody = vtl::parseJsonValue(backend.body.toStdString(), &body) ? body : vtl::Value();
    }
    if ((*parsedBody)->isNull())
        return {};
    try {
        const vtl::Value v = vtl::selectJsonPath(**parsedBody, "$." + source.substr(26));
        return QByteArray::fromStdString(v.isString() || v.isNumber() || v.isBool() ? v.toString() : v.isNull() ? "" : v.toJson());
    } catch (const vtl::VtlRuntimeError &) {
        return {};
    }
}
// The errorMessage of a function error as selection patterns see it: the error document's own
// field when it has one (a handler's exception), else what the runtime reported (a timeout's
// "Task timed out after 3.00 seconds").
QString lambdaErrorMessage(const IntegrationResult &result)
{
    vtl::Value document;
    if (vtl::parseJsonValue(result.payload.toStdString(), &document) && document.isMap()) {
        const vtl::Value message = document.asMap()->get("errorMessage");
        if (message.isString())
            return QString::fromStdString(message.asString());
    }
    return result.errorMessage;
}

// Lambda's own refusals (no such function, throttled, payload too large) end the request with
// the service's 500: the call never reached the function. False when the request was answered.
bool answerFromLambda(RequestContext &ctx, const IntegrationResult &result)
{
    ctx.log.integrationRequestId = result.invocationId;
    ctx.log.executionLog = result.logs; // shared, not copied
    ctx.log.integrationStatus = 200;
    if (result.lambdaStatus != IntegrationResult::LambdaStatus::ServiceError)
        return true;
    ctx.log.integrationStatus = result.errorType == "ResourceNotFoundException" ? 404 : 429;
    ctx.note(QStringLiteral("Lambda invocation failed with status: %1. Lambda request id: %2")
                 .arg(ctx.log.integrationStatus)
                 .arg(QString::fromLatin1(result.invocationId)));
    ctx.note(QStringLiteral("Execution failed due to configuration error: %1").arg(result.errorMessage));
    ctx.sendLocalReply(GatewayResponseType::ApiConfigurationError, Outcome::LambdaServiceError, result.errorMessage);
    return false;
}

// No answer from an HTTP backend: a timeout is INTEGRATION_TIMEOUT (504), anything else the
// service's 500 with the cause in the execution log.
void answerFailure(RequestContext &ctx, const IntegrationResult &result)
{
    if (result.failure == IntegrationResult::Failure::TimedOut) {
        ctx.log.integrationLatencyMs = -1;
        ctx.note(QStringLiteral("Execution failed due to a timeout error"));
        ctx.sendLocalReply(GatewayResponseType::IntegrationTimeout, Outcome::IntegrationTimeout, result.failureMessage);
        return;
    }
    ctx.note(QStringLiteral("Execution failed due to configuration error: %1").arg(result.failureMessage));
    ctx.sendLocalReply(GatewayResponseType::ApiConfigurationError, Outcome::IntegrationUnreachable, result.failureMessage);
}
// A body to be base64-decoded for the client that is not base64: the service's 500.
StageStatus refuseConversion(RequestContext &ctx)
{
    return refuseUntransformableResponse(ctx, QStringLiteral("the body to convert to binary is not base64 text"));
}
} // namespace

bool RestIntegrationResponseStage::compile(const std::vector<IntegrationResponse> &responses,
                                           std::vector<CompiledIntegrationResponse> *out, std::string *error, std::string *where)
{
    for (size_t i = 0; i < responses.size(); ++i) {
        const IntegrationResponse &response = responses[i];
        const std::string at = "/" + std::to_string(i);
        auto failAt = [&](const std::string &field, std::string message) {
            *error = std::move(message);
            if (where)
                *where = at + field;
            return false;
        };
        CompiledIntegrationResponse r;
        bool ok = false;
        r.statusCode = QByteArray::fromStdString(response.statusCode).toInt(&ok);
        if (!ok || r.statusCode < 100 || r.statusCode > 599)
            return failAt("/statusCode", "integration response status code '" + response.statusCode + "' is not an HTTP status");
        if (!response.selectionPattern.empty()) {
            QRegularExpression re(QRegularExpression::anchoredPattern(QString::fromStdString(response.selectionPattern)));
            if (!re.isValid())
                return failAt("/selectionPattern", "integration response " + response.statusCode + ": selection pattern '" +
                                                       response.selectionPattern + "' is not a regular expression (" +
                                                       re.errorString().toStdString() + ")");
            r.selection = std::move(re);
        }
        std::string templateError, contentType;
        if (!r.templates.parse(response.responseTemplates, &templateError, &contentType))
            return failAt("/responseTemplates/" + escapePointer(contentType),
                          "integration response " + response.statusCode + ": " + templateError);
        for (const auto &[target, source] : response.responseParameters) {
            static const std::string kHeader = "method.response.header.";
            const std::string field = "/responseParameters/" + escapePointer(target);
            if (target.rfind(kHeader, 0) != 0 || target.size() == kHeader.size())
                return failAt(field, "integration response " + response.statusCode + ": '" + target +
                                         "' is not method.response.header.NAME");
            if (source.empty() || !validHeaderSource(source))
                return failAt(field, "integration response " + response.statusCode + ": '" + source + "' (for " + target +
                                         ") is not 'static', integration.response.header.X, integration.response.body[.path] "
                                         "or stageVariables.X");
            r.headers.emplace_back(QByteArray::fromStdString(target.substr(kHeader.size())), source);
        }
        r.contentHandling = contentHandlingNamed(response.contentHandling);
        out->push_back(std::move(r));
    }
    return true;
}

const CompiledIntegrationResponse *RestIntegrationResponseStage::defaultResponse() const
{
    for (const CompiledIntegrationResponse &r : m_responses)
        if (!r.selection)
            return &r;
    return nullptr;
}

const CompiledIntegrationResponse *RestIntegrationResponseStage::select(const QString &subject) const
{
    const CompiledIntegrationResponse *fallback = nullptr;
    for (const CompiledIntegrationResponse &r : m_responses) {
        if (!r.selection) {
            if (!fallback)
                fallback = &r;
            continue;
        }
        if (r.selection->match(subject).hasMatch())
            return &r;
    }
    return fallback;
}

StageStatus RestIntegrationResponseStage::onRequest(RequestContext &ctx) const
{
    MappingState &state = mappingStateOf(ctx);
    static const IntegrationResult kNothing;
    const IntegrationResult &result = ctx.integrationResult ? *ctx.integrationResult : kNothing;
    const bool lambda = result.kind == IntegrationResult::Kind::Lambda;
    if (lambda && !answerFromLambda(ctx, result))
        return StageStatus::StopAndReply;
    if (result.kind == IntegrationResult::Kind::Failed) {
        answerFailure(ctx, result);
        return StageStatus::StopAndReply;
    }
    HttpResponse lambdaAnswer;
    if (lambda) {
        // A Lambda's answer: its result or error document as the body, Lambda's 200 as the status.
        lambdaAnswer.status = 200;
        lambdaAnswer.body = result.payload;
        lambdaAnswer.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    }
    const HttpResponse &backend = lambda ? lambdaAnswer : result.response;
    if (result.kind == IntegrationResult::Kind::Http)
        ctx.log.integrationStatus = backend.status;
    ctx.noteBody("Endpoint response body before transformations", backend.body);
    // Lambda: selection patterns see the function error's errorMessage only; a result that is not
    // an error takes the default response (recorded: lambda-custom-integration/selection-pattern/200).
    const bool functionError = lambda && result.lambdaStatus != IntegrationResult::LambdaStatus::Success;
    const CompiledIntegrationResponse *chosen =
        lambda ? (functionError ? select(lambdaErrorMessage(result)) : defaultResponse()) : select(QString::number(backend.status));
    if (!chosen)
        return refuseUnmappedResponse(ctx, backend.status);
    HttpResponse response;
    response.status = chosen->statusCode;
    if (lambda || m_awsBackend)
        response.setHeader(QByteArrayLiteral("X-Amzn-Trace-Id"), ctx.traceId);
    const CompiledTemplate *tmpl = chosen->templates.forAccept(ctx.request.header("accept"));
    if (tmpl) {
        std::string error;
        if (!renderTemplate(ctx, *tmpl->tmpl, backend.body, &response.body, &error))
            return refuseUntransformableResponse(ctx, QString::fromStdString(error));
        response.setHeader(QByteArrayLiteral("Content-Type"), QByteArray::fromStdString(tmpl->contentType));
        if (chosen->contentHandling != ContentHandling::Passthrough &&
            !convertResponsePayload(response.body, QByteArray::fromStdString(tmpl->contentType), ctx.request.header("accept"),
                                    m_binaryMediaTypes, chosen->contentHandling, &response.body))
            return refuseConversion(ctx);
    } else {
        const QByteArray type = backend.header("content-type");
        if (!convertResponsePayload(backend.body, type, ctx.request.header("accept"), m_binaryMediaTypes, chosen->contentHandling,
                                    &response.body))
            return refuseConversion(ctx);
        response.setHeader(QByteArrayLiteral("Content-Type"), type.isEmpty() ? QByteArrayLiteral("application/json") : type);
    }
    std::optional<vtl::Value> parsedBody;
    for (const auto &[name, source] : chosen->headers)
        response.setHeader(name, headerValue(state, source, backend, &parsedBody));
    const vtl::ContextOverrides overrides = vtl::readContextOverrides(state.context);
    if (overrides.status && *overrides.status >= 100 && *overrides.status <= 599)
        response.status = *overrides.status;
    for (const auto &[name, values] : overrides.responseHeaders) {
        QByteArray joined;
        for (const std::string &value : values)
            joined += (joined.isEmpty() ? "" : ",") + QByteArray::fromStdString(value);
        response.setHeader(QByteArray::fromStdString(name), joined);
    }
    // A function error mapped to a response is still the function's error in the monitor.
    ctx.reply(std::move(response), functionError ? Outcome::FunctionError : Outcome::Ok);
    return StageStatus::StopAndReply;
}

} // namespace gw
