#include "rest_request_validation_stage.h"

#include "../../common/query_string.h"
#include <cstring>
#include "../mapping_templates.h"
#include "../request_context.h"

namespace gw {

std::vector<RestRequestValidationStage::RequiredParameter>
RestRequestValidationStage::requiredParameters(const std::map<std::string, bool> &requestParameters)
{
    static const std::pair<const char *, Location> kPrefixes[] = {
        {"method.request.header.", Location::Header},
        {"method.request.multivalueheader.", Location::Header},
        {"method.request.path.", Location::Path},
        {"method.request.querystring.", Location::QueryString},
        {"method.request.multivaluequerystring.", Location::QueryString},
    };
    std::vector<RequiredParameter> required;
    for (Location location : {Location::Header, Location::Path, Location::QueryString})
        for (const auto &[key, isRequired] : requestParameters) {
            if (!isRequired)
                continue;
            for (const auto &[prefix, at] : kPrefixes)
                if (at == location && key.rfind(prefix, 0) == 0 && key.size() > strlen(prefix))
                    required.push_back({location, key.substr(strlen(prefix))});
        }
    return required;
}

namespace {
bool blank(const QByteArray &value)
{
    return value.trimmed().isEmpty();
}
} // namespace

StageStatus RestRequestValidationStage::onRequest(RequestContext &ctx) const
{
    if (!m_required.empty()) {
        QueryParameters query;
        bool queryRead = false;
        QStringList missing;
        for (const RequiredParameter &p : m_required) {
            bool present = false;
            switch (p.location) {
            case Location::Header:
                present = !blank(ctx.request.header(QByteArray::fromStdString(p.name)));
                break;
            case Location::Path: {
                const auto found = ctx.pathParameters.find(p.name);
                present = found != ctx.pathParameters.end() && !found->second.empty();
                break;
            }
            case Location::QueryString:
                if (!queryRead) {
                    query = parseQueryString(ctx.request.rawQuery());
                    queryRead = true;
                }
                for (const auto &[name, values] : query)
                    if (name == p.name)
                        for (const std::string &value : values)
                            present = present || !blank(QByteArray::fromStdString(value));
                break;
            }
            if (!present)
                missing << QString::fromStdString(p.name);
        }
        if (!missing.isEmpty()) {
            const QString message = QStringLiteral("Missing required request parameters: [%1]").arg(missing.join(QStringLiteral(", ")));
            ctx.note(QStringLiteral("Request validation failed for parameters: %1").arg(message));
            ctx.sendLocalReplySaying(GatewayResponseType::BadRequestParameters, Outcome::SchemaInvalid, message);
            return StageStatus::StopAndReply;
        }
    }
    if (m_bodyModels.empty())
        return StageStatus::Continue;
    // No Content-Type: the service reads the body as application/json.
    const QByteArray contentType = ctx.request.header("content-type");
    const std::string mediaType = contentType.isEmpty() ? std::string("application/json") : mediaTypeOf(contentType).toLower().toStdString();
    const BodyModel *chosen = nullptr;
    for (const BodyModel &m : m_bodyModels)
        if (m.contentType == mediaType || (!chosen && m.contentType == "$default"))
            chosen = &m;
    if (!chosen)
        return StageStatus::Continue; // no model for this content type: not validated (the guide says so)
    std::vector<std::string> errors;
    if (chosen->model->validate(ctx.request.body, &errors))
        return StageStatus::Continue;
    QStringList lines;
    for (const std::string &e : errors)
        lines << QString::fromStdString(e);
    ctx.note(QStringLiteral("Request body does not match model schema for content type %1: [%2]")
                 .arg(QString::fromStdString(mediaType), lines.join(QStringLiteral(", "))));
    ctx.sendLocalReply(GatewayResponseType::BadRequestBody, Outcome::SchemaInvalid);
    return StageStatus::StopAndReply;
}

} // namespace gw
