#include "input_variable.h"

#include "json_path.h"
#include "vtl_evaluator.h"

#include <QByteArrayView>

namespace gw::vtl {

namespace {
Value mapOf(const std::vector<std::pair<std::string, std::string>> &pairs)
{
    Value map = makeMap();
    for (const auto &[key, value] : pairs)
        map.asMap()->put(key, Value(value));
    return map;
}
} // namespace

InputVariable::InputVariable(std::string body, std::shared_ptr<const InputParameters> params)
    : m_body(std::move(body)), m_params(std::move(params))
{
    // The service gives an empty payload to templates as "{}" (recorded: $input.body of an empty
    // request renders {}).
    if (m_body.empty())
        m_body = "{}";
}

const Value &InputVariable::root()
{
    if (!m_parsed) {
        m_parsed = true;
        m_isJson = parseJsonValue(m_body, &m_root);
        if (!m_isJson)
            m_root = Value();
    }
    return m_root;
}

Value InputVariable::params()
{
    if (m_paramsMap.isNull()) {
        m_paramsMap = makeMap();
        Map &map = *m_paramsMap.asMap();
        map.put("path", m_params ? mapOf(m_params->path) : makeMap());
        map.put("querystring", m_params ? mapOf(m_params->querystring) : makeMap());
        map.put("header", m_params ? mapOf(m_params->header) : makeMap());
    }
    return m_paramsMap;
}

// $input.params(x): "the value of a method request parameter from the path, query string, or
// header value (searched in that order)" (API Gateway mapping template reference).
Value InputVariable::param(const std::string &name) const
{
    if (!m_params)
        return {};
    for (const auto &[key, value] : m_params->path)
        if (key == name)
            return Value(value);
    for (const auto &[key, value] : m_params->querystring)
        if (key == name)
            return Value(value);
    // Header names are ASCII (RFC 9110): compared without case byte by byte.
    const QByteArrayView wanted(name.data(), qsizetype(name.size()));
    for (const auto &[key, value] : m_params->header)
        if (QByteArrayView(key.data(), qsizetype(key.size())).compare(wanted, Qt::CaseInsensitive) == 0)
            return Value(value);
    return {};
}

Value InputVariable::property(std::string_view name)
{
    if (name == "body")
        return Value(m_body);
    if (name == "params")
        return params();
    return {};
}

std::optional<Value> InputVariable::call(std::string_view method, std::vector<Value> &args)
{
    if (method == "getBody" && args.empty())
        return Value(m_body);
    if (method == "params" || method == "getParams") {
        if (args.empty())
            return params();
        return param(args[0].toString());
    }
    if ((method == "path" || method == "json") && args.size() == 1) {
        const std::string path = args[0].toString();
        const Value &document = root();
        Value selected;
        if (!m_isJson) {
            // Not JSON: only the whole payload can be selected, as a string.
            if (path == "$")
                selected = Value(m_body);
        } else {
            selected = selectJsonPath(document, path);
        }
        if (method == "path")
            return selected;
        // $input.json(): the selection as JSON text ("" when nothing was selected).
        return selected.isNull() ? Value(std::string("\"\"")) : Value(selected.toJson());
    }
    return std::nullopt;
}

} // namespace gw::vtl
