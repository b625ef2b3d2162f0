#include "format_preserving_json.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

namespace gw {

namespace {

using nlohmann::json;

// The original text as a tree of spans: enough to copy any unchanged value, key or separator.
struct Node {
    enum class Kind { Scalar, Object, Array };
    struct Member;
    struct Element;
    Kind kind = Kind::Scalar;
    size_t begin = 0, end = 0;
    std::vector<Member> members;   // objects
    std::vector<Element> elements; // arrays
    std::string trail;             // whitespace before the closing bracket
};
struct Node::Member {
    std::string key;        // decoded
    size_t keyBegin = 0;    // the key token, quotes included
    size_t keyEnd = 0;
    std::string lead;       // whitespace before the key (after '{' or ',')
    std::string colon;      // from the key's end to the value (": ")
    Node value;
};
struct Node::Element {
    std::string lead;
    Node value;
};

class TreeParser {
public:
    explicit TreeParser(std::string_view text) : m_text(text) {}

    Node parseDocument(std::string *before, std::string *after)
    {
        *before = whitespace();
        Node root = value();
        *after = std::string(m_text.substr(m_at));
        for (char c : *after)
            if (!isSpace(c))
                throw std::runtime_error("text after the document");
        return root;
    }

private:
    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    std::string whitespace()
    {
        const size_t start = m_at;
        while (m_at < m_text.size() && isSpace(m_text[m_at]))
            ++m_at;
        return std::string(m_text.substr(start, m_at - start));
    }

    char peek() const
    {
        if (m_at >= m_text.size())
            throw std::runtime_error("unexpected end");
        return m_text[m_at];
    }

    void expect(char c)
    {
        if (peek() != c)
            throw std::runtime_error("unexpected character");
        ++m_at;
    }

    void skipString()
    {
        expect('"');
        while (peek() != '"') {
            if (m_text[m_at] == '\\')
                ++m_at;
            ++m_at;
        }
        ++m_at;
    }

    // A bracketed list: item(lead) reads one member or element after its leading whitespace; the
    // whitespace before the closing bracket is the node's trail.
    template <typename Item> void list(Node &node, char close, Item &&item)
    {
        ++m_at;
        std::string lead = whitespace();
        if (peek() == close) {
            node.trail = std::move(lead);
        } else {
            for (;;) {
                item(std::move(lead));
                std::string after = whitespace();
                if (peek() != ',') {
                    node.trail = std::move(after);
                    break;
                }
                ++m_at;
                lead = whitespace();
            }
        }
        expect(close);
    }

    Node value()
    {
        Node node;
        node.begin = m_at;
        const char c = peek();
        if (c == '{') {
            node.kind = Node::Kind::Object;
            list(node, '}', [&](std::string lead) {
                Node::Member member;
                member.lead = std::move(lead);
                member.keyBegin = m_at;
                skipString();
                member.keyEnd = m_at;
                member.key = json::parse(m_text.substr(member.keyBegin, member.keyEnd - member.keyBegin)).get<std::string>();
                const size_t colonStart = m_at;
                whitespace();
                expect(':');
                whitespace();
                member.colon = std::string(m_text.substr(colonStart, m_at - colonStart));
                member.value = value();
                node.members.push_back(std::move(member));
            });
        } else if (c == '[') {
            node.kind = Node::Kind::Array;
            list(node, ']', [&](std::string lead) {
                Node::Element element;
                element.lead = std::move(lead);
                element.value = value();
                node.elements.push_back(std::move(element));
            });
        } else if (c == '"') {
            skipString();
        } else {
            while (m_at < m_text.size() && !isSpace(m_text[m_at]) && m_text[m_at] != ',' && m_text[m_at] != '}' &&
                   m_text[m_at] != ']')
                ++m_at;
            if (m_at == node.begin)
                throw std::runtime_error("empty value");
        }
        node.end = m_at;
        return node;
    }

    std::string_view m_text;
    size_t m_at = 0;
};

// How a value is laid out where it is written: on its own lines at `indent`, or on one line.
struct Layout {
    std::string indent;
    bool multiline = true;
};

// The identity of an array element across edits (its position may change).
const char *const kIdentityKeys[] = {"id", "name", "routeKey", "path", "httpMethod", "statusCode"};

// Keys of a freshly written object that read best first; the rest follow alphabetically.
const char *const kLeadingKeys[] = {"format", "version", "id", "name", "routeKey", "path", "httpMethod", "statusCode",
                                    "type", "runtime", "handler"};

bool sameIdentity(const json &a, const json &b)
{
    if (!a.is_object() || !b.is_object())
        return false;
    for (const char *key : kIdentityKeys) {
        const auto ia = a.find(key), ib = b.find(key);
        if (ia != a.end() || ib != b.end())
            return ia != a.end() && ib != b.end() && *ia == *ib;
    }
    return false;
}

std::string indentOf(const std::string &lead, const std::string &fallback)
{
    const size_t newline = lead.rfind('\n');
    return newline == std::string::npos ? fallback : lead.substr(newline + 1);
}

class Merger {
public:
    Merger(std::string_view text, std::string unit) : m_text(text), m_unit(std::move(unit)) {}

    std::string merge(const Node *original, const json *read, const json &now, const Layout &layout) const
    {
        json parsedOriginal;
        if (original && !read) {
            // A key the program did not read (unknown to it, or null): compare with the text itself.
            parsedOriginal = json::parse(span(*original));
            read = &parsedOriginal;
        }
        if (original && read && *read == now)
            return std::string(span(*original));
        if (original && read && original->kind == Node::Kind::Object && now.is_object() && read->is_object())
            return mergeObject(*original, *read, now, layout);
        if (original && read && original->kind == Node::Kind::Array && now.is_array() && read->is_array() &&
            read->size() == original->elements.size())
            return mergeArray(*original, *read, now, layout);
        Layout fresh = layout;
        if (original && original->kind != Node::Kind::Scalar)
            fresh.multiline = span(*original).find('\n') != std::string_view::npos;
        return write(now, fresh, nullptr, nullptr);
    }

    // A value with no original text. A sibling (its text and the program's value of it) lends
    // its key order and its omissions: keys it leaves to their defaults are left out here too
    // when they have those same values.
    std::string write(const json &value, const Layout &layout, const Node *sibling, const json *siblingRead) const
    {
        if (value.is_object()) {
            if (value.empty())
                return "{}";
            std::vector<std::string> keys = orderedKeys(value, sibling);
            if (sibling && siblingRead && siblingRead->is_object()) {
                keys.erase(std::remove_if(keys.begin(), keys.end(),
                                          [&](const std::string &key) {
                                              const auto it = siblingRead->find(key);
                                              return !hasMember(*sibling, key) && it != siblingRead->end() &&
                                                     *it == value[key];
                                          }),
                           keys.end());
            }
            std::vector<std::string> parts;
            const Layout inner{layout.indent + m_unit, layout.multiline};
            for (const std::string &key : keys)
                parts.push_back(json(key).dump() + ": " + write(value[key], inner, nullptr, nullptr));
            return enclose('{', '}', parts, layout);
        }
        if (value.is_array()) {
            if (value.empty())
                return "[]";
            const bool scalars = std::all_of(value.begin(), value.end(), [](const json &v) { return v.is_primitive(); });
            std::vector<std::string> parts;
            for (const json &element : value)
                parts.push_back(write(element, {layout.indent + m_unit, layout.multiline && !scalars}, nullptr, nullptr));
            return enclose('[', ']', parts, {layout.indent, layout.multiline && !scalars});
        }
        return value.dump();
    }

private:
    std::string_view span(const Node &node) const { return m_text.substr(node.begin, node.end - node.begin); }

    static bool hasMember(const Node &node, const std::string &key)
    {
        return std::any_of(node.members.begin(), node.members.end(), [&](const Node::Member &m) { return m.key == key; });
    }

    static std::vector<std::string> orderedKeys(const json &value, const Node *sibling)
    {
        std::vector<std::string> keys;
        auto take = [&](const std::string &key) {
            if (value.contains(key) && std::find(keys.begin(), keys.end(), key) == keys.end())
                keys.push_back(key);
        };
        if (sibling)
            for (const Node::Member &member : sibling->members)
                take(member.key);
        for (const char *key : kLeadingKeys)
            take(key);
        for (auto it = value.begin(); it != value.end(); ++it)
            take(it.key());
        return keys;
    }

    std::string enclose(char open, char close, const std::vector<std::string> &parts, const Layout &layout) const
    {
        std::string out(1, open);
        for (size_t i = 0; i < parts.size(); ++i) {
            if (i > 0)
                out += ',';
            out += layout.multiline ? "\n" + layout.indent + m_unit : (i > 0 ? " " : "");
            out += parts[i];
        }
        out += layout.multiline ? "\n" + layout.indent : "";
        out += close;
        return out;
    }

    // The whitespace before the i-th written member or element, in the original's style.
    struct Leads {
        std::string first;   // after the opening bracket
        std::string others;  // after a comma
        std::string trail;   // before the closing bracket
    };
    Leads leadsOf(const std::vector<std::string> &originalLeads, const std::string &trail, const Layout &layout) const
    {
        Leads leads;
        if (originalLeads.empty()) {
            leads.first = layout.multiline ? "\n" + layout.indent + m_unit : "";
            leads.others = layout.multiline ? leads.first : " ";
            leads.trail = layout.multiline ? "\n" + layout.indent : "";
            return leads;
        }
        leads.first = originalLeads.front();
        leads.others = originalLeads.size() > 1 ? originalLeads.back()
                       : leads.first.find('\n') != std::string::npos ? leads.first
                                                                      : " ";
        leads.trail = trail;
        return leads;
    }

    static std::string assemble(char open, char close, const std::vector<std::pair<std::string, std::string>> &parts,
                                const std::string &trail)
    {
        if (parts.empty())
            return {open, close};
        std::string out(1, open);
        for (size_t i = 0; i < parts.size(); ++i) {
            if (i > 0)
                out += ',';
            out += parts[i].first + parts[i].second;
        }
        return out + trail + close;
    }

    std::string mergeObject(const Node &original, const json &read, const json &now, const Layout &layout) const
    {
        std::vector<std::string> originalLeads;
        for (const Node::Member &member : original.members)
            originalLeads.push_back(member.lead);
        const Leads leads = leadsOf(originalLeads, original.trail, layout);
        std::vector<std::pair<std::string, std::string>> parts; // lead, member text
        auto leadFor = [&](const std::string *own) {
            if (parts.empty())
                return leads.first;
            return own ? *own : leads.others;
        };
        for (size_t i = 0; i < original.members.size(); ++i) {
            const Node::Member &member = original.members[i];
            const auto inNow = now.find(member.key);
            const auto inRead = read.find(member.key);
            if (inNow == now.end()) {
                if (inRead != read.end())
                    continue; // removed
                // Never read, still not there: the program does not know the key; it stays.
                parts.emplace_back(leadFor(i > 0 ? &member.lead : nullptr),
                                   std::string(m_text.substr(member.keyBegin, member.value.end - member.keyBegin)));
                continue;
            }
            const std::string lead = leadFor(i > 0 ? &member.lead : nullptr);
            const Layout inner{indentOf(member.lead, layout.indent), member.lead.find('\n') != std::string::npos};
            const std::string value = merge(&member.value, inRead != read.end() ? &*inRead : nullptr, *inNow, inner);
            parts.emplace_back(lead, std::string(m_text.substr(member.keyBegin, member.keyEnd - member.keyBegin)) +
                                         member.colon + value);
        }
        const std::string colon = original.members.empty() ? ": " : original.members.front().colon;
        for (const std::string &key : orderedKeys(now, nullptr)) {
            if (hasMember(original, key))
                continue;
            const auto inRead = read.find(key);
            if (inRead != read.end() && *inRead == now[key])
                continue; // filled in by the program when read (a default): still not written
            const std::string lead = leadFor(nullptr);
            const Layout inner{indentOf(lead, layout.indent), lead.find('\n') != std::string::npos};
            parts.emplace_back(lead, json(key).dump() + colon + write(now[key], inner, nullptr, nullptr));
        }
        return assemble('{', '}', parts, parts.empty() ? std::string() : leads.trail);
    }

    std::string mergeArray(const Node &original, const json &read, const json &now, const Layout &layout) const
    {
        // Each element now is matched to one it was: the same value, else the same identity,
        // else the next unmatched one of the same kind (an element edited in place).
        const size_t count = read.size();
        std::vector<int> matchOf(now.size(), -1);
        std::vector<bool> used(count, false);
        auto pass = [&](auto &&fits) {
            for (size_t j = 0; j < now.size(); ++j) {
                if (matchOf[j] >= 0)
                    continue;
                // The same position first, so that equal elements keep their own text.
                if (j < count && !used[j] && fits(read[j], now[j])) {
                    matchOf[j] = int(j);
                    used[j] = true;
                    continue;
                }
                for (size_t i = 0; i < count; ++i)
                    if (!used[i] && fits(read[i], now[j])) {
                        matchOf[j] = int(i);
                        used[i] = true;
                        break;
                    }
            }
        };
        pass([](const json &a, const json &b) { return a == b; });
        pass(sameIdentity);
        pass([](const json &a, const json &b) { return a.is_object() && b.is_object(); });

        std::vector<std::string> originalLeads;
        for (const Node::Element &element : original.elements)
            originalLeads.push_back(element.lead);
        const Leads leads = leadsOf(originalLeads, original.trail, layout);
        const Node *sibling = original.elements.empty() ? nullptr : &original.elements.front().value;
        const json *siblingRead = count > 0 ? &read[0] : nullptr;
        std::vector<std::pair<std::string, std::string>> parts;
        for (size_t j = 0; j < now.size(); ++j) {
            const int i = matchOf[j];
            std::string lead = parts.empty() ? leads.first : (i > 0 ? original.elements[size_t(i)].lead : leads.others);
            const Layout inner{indentOf(lead, layout.indent), lead.find('\n') != std::string::npos};
            if (i >= 0) {
                parts.emplace_back(std::move(lead), merge(&original.elements[size_t(i)].value, &read[size_t(i)], now[j], inner));
            } else {
                Layout fresh = inner;
                if (sibling && sibling->kind != Node::Kind::Scalar)
                    fresh.multiline = span(*sibling).find('\n') != std::string_view::npos;
                parts.emplace_back(std::move(lead), write(now[j], fresh, sibling, siblingRead));
            }
        }
        return assemble('[', ']', parts, parts.empty() ? std::string() : leads.trail);
    }

    std::string_view m_text;
    std::string m_unit;
};

} // namespace

std::string writePreservingFormat(std::string_view original, const json &read, const json &now)
{
    std::string before, after;
    Node root;
    try {
        root = TreeParser(original).parseDocument(&before, &after);
    } catch (const std::exception &) {
        return Merger({}, "  ").write(now, {"", true}, nullptr, nullptr) + "\n";
    }
    std::string unit = "  ";
    if (root.kind == Node::Kind::Object && !root.members.empty()) {
        const std::string indent = indentOf(root.members.front().lead, std::string());
        if (!indent.empty())
            unit = indent;
    }
    const Layout layout{"", true};
    return before + Merger(original, unit).merge(&root, &read, now, layout) + after;
}

} // namespace gw
