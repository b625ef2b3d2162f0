#include "java_methods.h"

#include "vtl_evaluator.h"

#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <cmath>

namespace gw::vtl {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

Value v(const QString &s)
{
    return Value(s.toStdString());
}

bool isAscii(const std::string &s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::optional<int64_t> intArg(const std::vector<Value> &args, size_t i)
{
    if (i < args.size() && args[i].isInt())
        return args[i].asInt();
    if (i < args.size() && args[i].isDouble())
        return int64_t(args[i].asDouble());
    return std::nullopt;
}

std::string strArg(const std::vector<Value> &args, size_t i)
{
    return i < args.size() ? args[i].toString() : std::string();
}

// java.util.regex replacement ("$1", "\$") in QRegularExpression's terms ("\1", "$").
QString javaReplacement(const QString &replacement)
{
    QString out;
    for (int i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement[i];
        if (c == QLatin1Char('\\') && i + 1 < replacement.size()) {
            const QChar next = replacement[++i];
            if (next == QLatin1Char('\\'))
                out += QLatin1String("\\\\");
            else
                out += next;
        } else if (c == QLatin1Char('$') && i + 1 < replacement.size() && replacement[i + 1].isDigit()) {
            out += QLatin1Char('\\');
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<Value> stringMethod(const std::string &s, std::string_view name, std::vector<Value> &args)
{
    const size_t n = args.size();
    if (name == "length" && n == 0)
        return Value(int64_t(isAscii(s) ? s.size() : size_t(q(s).size())));
    if (name == "isEmpty" && n == 0)
        return Value(s.empty());
    if (name == "equals" && n == 1)
        return Value(args[0].isString() && args[0].asString() == s);
    if (name == "equalsIgnoreCase" && n == 1)
        return Value(args[0].isString() && q(s).compare(q(args[0].asString()), Qt::CaseInsensitive) == 0);
    if (name == "contains" && n == 1)
        return Value(s.find(strArg(args, 0)) != std::string::npos);
    if (name == "startsWith" && n >= 1) {
        const int64_t offset = intArg(args, 1).value_or(0);
        return Value(q(s).mid(int(offset)).startsWith(q(strArg(args, 0))));
    }
    if (name == "endsWith" && n == 1) {
        const std::string suffix = strArg(args, 0);
        return Value(s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0);
    }
    if ((name == "indexOf" || name == "lastIndexOf") && n >= 1) {
        const QString hay = q(s), needle = q(strArg(args, 0));
        if (name == "indexOf")
            return Value(int64_t(hay.indexOf(needle, int(intArg(args, 1).value_or(0)))));
        return Value(int64_t(hay.lastIndexOf(needle, int(intArg(args, 1).value_or(-1)))));
    }
    if (name == "substring" && n >= 1) {
        const QString text = q(s);
        const auto begin = intArg(args, 0);
        const int64_t end = intArg(args, 1).value_or(text.size());
        if (!begin || *begin < 0 || end > text.size() || *begin > end)
            throw VtlRuntimeError("String index out of range: " + std::to_string(begin.value_or(-1)));
        return v(text.mid(int(*begin), int(end - *begin)));
    }
    if (name == "charAt" && n == 1) {
        const QString text = q(s);
        const int64_t i = intArg(args, 0).value_or(-1);
        if (i < 0 || i >= text.size())
            throw VtlRuntimeError("String index out of range: " + std::to_string(i));
        return v(QString(text[int(i)]));
    }
    if (name == "toLowerCase" && n == 0)
        return v(q(s).toLower());
    if (name == "toUpperCase" && n == 0)
        return v(q(s).toUpper());
    if (name == "trim" && n == 0) {
        size_t b = 0, e = s.size();
        while (b < e && static_cast<unsigned char>(s[b]) <= ' ')
            ++b;
        while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ')
            --e;
        return Value(s.substr(b, e - b));
    }
    if (name == "concat" && n == 1)
        return Value(s + strArg(args, 0));
    if (name == "replace" && n == 2) {
        const std::string from = strArg(args, 0), to = strArg(args, 1);
        if (from.empty())
            return Value(s);
        std::string out;
        size_t at = 0;
        for (size_t hit; (hit = s.find(from, at)) != std::string::npos; at = hit + from.size())
            out.append(s, at, hit - at).append(to);
        out.append(s, at);
        return Value(out);
    }
    if ((name == "replaceAll" || name == "replaceFirst" || name == "matches" || name == "split") && n >= 1) {
        QRegularExpression re(q(strArg(args, 0)));
        if (!re.isValid())
            throw VtlRuntimeError("invalid pattern " + strArg(args, 0) + ": " + re.errorString().toStdString());
        QString text = q(s);
        if (name == "matches") {
            const QRegularExpression whole(QRegularExpression::anchoredPattern(re.pattern()));
            return Value(whole.match(text).hasMatch());
        }
        if (name == "split") {
            // Java's split drops trailing empty strings (limit 0).
            QStringList parts = text.split(re);
            if (!intArg(args, 1) || *intArg(args, 1) == 0)
                while (!parts.isEmpty() && parts.back().isEmpty())
                    parts.removeLast();
            std::vector<Value> items;
            for (const QString &part : parts)
                items.push_back(v(part));
            return makeList(std::move(items));
        }
        if (n != 2)
            return std::nullopt;
        const QString replacement = javaReplacement(q(strArg(args, 1)));
        if (name == "replaceAll")
            return v(text.replace(re, replacement));
        const QRegularExpressionMatch m = re.match(text);
        if (!m.hasMatch())
            return Value(s);
        QString first = m.captured(0);
        first.replace(QRegularExpression(QRegularExpression::anchoredPattern(re.pattern())), replacement);
        return v(text.left(int(m.capturedStart())) + first + text.mid(int(m.capturedEnd())));
    }
    if (name == "compareTo" && n == 1)
        return Value(int64_t(q(s).compare(q(strArg(args, 0)))));
    if (name == "hashCode" && n == 0) {
        int32_t h = 0;
        for (const QChar c : q(s))
            h = int32_t(uint32_t(h) * 31u + c.unicode());
        return Value(int64_t(h));
    }
    return std::nullopt;
}

std::optional<Value> listMethod(const Value &self, std::string_view name, std::vector<Value> &args)
{
    auto &items = self.asList()->items;
    const size_t n = args.size();
    if (name == "size" && n == 0)
        return Value(int64_t(items.size()));
    if (name == "isEmpty" && n == 0)
        return Value(items.empty());
    if (name == "get" && n == 1) {
        const auto i = intArg(args, 0);
        if (!i || *i < 0 || *i >= int64_t(items.size()))
            throw VtlRuntimeError("Index " + std::to_string(i.value_or(-1)) + " out of bounds for length " +
                                  std::to_string(items.size()));
        return items[size_t(*i)];
    }
    if ((name == "contains" || name == "indexOf") && n == 1) {
        const auto it = std::find_if(items.begin(), items.end(), [&](const Value &item) { return item.javaEquals(args[0]); });
        if (name == "contains")
            return Value(it != items.end());
        return Value(int64_t(it == items.end() ? -1 : it - items.begin()));
    }
    if (name == "add" && n == 1) {
        items.push_back(args[0]);
        return Value(true);
    }
    if (name == "add" && n == 2 && args[0].isInt()) {
        const int64_t i = args[0].asInt();
        if (i < 0 || i > int64_t(items.size()))
            throw VtlRuntimeError("Index: " + std::to_string(i) + ", Size: " + std::to_string(items.size()));
        items.insert(items.begin() + i, args[1]);
        return Value();
    }
    if (name == "set" && n == 2 && args[0].isInt()) {
        const int64_t i = args[0].asInt();
        if (i < 0 || i >= int64_t(items.size()))
            throw VtlRuntimeError("Index " + std::to_string(i) + " out of bounds for length " + std::to_string(items.size()));
        return std::exchange(items[size_t(i)], args[1]);
    }
    if (name == "remove" && n == 1) {
        if (args[0].isInt()) {
            const int64_t i = args[0].asInt();
            if (i < 0 || i >= int64_t(items.size()))
                throw VtlRuntimeError("Index " + std::to_string(i) + " out of bounds for length " + std::to_string(items.size()));
            Value removed = items[size_t(i)];
            items.erase(items.begin() + i);
            return removed;
        }
        const auto it = std::find_if(items.begin(), items.end(), [&](const Value &item) { return item.javaEquals(args[0]); });
        if (it == items.end())
            return Value(false);
        items.erase(it);
        return Value(true);
    }
    if (name == "addAll" && n == 1 && args[0].isList()) {
        const std::vector<Value> more = args[0].asList()->items;
        items.insert(items.end(), more.begin(), more.end());
        return Value(true);
    }
    if (name == "clear" && n == 0) {
        items.clear();
        return Value();
    }
    if (name == "subList" && n == 2) {
        const int64_t a = intArg(args, 0).value_or(-1), b = intArg(args, 1).value_or(-1);
        if (a < 0 || b > int64_t(items.size()) || a > b)
            throw VtlRuntimeError("subList(" + std::to_string(a) + ", " + std::to_string(b) + ") out of range");
        return makeList(std::vector<Value>(items.begin() + a, items.begin() + b), self.asList()->fromJson);
    }
    return std::nullopt;
}

std::optional<Value> mapMethod(const Value &self, std::string_view name, std::vector<Value> &args)
{
    Map &map = *self.asMap();
    const size_t n = args.size();
    if (name == "get" && n == 1)
        return map.get(args[0].toString());
    if (name == "getOrDefault" && n == 2) {
        const Value *found = map.find(args[0].toString());
        return found ? *found : args[1];
    }
    if (name == "put" && n == 2)
        return map.put(args[0].toString(), args[1]);
    if (name == "putAll" && n == 1 && args[0].isMap()) {
        const auto entries = args[0].asMap()->entries;
        for (const auto &[key, value] : entries)
            map.put(key, value);
        return Value();
    }
    if (name == "containsKey" && n == 1)
        return Value(map.find(args[0].toString()) != nullptr);
    if (name == "containsValue" && n == 1)
        return Value(std::any_of(map.entries.begin(), map.entries.end(), [&](const auto &e) { return e.second.javaEquals(args[0]); }));
    if (name == "remove" && n == 1)
        return map.remove(args[0].toString());
    if (name == "size" && n == 0)
        return Value(int64_t(map.size()));
    if (name == "isEmpty" && n == 0)
        return Value(map.entries.empty());
    if (name == "clear" && n == 0) {
        while (!map.entries.empty())
            map.remove(map.entries.front().first);
        return Value();
    }
    if (name == "keySet" && n == 0) {
        std::vector<Value> keys;
        keys.reserve(map.size());
        for (const auto &entry : map.entries)
            keys.emplace_back(entry.first);
        return makeList(std::move(keys));
    }
    if (name == "values" && n == 0) {
        std::vector<Value> values;
        values.reserve(map.size());
        for (const auto &entry : map.entries)
            values.push_back(entry.second);
        return makeList(std::move(values));
    }
    if (name == "entrySet" && n == 0) {
        std::vector<Value> entries;
        for (const auto &[key, value] : map.entries) {
            Value entry = makeMap();
            entry.asMap()->put("key", Value(key));
            entry.asMap()->put("value", value);
            entries.push_back(std::move(entry));
        }
        return makeList(std::move(entries));
    }
    return std::nullopt;
}

std::optional<Value> numberMethod(const Value &self, std::string_view name, std::vector<Value> &args)
{
    if (!args.empty()) {
        if (name == "equals")
            return Value(args.size() == 1 && self.javaEquals(args[0]) && self.isInt() == args[0].isInt());
        if (name == "compareTo" && args.size() == 1 && args[0].isNumber())
            return Value(int64_t(self.asDouble() < args[0].asDouble() ? -1 : self.asDouble() > args[0].asDouble()));
        return std::nullopt;
    }
    if (name == "intValue")
        return Value(int64_t(int32_t(self.isInt() ? self.asInt() : int64_t(self.asDouble()))));
    if (name == "longValue")
        return Value(self.isInt() ? self.asInt() : int64_t(self.asDouble()));
    if (name == "doubleValue" || name == "floatValue")
        return Value(self.asDouble());
    return std::nullopt;
}

} // namespace

std::optional<Value> callJavaMethod(const Value &target, std::string_view name, std::vector<Value> &args)
{
    if (name == "toString" && args.empty())
        return Value(target.toString());
    if (target.isString())
        return stringMethod(target.asString(), name, args);
    if (target.isList())
        return listMethod(target, name, args);
    if (target.isMap()) {
        if (name == "equals" && args.size() == 1)
            return Value(target.javaEquals(args[0]));
        return mapMethod(target, name, args);
    }
    if (target.isNumber())
        return numberMethod(target, name, args);
    if (target.isBool()) {
        if (name == "booleanValue" && args.empty())
            return target;
        if (name == "equals" && args.size() == 1)
            return Value(args[0].isBool() && args[0].asBool() == target.asBool());
    }
    return std::nullopt;
}

Value javaProperty(const Value &target, std::string_view name)
{
    if (target.isMap())
        return target.asMap()->get(name);
    // A bean property: of the getters the value types have, templates reach isEmpty() as .empty.
    if (name == "empty") {
        std::vector<Value> none;
        return callJavaMethod(target, "isEmpty", none).value_or(Value());
    }
    return {};
}

} // namespace gw::vtl
