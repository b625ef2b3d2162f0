#include "vtl_value.h"

#include <charconv>
#include <utility>
#include <cmath>

namespace gw::vtl {

namespace {
constexpr size_t kIndexFrom = 32; // below this, a linear scan beats hashing (and building the index)

void appendJsonString(std::string &out, std::string_view s)
{
    out += '"';
    for (const char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendJson(std::string &out, const Value &v);

void appendJson(std::string &out, const Value &v)
{
    if (v.isNull())
        out += "null";
    else if (v.isBool())
        out += v.asBool() ? "true" : "false";
    else if (v.isInt())
        out += std::to_string(v.asInt());
    else if (v.isDouble())
        out += javaDoubleString(v.asDouble());
    else if (v.isString())
        appendJsonString(out, v.asString());
    else if (v.isList()) {
        out += '[';
        bool first = true;
        for (const Value &item : v.asList()->items) {
            if (!first)
                out += ',';
            first = false;
            appendJson(out, item);
        }
        out += ']';
    } else if (v.isMap()) {
        out += '{';
        bool first = true;
        for (const auto &[key, item] : v.asMap()->entries) {
            if (!first)
                out += ',';
            first = false;
            appendJsonString(out, key);
            out += ':';
            appendJson(out, item);
        }
        out += '}';
    } else {
        appendJsonString(out, v.toString());
    }
}
} // namespace

std::string javaDoubleString(double d)
{
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    if (d == 0)
        return std::signbit(d) ? "-0.0" : "0.0";
    const double magnitude = std::fabs(d);
    char buf[64];
    if (magnitude >= 1e-3 && magnitude < 1e7) {
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
        std::string s(buf, end);
        if (s.find('.') == std::string::npos)
            s += ".0";
        return s;
    }
    // Java: one digit, a point, at least one digit, then E and the exponent (1.0E10, 1.234E-5).
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string s(buf, end);
    const size_t e = s.find('e');
    std::string mantissa = s.substr(0, e);
    int exponent = std::stoi(s.substr(e + 1));
    if (mantissa.find('.') == std::string::npos)
        mantissa += ".0";
    return mantissa + "E" + std::to_string(exponent);
}

std::string Value::toString() const
{
    switch (m_v.index()) {
    case 0: return {};
    case 1: return asBool() ? "true" : "false";
    case 2: return std::to_string(asInt());
    case 3: return javaDoubleString(std::get<double>(m_v));
    case 4: return asString();
    case 5: {
        const List &list = *asList();
        if (list.fromJson)
            return toJson();
        std::string out = "[";
        for (size_t i = 0; i < list.items.size(); ++i) {
            if (i)
                out += ", ";
            out += list.items[i].toString();
        }
        return out + "]";
    }
    case 6: {
        if (asMap()->printsEmpty)
            return {};
        std::string out = "{";
        bool first = true;
        for (const auto &[key, item] : asMap()->entries) {
            if (!first)
                out += ", ";
            first = false;
            out += key;
            out += '=';
            out += item.toString();
        }
        return out + "}";
    }
    case 7: return asHost()->toString();
    default: return {};
    }
}

std::string Value::toJson() const
{
    std::string out;
    appendJson(out, *this);
    return out;
}

bool Value::javaEquals(const Value &other) const
{
    if (isNumber() && other.isNumber()) {
        if (isInt() && other.isInt())
            return asInt() == other.asInt();
        return asDouble() == other.asDouble();
    }
    if (m_v.index() != other.m_v.index())
        return false;
    switch (m_v.index()) {
    case 0: return true;
    case 1: return asBool() == other.asBool();
    case 4: return asString() == other.asString();
    case 5: {
        const auto &a = asList()->items, &b = other.asList()->items;
        if (a.size() != b.size())
            return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!a[i].javaEquals(b[i]))
                return false;
        return true;
    }
    case 6: {
        const Map &a = *asMap(), &b = *other.asMap();
        if (a.size() != b.size())
            return false;
        for (const auto &[key, item] : a.entries) {
            const Value *there = b.find(key);
            if (!there || !item.javaEquals(*there))
                return false;
        }
        return true;
    }
    case 7: return asHost() == other.asHost();
    case 8: return asBlock() == other.asBlock();
    }
    return false;
}

const Value *Map::find(std::string_view key) const
{
    if (entries.size() >= kIndexFrom && m_index.size() == entries.size()) {
        const auto it = m_index.find(key);
        return it == m_index.end() ? nullptr : &entries[it->second].second;
    }
    for (const auto &[k, v] : entries)
        if (k == key)
            return &v;
    return nullptr;
}

Value Map::get(std::string_view key) const
{
    const Value *v = find(key);
    return v ? *v : Value();
}

Value Map::put(std::string key, Value value)
{
    if (const Value *existing = find(key))
        return std::exchange(const_cast<Value &>(*existing), std::move(value));
    entries.emplace_back(std::move(key), std::move(value));
    if (entries.size() >= kIndexFrom) {
        if (m_index.size() + 1 == entries.size())
            m_index.emplace(entries.back().first, entries.size() - 1);
        else
            reindex();
    }
    return {};
}

void Map::append(std::string key, Value value)
{
    entries.emplace_back(std::move(key), std::move(value));
    if (entries.size() >= kIndexFrom)
        reindex();
}

Value Map::remove(std::string_view key)
{
    for (auto it = entries.begin(); it != entries.end(); ++it)
        if (it->first == key) {
            Value previous = std::move(it->second);
            entries.erase(it);
            reindex();
            return previous;
        }
    return {};
}

void Map::reindex()
{
    m_index.clear();
    if (entries.size() < kIndexFrom)
        return;
    for (size_t i = 0; i < entries.size(); ++i)
        m_index.emplace(entries[i].first, i);
}

Value HostObject::property(std::string_view)
{
    return {};
}

std::optional<Value> HostObject::call(std::string_view, std::vector<Value> &)
{
    return std::nullopt;
}

Value makeList(std::vector<Value> items, bool fromJson)
{
    auto list = std::make_shared<List>();
    list->items = std::move(items);
    list->fromJson = fromJson;
    return Value(std::move(list));
}

Value makeMap(bool fromJson)
{
    auto map = std::make_shared<Map>();
    map->fromJson = fromJson;
    return Value(std::move(map));
}

} // namespace gw::vtl
