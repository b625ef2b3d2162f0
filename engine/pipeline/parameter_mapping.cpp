#include "parameter_mapping.h"

#include "../common/byte_append.h"
#include "../common/percent_encoding.h"
#include "../model/mapping_keys.h"
#include "request_context.h"

#include <cstring>
#include <optional>
#include <nlohmann/json.hpp>

namespace gw {

namespace {

// "When you specify a JSON path, API Gateway truncates the request body at 100 KB and then
// applies the selection expression" (http-api-parameter-mapping.html).
constexpr qsizetype kBodyPathLimit = 100 * 1024;

bool isReferenceChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '[' || c == ']';
}

// "a.b[0].c" -> {"a", "b", "[0]", "c"}
std::vector<std::string> jsonPathSteps(const std::string &path)
{
    std::vector<std::string> steps;
    std::string current;
    for (char c : path) {
        if (c == '.' || c == '[') {
            if (!current.empty())
                steps.push_back(current);
            current = c == '[' ? "[" : "";
        } else if (c == ']') {
            current += ']';
            steps.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty())
        steps.push_back(current);
    return steps;
}

QByteArray selectJson(const QByteArray &body, const std::vector<std::string> &steps)
{
    const auto parsed = nlohmann::json::parse(body.left(kBodyPathLimit).constData(), nullptr, false);
    if (parsed.is_discarded())
        return {};
    const nlohmann::json *at = &parsed;
    for (const std::string &step : steps) {
        if (step.size() > 2 && step.front() == '[') {
            bool ok = false;
            const int index = QByteArray::fromStdString(step.substr(1, step.size() - 2)).toInt(&ok);
            if (!ok || !at->is_array() || index < 0 || size_t(index) >= at->size())
                return {};
            at = &(*at)[size_t(index)];
        } else {
            if (!at->is_object() || !at->contains(step))
                return {};
            at = &(*at)[step];
        }
    }
    return QByteArray::fromStdString(at->is_string() ? at->get<std::string>() : at->dump());
}

QByteArray joinedHeader(const std::vector<HttpHeader> &headers, const QByteArray &name)
{
    QByteArray out;
    bool first = true;
    for (const HttpHeader &h : headers)
        if (h.name.compare(name, Qt::CaseInsensitive) == 0) {
            if (!first)
                out += ',';
            out += h.value;
            first = false;
        }
    return out;
}

void eraseHeader(std::vector<HttpHeader> &headers, const QByteArray &name)
{
    std::erase_if(headers, [&](const HttpHeader &h) { return h.name.compare(name, Qt::CaseInsensitive) == 0; });
}

void applyHeaderOp(std::vector<HttpHeader> &headers, MappingAction action, const QByteArray &name, const QByteArray &value)
{
    switch (action) {
    case MappingAction::Remove: eraseHeader(headers, name); break;
    case MappingAction::Overwrite:
        eraseHeader(headers, name);
        if (!value.isEmpty())
            headers.push_back({name, value});
        break;
    case MappingAction::Append: {
        if (value.isEmpty())
            break;
        for (HttpHeader &h : headers)
            if (h.name.compare(name, Qt::CaseInsensitive) == 0) {
                h.value += ',' + value; // "API Gateway combines multiple header values with commas"
                return;
            }
        headers.push_back({name, value});
        break;
    }
    }
}

struct CompiledEntry {
    MappingKey key;
    MappingValue value;
};

// One key and its value, or nothing when the key is not a mapping key; problems go to errors,
// prefixed with `where` ("responseParameters 404: ", or nothing for request parameters).
std::optional<CompiledEntry> compileEntry(const std::string &key, const std::string &value, bool response,
                                          const QString &where, QStringList *errors)
{
    std::string why;
    const auto parsed = parseMappingKey(key, response, &why);
    if (!parsed) {
        if (errors)
            *errors << where + QString::fromStdString(why);
        return std::nullopt;
    }
    QString error;
    MappingValue mapped(value, response ? MappingValue::Side::Response : MappingValue::Side::Request, &error);
    if (!error.isEmpty() && errors)
        *errors << where + QStringLiteral("%1: %2").arg(QString::fromStdString(key), error);
    return CompiledEntry{*parsed, std::move(mapped)};
}

} // namespace

MappingValue::MappingValue(const std::string &text, Side side, QString *error)
{
    QByteArray literal;
    size_t i = 0;
    const auto flush = [&] {
        if (!literal.isEmpty())
            m_parts.push_back(Part{Source::Literal, std::move(literal), {}});
        literal.clear();
    };
    while (i < text.size()) {
        if (text[i] != '$' || i + 1 >= text.size()) {
            literal += text[i++];
            continue;
        }
        std::string reference;
        size_t end;
        if (text[i + 1] == '{') {
            end = text.find('}', i + 2);
            if (end == std::string::npos) {
                literal += text[i++];
                continue;
            }
            reference = text.substr(i + 2, end - i - 2);
            ++end;
        } else {
            end = i + 1;
            while (end < text.size() && isReferenceChar(text[end]))
                ++end;
            while (end > i + 1 && text[end - 1] == '.') // a full stop after a reference is text
                --end;
            reference = text.substr(i + 1, end - i - 1);
        }
        Part part;
        const auto startsWith = [&](const char *prefix, std::string *name) {
            const size_t n = std::strlen(prefix);
            if (reference.compare(0, n, prefix) != 0)
                return false;
            *name = reference.substr(n);
            return true;
        };
        std::string name;
        bool known = true;
        if (side == Side::Request && startsWith("request.header.", &name)) {
            part = {Source::RequestHeader, QByteArray::fromStdString(name).toLower(), {}};
        } else if (side == Side::Request && startsWith("request.querystring.", &name)) {
            part = {Source::RequestQuery, QByteArray::fromStdString(name), {}};
        } else if (side == Side::Request && reference == "request.body") {
            part = {Source::RequestBody, {}, {}};
        } else if (side == Side::Request && startsWith("request.body", &name)) {
            part = {Source::RequestBodyPath, {}, jsonPathSteps(name)};
        } else if (side == Side::Request && reference == "request.path") {
            part = {Source::RequestPath, {}, {}};
        } else if (side == Side::Request && startsWith("request.path.", &name)) {
            part = {Source::RequestPathParameter, QByteArray::fromStdString(name), {}};
        } else if (side == Side::Response && startsWith("response.header.", &name)) {
            part = {Source::ResponseHeader, QByteArray::fromStdString(name).toLower(), {}};
        } else if (side == Side::Response && reference == "response.body") {
            part = {Source::ResponseBody, {}, {}};
        } else if (side == Side::Response && startsWith("response.body", &name)) {
            part = {Source::ResponseBodyPath, {}, jsonPathSteps(name)};
        } else if (startsWith("context.", &name)) {
            known = contextVariableNamed(QString::fromStdString(name)).has_value();
            part = {Source::Context, QByteArray::fromStdString(name), {}};
        } else if (startsWith("stageVariables.", &name)) {
            part = {Source::StageVariable, QByteArray::fromStdString(name), {}};
        } else {
            known = false;
        }
        if (!known) {
            if (error && error->isEmpty())
                *error = QStringLiteral("unknown reference $%1").arg(QString::fromStdString(reference));
            if (part.source != Source::Context) {
                literal += QByteArray::fromStdString(text.substr(i, end - i));
                i = end;
                continue;
            }
        }
        flush();
        m_parts.push_back(std::move(part));
        i = end;
    }
    flush();
}

QByteArray MappingValue::evaluate(const RequestContext &ctx, const HttpResponse *response) const
{
    if (m_parts.size() == 1 && m_parts.front().source == Source::Literal)
        return m_parts.front().text;
    QByteArray out;
    for (const Part &part : m_parts) {
        switch (part.source) {
        case Source::Literal: out += part.text; break;
        case Source::RequestHeader: out += joinedHeader(ctx.request.headers, part.text); break;
        case Source::RequestQuery: {
            // Names are case-sensitive; several values are joined with commas.
            bool first = true;
            const std::string wanted = part.text.toStdString();
            for (const QByteArray &pair : ctx.request.rawQuery().split('&')) {
                const qsizetype eq = pair.indexOf('=');
                if (percentDecode(eq < 0 ? pair : pair.left(eq), true) != wanted)
                    continue;
                if (!first)
                    out += ',';
                out += QByteArray::fromStdString(eq < 0 ? std::string() : percentDecode(pair.mid(eq + 1), true));
                first = false;
            }
            break;
        }
        case Source::RequestBody: out += ctx.request.body; break;
        case Source::RequestBodyPath: out += selectJson(ctx.request.body, part.path); break;
        case Source::RequestPath: out += ctx.pathWithoutStage; break;
        case Source::RequestPathParameter: {
            const auto found = ctx.pathParameters.find(part.text.toStdString());
            if (found != ctx.pathParameters.end())
                out += QByteArray::fromStdString(found->second);
            break;
        }
        case Source::Context:
            if (auto variable = contextVariableNamed(QString::fromLatin1(part.text)))
                out += contextValue(ctx.log, *variable);
            break;
        case Source::StageVariable:
            if (ctx.stage) {
                const auto &variables = ctx.stage->stageVariables;
                if (auto found = variables.find(part.text.toStdString()); found != variables.end())
                    out += QByteArray::fromStdString(found->second);
            }
            break;
        case Source::ResponseHeader:
            if (response)
                out += joinedHeader(response->headers, part.text);
            break;
        case Source::ResponseBody:
            if (response)
                out += response->body;
            break;
        case Source::ResponseBodyPath:
            if (response)
                out += selectJson(response->body, part.path);
            break;
        }
    }
    return out;
}

RequestParameterMapping::RequestParameterMapping(const StringMap &parameters, QStringList *errors)
{
    for (const auto &[key, value] : parameters) {
        auto entry = compileEntry(key, value, false, QString(), errors);
        if (!entry)
            continue;
        const Target target = entry->key.target == MappingKey::Target::Header        ? Target::Header
                              : entry->key.target == MappingKey::Target::QueryString ? Target::Query
                                                                                     : Target::Path;
        m_ops.push_back(Op{MappingAction(entry->key.action), target, QByteArray::fromStdString(entry->key.name),
                           std::move(entry->value)});
    }
}

void RequestParameterMapping::apply(const RequestContext &ctx, IntegrationRequest &request) const
{
    // Every value is read from the client's request, before any change.
    std::vector<QByteArray> values;
    values.reserve(m_ops.size());
    for (const Op &op : m_ops)
        values.push_back(op.action == MappingAction::Remove ? QByteArray() : op.value.evaluate(ctx, nullptr));

    const qsizetype questionMark = request.target.indexOf('?');
    QByteArray path = questionMark < 0 ? request.target : request.target.left(questionMark);
    std::vector<std::pair<QByteArray, QByteArray>> query; // encoded name, encoded value
    bool queryChanged = false;
    if (questionMark >= 0)
        for (const QByteArray &pair : request.target.mid(questionMark + 1).split('&'))
            if (!pair.isEmpty()) {
                const qsizetype eq = pair.indexOf('=');
                query.emplace_back(eq < 0 ? pair : pair.left(eq), eq < 0 ? QByteArray() : pair.mid(eq + 1));
            }
    for (size_t i = 0; i < m_ops.size(); ++i) {
        const Op &op = m_ops[i];
        switch (op.target) {
        case Target::Header: applyHeaderOp(request.headers, op.action, op.name, values[i]); break;
        case Target::Path:
            path = values[i].startsWith('/') ? values[i] : '/' + values[i];
            break;
        case Target::Query: {
            queryChanged = true;
            const QByteArray encodedName = op.name.toPercentEncoding();
            if (op.action != MappingAction::Append) {
                const std::string name = op.name.toStdString();
                std::erase_if(query, [&](const auto &p) { return percentDecode(p.first, true) == name; });
            }
            if (op.action != MappingAction::Remove)
                query.emplace_back(encodedName, values[i].toPercentEncoding());
            break;
        }
        }
    }
    if (!queryChanged) {
        if (questionMark >= 0)
            path += request.target.mid(questionMark);
        request.target = path;
        return;
    }
    QByteArray target = path;
    for (size_t i = 0; i < query.size(); ++i)
        appendAll(target, {i == 0 ? "?" : "&", query[i].first, query[i].second.isNull() ? "" : "=", query[i].second});
    request.target = target;
}

ResponseParameterMapping::ResponseParameterMapping(const std::map<std::string, StringMap> &byStatus, QStringList *errors)
{
    for (const auto &[statusText, parameters] : byStatus) {
        bool ok = false;
        const int status = QByteArray::fromStdString(statusText).toInt(&ok);
        if (!ok || status < 100 || status > 599) {
            if (errors)
                *errors << QStringLiteral("responseParameters: %1 is not a status code").arg(QString::fromStdString(statusText));
            continue;
        }
        std::vector<Op> ops;
        const QString where = QStringLiteral("responseParameters %1: ").arg(QString::fromStdString(statusText));
        for (const auto &[key, value] : parameters) {
            auto entry = compileEntry(key, value, true, where, errors);
            if (!entry)
                continue;
            const bool statusCode = entry->key.target == MappingKey::Target::StatusCode;
            ops.push_back(Op{MappingAction(entry->key.action), statusCode, QByteArray::fromStdString(entry->key.name),
                             std::move(entry->value)});
        }
        m_byStatus.emplace_back(status, std::move(ops));
    }
}

void ResponseParameterMapping::apply(const RequestContext &ctx, HttpResponse &response) const
{
    for (const auto &[status, ops] : m_byStatus) {
        if (status != response.status)
            continue;
        // Values come from the integration's answer as it was, before any change.
        std::vector<QByteArray> values;
        values.reserve(ops.size());
        for (const Op &op : ops)
            values.push_back(op.action == MappingAction::Remove ? QByteArray() : op.value.evaluate(ctx, &response));
        for (size_t i = 0; i < ops.size(); ++i) {
            if (ops[i].statusCode) {
                bool ok = false;
                const int code = values[i].trimmed().toInt(&ok);
                if (ok && code >= 100 && code <= 599)
                    response.status = code;
                continue;
            }
            applyHeaderOp(response.headers, ops[i].action, ops[i].header, values[i]);
        }
        return;
    }
}

} // namespace gw
