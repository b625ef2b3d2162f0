#include "util_variable.h"

#include "../common/percent_encoding.h"

#include "json_path.h"
#include "vtl_evaluator.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace gw::vtl {

std::string escapeJavaScript(std::string_view text)
{
    const QString s = QString::fromUtf8(text.data(), qsizetype(text.size()));
    std::string out;
    out.reserve(text.size() + 8);
    for (const QChar qc : s) {
        const char16_t c = qc.unicode();
        switch (c) {
        case '\'': out += "\\'"; break;
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '/': out += "\\/"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20 || c > 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, c < 0x20 ? "\\u%04X" : "\\u%04X", unsigned(c));
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out;
}

namespace {
// java.net.URLEncoder.encode(s, "UTF-8"): letters, digits and .-*_ stay, space is '+'.
std::string formEncode(const std::string &s) { return percentEncode(s, ".-*_", true); }

// java.net.URLDecoder.decode(s, "UTF-8"): '+' is a space.
std::string formDecode(const std::string &s)
{
    QByteArray bytes = QByteArray::fromStdString(s);
    bytes.replace('+', ' ');
    return QByteArray::fromPercentEncoding(bytes).toStdString();
}
} // namespace

Value UtilVariable::instance()
{
    static const Value util(std::static_pointer_cast<HostObject>(std::make_shared<UtilVariable>()));
    return util;
}

std::optional<Value> UtilVariable::call(std::string_view method, std::vector<Value> &args)
{
    if (args.size() != 1)
        return std::nullopt;
    const Value &arg = args[0];
    if (arg.isNull())
        return Value();
    const std::string text = arg.toString();
    if (method == "escapeJavaScript")
        return Value(escapeJavaScript(text));
    if (method == "urlEncode")
        return Value(formEncode(text));
    if (method == "urlDecode")
        return Value(formDecode(text));
    if (method == "base64Encode")
        return Value(QByteArray::fromStdString(text).toBase64().toStdString());
    if (method == "base64Decode")
        return Value(QByteArray::fromBase64(QByteArray::fromStdString(text)).toStdString());
    if (method == "parseJson") {
        Value parsed;
        if (!parseJsonValue(text, &parsed))
            throw VtlRuntimeError("the text is not JSON");
        return parsed;
    }
    return std::nullopt;
}

} // namespace gw::vtl
