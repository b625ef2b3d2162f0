#include "vtl_template.h"

#include <algorithm>
#include <charconv>

namespace gw::vtl {

std::string VtlError::toString() const
{
    return "line " + std::to_string(at.line) + ", column " + std::to_string(at.column) + ": " + message;
}

namespace {

bool isIdentStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isIdentChar(char c)
{
    // Velocity 1.7 identifiers may hold '-' ($my-var), as its grammar says.
    return isIdentStart(c) || (c >= '0' && c <= '9') || c == '-';
}

struct ParseFailure {
    size_t pos;
    std::string message;
};

// 1.7's string literal rules: "" and '' stand for one quote; \uXXXX is unescaped; any other
// backslash stays as written.
std::string unescapeLiteral(std::string_view raw, char quote)
{
    std::string out;
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == quote && i + 1 < raw.size() && raw[i + 1] == quote) {
            out += quote;
            ++i;
        } else if (quote == '"' && c == '\\' && i + 5 < raw.size() && raw[i + 1] == 'u') {
            unsigned code = 0;
            const auto [end, ec] = std::from_chars(raw.data() + i + 2, raw.data() + i + 6, code, 16);
            if (ec == std::errc() && end == raw.data() + i + 6) {
                if (code < 0x80) {
                    out += char(code);
                } else if (code < 0x800) {
                    out += char(0xC0 | (code >> 6));
                    out += char(0x80 | (code & 0x3F));
                } else {
                    out += char(0xE0 | (code >> 12));
                    out += char(0x80 | ((code >> 6) & 0x3F));
                    out += char(0x80 | (code & 0x3F));
                }
                i += 5;
            } else {
                out += c;
            }
        } else {
            out += c;
        }
    }
    return out;
}

class Parser {
public:
    Parser(std::string_view text, Location origin) : m_text(text), m_origin(origin)
    {
    }

    Nodes parseAll()
    {
        std::string terminator;
        Nodes nodes = parseNodes(&terminator);
        if (!terminator.empty())
            fail(m_terminatorAt, "#" + terminator + " without a matching #if, #foreach or #define");
        return nodes;
    }

    Location locate(size_t pos) const
    {
        Location at = m_origin;
        for (size_t i = 0; i < pos && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++at.line;
                at.column = 1;
            } else {
                ++at.column;
            }
        }
        return at;
    }

private:
    [[noreturn]] void fail(size_t pos, std::string message) { throw ParseFailure{pos, std::move(message)}; }

    bool at(std::string_view s) const { return m_text.substr(m_pos, s.size()) == s; }
    char peek(size_t ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0'; }
    bool atEnd() const { return m_pos >= m_text.size(); }

    // What a directive's closing ')' and #else/#end eat: spaces and tabs, when a newline ends them.
    void eatLineEnd()
    {
        size_t p = m_pos;
        while (p < m_text.size() && (m_text[p] == ' ' || m_text[p] == '\t'))
            ++p;
        if (p < m_text.size() && m_text[p] == '\n') {
            m_pos = p + 1;
        } else if (p < m_text.size() && m_text[p] == '\r') {
            m_pos = p + 1;
            if (m_pos < m_text.size() && m_text[m_pos] == '\n')
                ++m_pos;
        }
    }

    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    void expect(char c, const char *what)
    {
        skipSpace();
        if (peek() != c)
            fail(m_pos, std::string("expected '") + c + "' " + what);
        ++m_pos;
    }

    static void appendText(Nodes &nodes, std::string_view text, Location at)
    {
        if (text.empty())
            return;
        if (!nodes.empty() && nodes.back().kind == Node::Text) {
            nodes.back().text += text;
            return;
        }
        Node node;
        node.kind = Node::Text;
        node.text = std::string(text);
        node.at = at;
        nodes.push_back(std::move(node));
    }

    // The directive name after '#' (plain or braced), or "" when '#' starts no directive.
    std::string directiveName(size_t from, size_t *after) const
    {
        size_t p = from + 1;
        const bool braced = p < m_text.size() && m_text[p] == '{';
        if (braced)
            ++p;
        const size_t start = p;
        if (p >= m_text.size() || !isIdentStart(m_text[p]))
            return {};
        while (p < m_text.size() && (isIdentStart(m_text[p]) || (m_text[p] >= '0' && m_text[p] <= '9')))
            ++p;
        std::string name(m_text.substr(start, p - start));
        if (braced) {
            if (p >= m_text.size() || m_text[p] != '}')
                return {};
            ++p;
        }
        *after = p;
        return name;
    }

    Nodes parseNodes(std::string *terminator)
    {
        Nodes nodes;
        size_t textStart = m_pos;
        auto flush = [&](size_t end) {
            appendText(nodes, m_text.substr(textStart, end - textStart), locate(textStart));
        };
        while (!atEnd()) {
            const char c = peek();
            if (c == '\\') {
                size_t run = 0;
                while (peek(run) == '\\')
                    ++run;
                const char next = peek(run);
                if (next == '$' || next == '#') {
                    flush(m_pos);
                    appendText(nodes, std::string(run / 2, '\\'), locate(m_pos));
                    m_pos += run;
                    textStart = m_pos;
                    if (run % 2 == 1) {
                        // Escaped: the reference or directive is text.
                        ++m_pos;
                        while (!atEnd() && (isIdentChar(peek()) || peek() == '{' || peek() == '!' || peek() == '}'))
                            ++m_pos;
                    }
                    continue;
                }
                m_pos += run;
                continue;
            }
            if (c == '$') {
                const size_t start = m_pos;
                Reference ref;
                if (parseReference(&ref, true)) {
                    flush(start);
                    Node node;
                    node.kind = Node::Ref;
                    node.ref = std::move(ref);
                    node.at = node.ref.at;
                    nodes.push_back(std::move(node));
                    textStart = m_pos;
                } else {
                    m_pos = start + 1;
                }
                continue;
            }
            if (c != '#') {
                ++m_pos;
                continue;
            }
            // '#': a comment, unparsed text, a directive, or just '#'.
            const size_t start = m_pos;
            if (at("##")) {
                flush(start);
                while (!atEnd() && peek() != '\n')
                    ++m_pos;
                if (!atEnd())
                    ++m_pos;
                textStart = m_pos;
                continue;
            }
            if (at("#*")) {
                flush(start);
                const size_t end = m_text.find("*#", m_pos + 2);
                if (end == std::string_view::npos)
                    fail(start, "comment #* is not closed with *#");
                m_pos = end + 2;
                textStart = m_pos;
                continue;
            }
            if (at("#[[")) {
                flush(start);
                const size_t end = m_text.find("]]#", m_pos + 3);
                if (end == std::string_view::npos)
                    fail(start, "#[[ is not closed with ]]#");
                appendText(nodes, m_text.substr(m_pos + 3, end - m_pos - 3), locate(m_pos + 3));
                m_pos = end + 3;
                textStart = m_pos;
                continue;
            }
            size_t after = 0;
            const std::string name = directiveName(start, &after);
            if (name == "end" || name == "else" || name == "elseif") {
                flush(start);
                m_pos = after;
                if (name != "elseif")
                    eatLineEnd();
                *terminator = name;
                m_terminatorAt = start;
                return nodes;
            }
            if (name == "include" || name == "parse" || name == "evaluate" || name == "macro")
                // A mapping template is one text with nothing to include; a user report
                // (qiita.com/yoshidasts, "API GatewayのMapping Templateの記法") found #include,
                // #parse and #evaluate fail on the service. #macro is Velocity 1.7's but not the
                // service's: openedx/edx-enterprise PR 154 removed its macros from an API's
                // templates "as it is not supported by AWS", and aws-appsync-community issue 222
                // lists #macro among what API Gateway mapping templates refuse.
                fail(start, "#" + name + " is not available in API Gateway mapping templates");
            if (name == "set" || name == "if" || name == "foreach" || name == "define" ||
                name == "break" || name == "stop") {
                if (name == "set") {
                    // #set eats the spaces and tabs before it on its line.
                    size_t trimmed = start;
                    while (trimmed > textStart && (m_text[trimmed - 1] == ' ' || m_text[trimmed - 1] == '\t'))
                        --trimmed;
                    flush(trimmed);
                } else {
                    flush(start);
                }
                m_pos = after;
                nodes.push_back(parseDirective(name, start));
                textStart = m_pos;
                continue;
            }
            ++m_pos; // a '#' that starts nothing is text
        }
        flush(m_pos);
        terminator->clear();
        return nodes;
    }

    Node parseDirective(const std::string &name, size_t start)
    {
        Node node;
        node.at = locate(start);
        if (name == "break") {
            node.kind = Node::Break;
            return node;
        }
        if (name == "stop") {
            node.kind = Node::Stop;
            return node;
        }
        while (peek() == ' ' || peek() == '\t')
            ++m_pos;
        if (peek() != '(')
            fail(m_pos, "#" + name + " needs its arguments in parentheses");
        ++m_pos;
        if (name == "set") {
            node.kind = Node::Set;
            skipSpace();
            if (peek() != '$')
                fail(m_pos, "#set needs a reference on the left of '='");
            if (!parseReference(&node.ref, false))
                fail(m_pos, "#set needs a reference on the left of '='");
            expect('=', "in #set");
            node.expr = parseExpression();
            closeDirective(start, name);
            return node;
        }
        if (name == "if") {
            node.kind = Node::If;
            ExprPtr condition = parseExpression();
            closeDirective(start, name);
            for (;;) {
                std::string terminator;
                Nodes body = parseNodes(&terminator);
                node.branches.emplace_back(std::move(condition), std::move(body));
                if (terminator == "end")
                    return node;
                if (terminator.empty())
                    fail(start, "#if is not closed with #end");
                if (terminator == "else") {
                    Nodes elseBody = parseNodes(&terminator);
                    node.branches.emplace_back(nullptr, std::move(elseBody));
                    if (terminator != "end")
                        fail(start, terminator.empty() ? "#if is not closed with #end" : "#" + terminator + " after #else");
                    return node;
                }
                // #elseif
                while (peek() == ' ' || peek() == '\t')
                    ++m_pos;
                if (peek() != '(')
                    fail(m_pos, "#elseif needs its condition in parentheses");
                ++m_pos;
                condition = parseExpression();
                closeDirective(start, "elseif");
            }
        }
        if (name == "foreach") {
            node.kind = Node::Foreach;
            skipSpace();
            Reference var;
            if (peek() != '$' || !parseReference(&var, false) || !var.chain.empty())
                fail(m_pos, "#foreach needs a loop variable: #foreach($item in $list)");
            node.text = var.root;
            skipSpace();
            if (!at("in") || isIdentChar(peek(2)))
                fail(m_pos, "expected 'in' in #foreach");
            m_pos += 2;
            node.expr = parseExpression();
            closeDirective(start, name);
            node.body = parseBlock(start, name);
            return node;
        }
        if (name == "define") {
            node.kind = Node::Define;
            skipSpace();
            Reference var;
            if (peek() != '$' || !parseReference(&var, false) || !var.chain.empty())
                fail(m_pos, "#define needs a reference: #define($block)");
            node.text = var.root;
            closeDirective(start, name);
            node.body = parseBlock(start, name);
            return node;
        }
        return node; // not reached: every directive name is handled above
    }

    std::shared_ptr<const Nodes> parseBlock(size_t start, const std::string &name)
    {
        std::string terminator;
        Nodes body = parseNodes(&terminator);
        if (terminator != "end")
            fail(terminator.empty() ? start : m_terminatorAt,
                 terminator.empty() ? "#" + name + " is not closed with #end" : "#" + terminator + " inside #" + name);
        return std::make_shared<const Nodes>(std::move(body));
    }

    void closeDirective(size_t start, const std::string &name)
    {
        skipSpace();
        if (peek() != ')')
            fail(atEnd() ? start : m_pos, "expected ')' to close #" + name);
        ++m_pos;
        eatLineEnd();
    }

    // $name, $!name, ${name}, $!{name}, then .property, .method(args) and [index] in a chain.
    bool parseReference(Reference *ref, bool inText)
    {
        const size_t start = m_pos;
        size_t p = m_pos + 1;
        if (p < m_text.size() && m_text[p] == '!')
            ++p;
        const bool braced = p < m_text.size() && m_text[p] == '{';
        if (braced)
            ++p;
        if (p >= m_text.size() || !isIdentStart(m_text[p]))
            return false;
        const size_t nameStart = p;
        while (p < m_text.size() && isIdentChar(m_text[p]))
            ++p;
        ref->root = std::string(m_text.substr(nameStart, p - nameStart));
        ref->at = locate(start);
        m_pos = p;
        for (;;) {
            if (peek() == '[') {
                const size_t open = m_pos;
                ++m_pos;
                Access access;
                access.kind = Access::Index;
                access.args.push_back(parseExpression());
                skipSpace();
                if (peek() != ']')
                    fail(open, "index '[' is not closed with ']'");
                ++m_pos;
                ref->chain.push_back(std::move(access));
                continue;
            }
            if (peek() == '.' && isIdentStart(peek(1))) {
                size_t q = m_pos + 1;
                while (q < m_text.size() && isIdentChar(m_text[q]))
                    ++q;
                Access access;
                access.name = std::string(m_text.substr(m_pos + 1, q - m_pos - 1));
                m_pos = q;
                if (peek() == '(') {
                    const size_t open = m_pos;
                    ++m_pos;
                    access.kind = Access::Method;
                    skipSpace();
                    if (peek() != ')') {
                        for (;;) {
                            access.args.push_back(parseExpression());
                            skipSpace();
                            if (peek() == ',') {
                                ++m_pos;
                                continue;
                            }
                            break;
                        }
                    }
                    skipSpace();
                    if (peek() != ')')
                        fail(open, "method call ." + access.name + "( is not closed with ')'");
                    ++m_pos;
                }
                ref->chain.push_back(std::move(access));
                continue;
            }
            break;
        }
        if (braced) {
            if (peek() != '}') {
                if (!inText)
                    fail(start, "${ is not closed with '}'");
                m_pos = start;
                ref->chain.clear();
                return false;
            }
            ++m_pos;
        }
        ref->literal = std::string(m_text.substr(start, m_pos - start));
        return true;
    }

    ExprPtr make(Expr::Kind kind, size_t pos)
    {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->at = locate(pos);
        return e;
    }

    bool atWord(std::string_view word)
    {
        return at(word) && !isIdentChar(peek(word.size()));
    }

    ExprPtr binary(std::string_view op, ExprPtr left, ExprPtr right, size_t pos)
    {
        static const std::pair<std::string_view, BinaryOp> kOps[] = {
            {"||", BinaryOp::Or}, {"&&", BinaryOp::And}, {"==", BinaryOp::Eq}, {"!=", BinaryOp::Ne}, {"<", BinaryOp::Lt},
            {">", BinaryOp::Gt},  {"<=", BinaryOp::Le},  {">=", BinaryOp::Ge}, {"+", BinaryOp::Add},  {"-", BinaryOp::Sub},
            {"*", BinaryOp::Mul}, {"/", BinaryOp::Div},  {"%", BinaryOp::Mod}};
        ExprPtr e = make(Expr::Binary, pos);
        e->op = std::find_if(std::begin(kOps), std::end(kOps), [&](const auto &o) { return o.first == op; })->second;
        e->items.push_back(std::move(left));
        e->items.push_back(std::move(right));
        return e;
    }

    ExprPtr parseExpression() { return parseOr(); }

    ExprPtr parseOr()
    {
        ExprPtr left = parseAnd();
        for (;;) {
            skipSpace();
            const size_t pos = m_pos;
            if (at("||"))
                m_pos += 2;
            else if (atWord("or"))
                m_pos += 2;
            else
                return left;
            left = binary("||", std::move(left), parseAnd(), pos);
        }
    }

    ExprPtr parseAnd()
    {
        ExprPtr left = parseEquality();
        for (;;) {
            skipSpace();
            const size_t pos = m_pos;
            if (at("&&"))
                m_pos += 2;
            else if (atWord("and"))
                m_pos += 3;
            else
                return left;
            left = binary("&&", std::move(left), parseEquality(), pos);
        }
    }

    ExprPtr parseEquality()
    {
        ExprPtr left = parseRelational();
        for (;;) {
            skipSpace();
            const size_t pos = m_pos;
            std::string op;
            if (at("==") || at("!=")) {
                op = std::string(m_text.substr(m_pos, 2));
                m_pos += 2;
            } else if (atWord("eq")) {
                op = "==";
                m_pos += 2;
            } else if (atWord("ne")) {
                op = "!=";
                m_pos += 2;
            } else {
                return left;
            }
            left = binary(op, std::move(left), parseRelational(), pos);
        }
    }

    ExprPtr parseRelational()
    {
        ExprPtr left = parseAdditive();
        for (;;) {
            skipSpace();
            const size_t pos = m_pos;
            std::string op;
            if (at("<=") || at(">=")) {
                op = std::string(m_text.substr(m_pos, 2));
                m_pos += 2;
            } else if (peek() == '<' || peek() == '>') {
                op = std::string(1, peek());
                ++m_pos;
            } else if (atWord("lt") || atWord("gt") || atWord("le") || atWord("ge")) {
                static const std::pair<const char *, const char *> words[] = {{"lt", "<"}, {"gt", ">"}, {"le", "<="}, {"ge", ">="}};
                for (const auto &[word, symbol] : words)
                    if (at(word))
                        op = symbol;
                m_pos += 2;
            } else {
                return left;
            }
            left = binary(op, std::move(left), parseAdditive(), pos);
        }
    }

    ExprPtr parseAdditive()
    {
        ExprPtr left = parseMultiplicative();
        for (;;) {
            skipSpace();
            const size_t pos = m_pos;
            if (peek() != '+' && peek() != '-')
                return left;
            const std::string op(1, peek());
            ++m_pos;
            left = binary(op, std::move(left), parseMultiplicative(), pos);
        }
    }

    ExprPtr parseMultiplicative()
    {
        ExprPtr left = parseUnary();
        for (;;) {
            skipSpace();
            const size_t pos = m_pos;
            if (peek() != '*' && peek() != '/' && peek() != '%')
                return left;
            const std::string op(1, peek());
            ++m_pos;
            left = binary(op, std::move(left), parseUnary(), pos);
        }
    }

    ExprPtr parseUnary()
    {
        skipSpace();
        const size_t pos = m_pos;
        if ((peek() == '!' && peek(1) != '=') || atWord("not")) {
            m_pos += peek() == '!' ? 1 : 3;
            ExprPtr e = make(Expr::Not, pos);
            e->items.push_back(parseUnary());
            return e;
        }
        if (peek() == '-' && !(peek(1) >= '0' && peek(1) <= '9')) {
            ++m_pos;
            ExprPtr e = make(Expr::Negate, pos);
            e->items.push_back(parseUnary());
            return e;
        }
        return parsePrimary();
    }

    ExprPtr parsePrimary()
    {
        skipSpace();
        const size_t pos = m_pos;
        const char c = peek();
        if (c == '(') {
            ++m_pos;
            ExprPtr inner = parseExpression();
            expect(')', "to close '('");
            return inner;
        }
        if (c == '$') {
            ExprPtr e = make(Expr::Ref, pos);
            if (!parseReference(&e->ref, false))
                fail(pos, "expected a reference after '$'");
            return e;
        }
        if (c == '"' || c == '\'') {
            size_t p = m_pos + 1;
            for (;;) {
                if (p >= m_text.size())
                    fail(pos, std::string("string literal is not closed with ") + c);
                if (m_text[p] == c) {
                    if (p + 1 < m_text.size() && m_text[p + 1] == c) {
                        p += 2;
                        continue;
                    }
                    break;
                }
                ++p;
            }
            const std::string value = unescapeLiteral(m_text.substr(m_pos + 1, p - m_pos - 1), c);
            m_pos = p + 1;
            if (c == '"' && (value.find('$') != std::string::npos || value.find('#') != std::string::npos)) {
                ExprPtr e = make(Expr::Interpolated, pos);
                Location inside = locate(pos + 1);
                Parser sub(value, inside);
                try {
                    e->parts = std::make_shared<const Nodes>(sub.parseAll());
                } catch (const ParseFailure &f) {
                    fail(pos, "in string literal: " + f.message);
                }
                return e;
            }
            ExprPtr e = make(Expr::Literal, pos);
            e->literal = Value(value);
            return e;
        }
        if ((c >= '0' && c <= '9') || (c == '-' && peek(1) >= '0' && peek(1) <= '9')) {
            size_t p = m_pos + (c == '-' ? 1 : 0);
            while (p < m_text.size() && m_text[p] >= '0' && m_text[p] <= '9')
                ++p;
            bool decimal = false;
            if (p + 1 < m_text.size() && m_text[p] == '.' && m_text[p + 1] >= '0' && m_text[p + 1] <= '9') {
                decimal = true;
                ++p;
                while (p < m_text.size() && m_text[p] >= '0' && m_text[p] <= '9')
                    ++p;
            }
            const std::string number(m_text.substr(m_pos, p - m_pos));
            m_pos = p;
            ExprPtr e = make(Expr::Literal, pos);
            if (decimal) {
                e->literal = Value(std::stod(number));
            } else {
                int64_t v = 0;
                const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
                if (ec != std::errc())
                    fail(pos, "number " + number + " is out of range");
                e->literal = Value(v);
            }
            return e;
        }
        if (atWord("true") || atWord("false")) {
            const bool value = at("true");
            m_pos += value ? 4 : 5;
            ExprPtr e = make(Expr::Literal, pos);
            e->literal = Value(value);
            return e;
        }
        if (atWord("null")) {
            m_pos += 4;
            return make(Expr::Literal, pos);
        }
        if (c == '[') {
            ++m_pos;
            skipSpace();
            ExprPtr list = make(Expr::ListLit, pos);
            if (peek() == ']') {
                ++m_pos;
                return list;
            }
            ExprPtr first = parseExpression();
            skipSpace();
            if (at("..")) {
                m_pos += 2;
                ExprPtr range = make(Expr::Range, pos);
                range->items.push_back(std::move(first));
                range->items.push_back(parseExpression());
                expect(']', "to close the range");
                return range;
            }
            list->items.push_back(std::move(first));
            for (;;) {
                skipSpace();
                if (peek() == ',') {
                    ++m_pos;
                    list->items.push_back(parseExpression());
                    continue;
                }
                expect(']', "to close the list");
                return list;
            }
        }
        if (c == '{') {
            ++m_pos;
            ExprPtr map = make(Expr::MapLit, pos);
            skipSpace();
            if (peek() == '}') {
                ++m_pos;
                return map;
            }
            for (;;) {
                map->items.push_back(parseExpression());
                expect(':', "between a map key and its value");
                map->items.push_back(parseExpression());
                skipSpace();
                if (peek() == ',') {
                    ++m_pos;
                    continue;
                }
                expect('}', "to close the map");
                return map;
            }
        }
        if (atEnd())
            fail(pos, "the expression ends early");
        fail(pos, std::string("unexpected '") + c + "' in an expression");
    }

    std::string_view m_text;
    Location m_origin;
    size_t m_pos = 0;
    size_t m_terminatorAt = 0;
};

} // namespace

std::variant<Template, VtlError> Template::parse(std::string_view text)
{
    Parser parser(text, Location{});
    try {
        Template t;
        t.m_nodes = std::make_shared<const Nodes>(parser.parseAll());
        t.m_size = text.size();
        std::string constant;
        bool onlyText = true;
        for (const Node &node : *t.m_nodes) {
            if (node.kind != Node::Text) {
                onlyText = false;
                break;
            }
            constant += node.text;
        }
        if (onlyText)
            t.m_constant = std::make_shared<const std::string>(std::move(constant));
        return t;
    } catch (const ParseFailure &failure) {
        return VtlError{parser.locate(failure.pos), failure.message};
    }
}

} // namespace gw::vtl
