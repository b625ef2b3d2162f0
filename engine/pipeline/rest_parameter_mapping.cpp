#include "rest_parameter_mapping.h"

#include "../common/query_string.h"
#include "../observability/context_variables.h"
#include "../vtl/json_path.h"
#include "../vtl/vtl_evaluator.h"
#include "request_context.h"

namespace gw {

namespace {

bool startsWith(const std::string &text, const std::string &prefix, std::string *rest)
{
    if (text.size() <= prefix.size() || text.compare(0, prefix.size(), prefix) != 0)
        return false;
    *rest = text.substr(prefix.size());
    return true;
}

QByteArray lower(const std::string &name)
{
    return QByteArray::fromStdString(name).toLower();
}

std::vector<std::string> headerValues(const HttpRequest &request, const std::string &name)
{
    std::vector<std::string> values;
    for (const HttpHeader &h : request.headers)
        if (h.name.compare(QByteArray::fromStdString(name), Qt::CaseInsensitive) == 0)
            values.push_back(h.value.toStdString());
    return values;
}

} // namespace

bool RestRequestMapping::compile(const StringMap &requestParameters, std::string *error, std::string *failedKey)
{
    for (const auto &[key, value] : requestParameters) {
        *failedKey = key;
        Op op;
        std::string name;
        if (startsWith(key, "integration.request.path.", &name))
            op.target = Target::Path;
        else if (startsWith(key, "integration.request.querystring.", &name) ||
                 startsWith(key, "integration.request.multivaluequerystring.", &name))
            op.target = Target::Query;
        else if (startsWith(key, "integration.request.header.", &name) ||
                 startsWith(key, "integration.request.multivalueheader.", &name))
            op.target = Target::Header;
        else {
            *error = "'" + key + "' is not integration.request.{path,querystring,header,multivaluequerystring,multivalueheader}.NAME";
            return false;
        }
        op.name = name;
        std::string argument;
        if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
            op.source = Source::Static;
            argument = value.substr(1, value.size() - 2);
        } else if (startsWith(value, "method.request.path.", &argument)) {
            op.source = Source::Path;
        } else if (startsWith(value, "method.request.querystring.", &argument)) {
            op.source = Source::Query;
        } else if (startsWith(value, "method.request.multivaluequerystring.", &argument)) {
            op.source = Source::MultiQuery;
        } else if (startsWith(value, "method.request.header.", &argument)) {
            op.source = Source::Header;
        } else if (startsWith(value, "method.request.multivalueheader.", &argument)) {
            op.source = Source::MultiHeader;
        } else if (value == "method.request.body") {
            op.source = Source::Body;
        } else if (startsWith(value, "method.request.body.", &argument)) {
            op.source = Source::BodyPath;
            argument = "$." + argument;
        } else if (startsWith(value, "context.", &argument)) {
            if (!contextVariableNamed(QString::fromStdString(argument))) {
                *error = "'" + value + "' (for " + key + ") names no $context variable";
                return false;
            }
            op.source = Source::Context;
        } else if (startsWith(value, "stageVariables.", &argument)) {
            op.source = Source::StageVariable;
        } else {
            *error = "'" + value + "' (for " + key + ") is not 'static', method.request.{path,querystring,header,"
                     "multivaluequerystring,multivalueheader}.NAME, method.request.body[.JSONPath], context.NAME or stageVariables.NAME";
            return false;
        }
        op.argument = std::move(argument);
        m_ops.push_back(std::move(op));
    }
    failedKey->clear();
    return true;
}

std::vector<QByteArray> RestRequestMapping::headerTargets() const
{
    std::vector<QByteArray> names;
    for (const Op &op : m_ops)
        if (op.target == Target::Header)
            names.push_back(lower(op.name));
    return names;
}

RestRequestMapping::Mapped RestRequestMapping::evaluate(const RequestContext &ctx) const
{
    Mapped mapped;
    QueryParameters query;
    bool queryRead = false;
    std::optional<vtl::Value> body;
    for (const Op &op : m_ops) {
        std::vector<std::string> values;
        switch (op.source) {
        case Source::Static: values.push_back(op.argument); break;
        case Source::Path:
            if (const auto found = ctx.pathParameters.find(op.argument); found != ctx.pathParameters.end())
                values.push_back(found->second);
            break;
        case Source::Query:
        case Source::MultiQuery:
            if (!queryRead) {
                query = parseQueryString(ctx.request.rawQuery());
                queryRead = true;
            }
            for (const auto &[name, all] : query)
                if (name == op.argument && !all.empty()) {
                    // querystring: the last value, as the proxy event's queryStringParameters has it.
                    if (op.source == Source::Query)
                        values.push_back(all.back());
                    else
                        values = all;
                }
            break;
        case Source::Header:
        case Source::MultiHeader: {
            std::vector<std::string> all = headerValues(ctx.request, op.argument);
            if (op.source == Source::Header && !all.empty())
                values.push_back(all.back());
            else if (op.source == Source::MultiHeader)
                values = std::move(all);
            break;
        }
        case Source::Body:
            values.push_back(ctx.request.body.toStdString());
            break;
        case Source::BodyPath: {
            if (!body) {
                vtl::Value parsed;
                body = vtl::parseJsonValue(ctx.request.body.toStdString(), &parsed) ? parsed : vtl::Value();
            }
            if (body->isNull())
                break;
            try {
                const vtl::Value v = vtl::selectJsonPath(*body, op.argument);
                if (!v.isNull())
                    values.push_back(v.isString() || v.isNumber() || v.isBool() ? v.toString() : v.toJson());
            } catch (const vtl::VtlRuntimeError &) {
            }
            break;
        }
        case Source::Context:
            if (auto variable = contextVariableNamed(QString::fromStdString(op.argument)))
                values.push_back(contextValue(ctx.log, *variable).toStdString());
            break;
        case Source::StageVariable:
            if (ctx.stage)
                if (auto found = ctx.stage->stageVariables.find(op.argument); found != ctx.stage->stageVariables.end())
                    values.push_back(found->second);
            break;
        }
        for (const std::string &v : values) {
            switch (op.target) {
            case Target::Path: mapped.path[op.name] = v; break;
            case Target::Query: mapped.query.emplace_back(op.name, v); break;
            case Target::Header: mapped.headers.emplace_back(QByteArray::fromStdString(op.name), QByteArray::fromStdString(v)); break;
            }
        }
    }
    return mapped;
}

bool isRestrictedMappedHeader(const std::string &integrationType, const QByteArray &name)
{
    // Framing headers for every type; for Lambda and AWS services also these (all as recorded).
    if (name == "content-length" || name == "transfer-encoding")
        return true;
    if (integrationType != "AWS" && integrationType != "AWS_PROXY")
        return false;
    static const QByteArrayView kAws[] = {"authorization", "connection", "expect", "proxy-authenticate"};
    for (QByteArrayView restricted : kAws)
        if (name == restricted)
            return true;
    return false;
}

} // namespace gw
