#include "json_path.h"

#include "../common/byte_append.h"

#include "vtl_evaluator.h"

#include <charconv>

namespace gw::vtl {

namespace {

// A JSON reader that builds Values directly: the payload of every templated request goes through
// it, so it avoids a document in between (measured in bench/vtl_bench.cpp).
class JsonReader {
public:
    explicit JsonReader(std::string_view text) : m_p(text.data()), m_end(text.data() + text.size()) {}

    bool read(Value *out)
    {
        skip();
        if (!value(out, 0))
            return false;
        skip();
        return m_p == m_end;
    }

private:
    static constexpr int kMaxDepth = 512;

    void skip()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool literal(std::string_view word)
    {
        if (size_t(m_end - m_p) < word.size() || std::string_view(m_p, word.size()) != word)
            return false;
        m_p += word.size();
        return true;
    }

    bool hex4(uint32_t *code)
    {
        if (m_end - m_p < 4)
            return false;
        const auto [end, ec] = std::from_chars(m_p, m_p + 4, *code, 16);
        if (ec != std::errc() || end != m_p + 4)
            return false;
        m_p += 4;
        return true;
    }

    bool string(std::string *out)
    {
        ++m_p; // the opening quote
        const char *run = m_p;
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '"') {
                out->append(run, size_t(m_p - run));
                ++m_p;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return false;
            if (c != '\\') {
                ++m_p;
                continue;
            }
            out->append(run, size_t(m_p - run));
            if (++m_p >= m_end)
                return false;
            switch (*m_p++) {
            case '"': *out += '"'; break;
            case '\\': *out += '\\'; break;
            case '/': *out += '/'; break;
            case 'b': *out += '\b'; break;
            case 'f': *out += '\f'; break;
            case 'n': *out += '\n'; break;
            case 'r': *out += '\r'; break;
            case 't': *out += '\t'; break;
            case 'u': {
                uint32_t code = 0;
                if (!hex4(&code))
                    return false;
                if (code >= 0xD800 && code < 0xDC00 && m_end - m_p >= 6 && m_p[0] == '\\' && m_p[1] == 'u') {
                    m_p += 2;
                    uint32_t low = 0;
                    if (!hex4(&low) || low < 0xDC00 || low > 0xDFFF)
                        return false;
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(*out, code);
                break;
            }
            default: return false;
            }
            run = m_p;
        }
        return false;
    }

    bool number(Value *out)
    {
        const char *start = m_p;
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        if (m_p >= m_end || *m_p < '0' || *m_p > '9')
            return false;
        if (*m_p == '0')
            ++m_p;
        else
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        bool integral = true;
        if (m_p < m_end && *m_p == '.') {
            integral = false;
            ++m_p;
            if (m_p >= m_end || *m_p < '0' || *m_p > '9')
                return false;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            integral = false;
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p >= m_end || *m_p < '0' || *m_p > '9')
                return false;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (integral) {
            int64_t v = 0;
            const auto [end, ec] = std::from_chars(start, m_p, v);
            if (ec == std::errc() && end == m_p) {
                *out = Value(v);
                return true;
            }
        }
        double d = 0;
        const auto [end, ec] = std::from_chars(start, m_p, d);
        if (end != m_p)
            return false;
        *out = Value(d);
        return true;
    }

    bool value(Value *out, int depth)
    {
        if (m_p >= m_end || depth > kMaxDepth)
            return false;
        switch (*m_p) {
        case '{': {
            ++m_p;
            *out = makeMap(true);
            Map &map = *out->asMap();
            skip();
            if (m_p < m_end && *m_p == '}') {
                ++m_p;
                return true;
            }
            for (;;) {
                skip();
                if (m_p >= m_end || *m_p != '"')
                    return false;
                std::string key;
                if (!string(&key))
                    return false;
                skip();
                if (m_p >= m_end || *m_p != ':')
                    return false;
                ++m_p;
                skip();
                Value item;
                if (!value(&item, depth + 1))
                    return false;
                map.put(std::move(key), std::move(item)); // a repeated key keeps the last value
                skip();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (m_p < m_end && *m_p == '}') {
                    ++m_p;
                    return true;
                }
                return false;
            }
        }
        case '[': {
            ++m_p;
            *out = makeList({}, true);
            auto &items = out->asList()->items;
            skip();
            if (m_p < m_end && *m_p == ']') {
                ++m_p;
                return true;
            }
            for (;;) {
                skip();
                items.emplace_back();
                if (!value(&items.back(), depth + 1))
                    return false;
                skip();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (m_p < m_end && *m_p == ']') {
                    ++m_p;
                    return true;
                }
                return false;
            }
        }
        case '"': {
            std::string s;
            if (!string(&s))
                return false;
            *out = Value(std::move(s));
            return true;
        }
        case 't': *out = Value(true); return literal("true");
        case 'f': *out = Value(false); return literal("false");
        case 'n': *out = Value(); return literal("null");
        default: return number(out);
        }
    }

    const char *m_p;
    const char *m_end;
};

struct Step {
    enum Kind { Child, Index, Slice, Wildcard, DeepChild, DeepWildcard };
    Step(Kind k) : kind(k) {}
    Kind kind;
    std::string name;
    int64_t index = 0, end = 0;
    bool hasStart = false, hasEnd = false;
};

std::vector<Step> compile(std::string_view path)
{
    auto bad = [&](const std::string &why) { throw VtlRuntimeError("invalid JSONPath " + std::string(path) + ": " + why); };
    size_t i = 0;
    while (i < path.size() && path[i] == ' ')
        ++i;
    if (i >= path.size() || path[i] != '$')
        bad("it must start with $");
    ++i;
    std::vector<Step> steps;
    while (i < path.size()) {
        const char c = path[i];
        if (c == ' ') {
            ++i;
            continue;
        }
        bool deep = false;
        if (c == '.') {
            ++i;
            if (i < path.size() && path[i] == '.') {
                deep = true;
                ++i;
            }
            if (i < path.size() && path[i] == '*') {
                steps.push_back({deep ? Step::DeepWildcard : Step::Wildcard});
                ++i;
                continue;
            }
            if (i < path.size() && path[i] == '[' && deep) {
                steps.push_back({Step::DeepWildcard});
                continue; // the bracket applies to everything the scan finds
            }
            const size_t start = i;
            while (i < path.size() && path[i] != '.' && path[i] != '[' && path[i] != ' ')
                ++i;
            if (i == start)
                bad("a name is missing after '.'");
            Step step{deep ? Step::DeepChild : Step::Child};
            step.name = std::string(path.substr(start, i - start));
            steps.push_back(std::move(step));
            continue;
        }
        if (c != '[')
            bad(std::string("unexpected '") + c + "'");
        const size_t close = path.find(']', i);
        if (close == std::string_view::npos)
            bad("'[' is not closed");
        std::string_view inside = path.substr(i + 1, close - i - 1);
        while (!inside.empty() && inside.front() == ' ')
            inside.remove_prefix(1);
        while (!inside.empty() && inside.back() == ' ')
            inside.remove_suffix(1);
        i = close + 1;
        if (inside == "*") {
            steps.push_back({Step::Wildcard});
            continue;
        }
        if (inside.size() >= 2 && (inside.front() == '\'' || inside.front() == '"') && inside.back() == inside.front()) {
            Step step{Step::Child};
            step.name = std::string(inside.substr(1, inside.size() - 2));
            steps.push_back(std::move(step));
            continue;
        }
        auto number = [&](std::string_view text, int64_t *out) {
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
            if (ec != std::errc() || end != text.data() + text.size())
                bad("'" + std::string(text) + "' is not an index");
        };
        if (const size_t colon = inside.find(':'); colon != std::string_view::npos) {
            Step step{Step::Slice};
            if (colon > 0) {
                step.hasStart = true;
                number(inside.substr(0, colon), &step.index);
            }
            if (colon + 1 < inside.size()) {
                step.hasEnd = true;
                number(inside.substr(colon + 1), &step.end);
            }
            steps.push_back(step);
            continue;
        }
        Step step{Step::Index};
        number(inside, &step.index);
        steps.push_back(step);
    }
    return steps;
}

void deepCollect(const Value &v, const Step &step, std::vector<Value> &out)
{
    if (v.isMap()) {
        for (const auto &[key, item] : v.asMap()->entries) {
            if (step.kind == Step::DeepWildcard || key == step.name)
                out.push_back(item);
            deepCollect(item, step, out);
        }
    } else if (v.isList()) {
        for (const Value &item : v.asList()->items) {
            if (step.kind == Step::DeepWildcard)
                out.push_back(item);
            deepCollect(item, step, out);
        }
    }
}

} // namespace

bool parseJsonValue(std::string_view text, Value *out)
{
    Value parsed;
    if (!JsonReader(text).read(&parsed))
        return false;
    *out = std::move(parsed);
    return true;
}

Value selectJsonPath(const Value &root, std::string_view path)
{
    const std::vector<Step> steps = compile(path);
    std::vector<Value> current{root};
    bool definite = true;
    for (const Step &step : steps) {
        std::vector<Value> next;
        for (const Value &v : current) {
            switch (step.kind) {
            case Step::Child:
                if (v.isMap())
                    if (const Value *found = v.asMap()->find(step.name))
                        next.push_back(*found);
                break;
            case Step::Index:
                if (v.isList()) {
                    const auto &items = v.asList()->items;
                    const int64_t i = step.index < 0 ? step.index + int64_t(items.size()) : step.index;
                    if (i >= 0 && i < int64_t(items.size()))
                        next.push_back(items[size_t(i)]);
                }
                break;
            case Step::Slice:
                if (v.isList()) {
                    const auto &items = v.asList()->items;
                    const int64_t n = int64_t(items.size());
                    int64_t a = step.hasStart ? step.index : 0, b = step.hasEnd ? step.end : n;
                    if (a < 0)
                        a = std::max<int64_t>(0, a + n);
                    if (b < 0)
                        b += n;
                    for (int64_t i = a; i < std::min(b, n); ++i)
                        next.push_back(items[size_t(i)]);
                }
                break;
            case Step::Wildcard:
                if (v.isMap())
                    for (const auto &entry : v.asMap()->entries)
                        next.push_back(entry.second);
                else if (v.isList())
                    next.insert(next.end(), v.asList()->items.begin(), v.asList()->items.end());
                break;
            case Step::DeepChild:
            case Step::DeepWildcard: deepCollect(v, step, next); break;
            }
        }
        if (step.kind == Step::Slice || step.kind == Step::Wildcard || step.kind == Step::DeepChild ||
            step.kind == Step::DeepWildcard)
            definite = false;
        current = std::move(next);
    }
    if (!definite)
        return makeList(std::move(current), true);
    return current.empty() ? Value() : current.front();
}

} // namespace gw::vtl
