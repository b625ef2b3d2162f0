#include "json_locator.h"

#include <cstring>
#include <vector>

namespace gw {

namespace {

std::vector<std::string> tokensOf(const std::string &pointer)
{
    std::vector<std::string> tokens;
    if (pointer.empty())
        return tokens;
    size_t start = 1;
    for (;;) {
        const size_t slash = pointer.find('/', start);
        std::string token = pointer.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        std::string unescaped; // RFC 6901: ~1 is '/', ~0 is '~'
        for (size_t i = 0; i < token.size(); ++i) {
            if (token[i] == '~' && i + 1 < token.size()) {
                unescaped += token[i + 1] == '1' ? '/' : '~';
                ++i;
            } else {
                unescaped += token[i];
            }
        }
        tokens.push_back(std::move(unescaped));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return tokens;
}

// A scanner that walks the values of the text and notes where the one at the target path starts
// (or the deepest ancestor of it that exists).
class Scanner {
public:
    Scanner(const QByteArray &text, std::vector<std::string> target) : m_text(text), m_target(std::move(target)) {}

    qsizetype run()
    {
        space();
        value(0);
        return m_found >= 0 ? m_found : m_deepestAncestor;
    }

private:
    bool atTarget(size_t depth) const
    {
        if (depth != m_target.size())
            return false;
        for (size_t i = 0; i < depth; ++i)
            if (m_path[i] != m_target[i])
                return false;
        return true;
    }
    bool onTargetPath(size_t depth) const
    {
        if (depth > m_target.size())
            return false;
        for (size_t i = 0; i < depth; ++i)
            if (m_path[i] != m_target[i])
                return false;
        return true;
    }
    char peek() const { return m_i < m_text.size() ? m_text[m_i] : '\0'; }
    void space()
    {
        while (m_i < m_text.size() && (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t'))
            ++m_i;
    }
    bool string(std::string *out)
    {
        if (peek() != '"')
            return false;
        ++m_i;
        while (m_i < m_text.size() && peek() != '"') {
            if (peek() == '\\') {
                ++m_i;
                if (out) {
                    const char e = peek();
                    *out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e;
                    if (e == 'u') { // keep \uXXXX as written: ids and keys are ASCII in practice
                        out->pop_back();
                        *out += m_text.mid(m_i - 1, 6).toStdString();
                        m_i += 4;
                    }
                } else if (peek() == 'u') {
                    m_i += 4;
                }
                ++m_i;
                continue;
            }
            if (out)
                *out += peek();
            ++m_i;
        }
        if (peek() != '"')
            return false;
        ++m_i;
        return true;
    }
    bool value(size_t depth)
    {
        if (m_found >= 0)
            return true;
        if (atTarget(depth))
            m_found = m_i;
        else if (onTargetPath(depth))
            m_deepestAncestor = m_i;
        const char c = peek();
        if (c == '{') {
            ++m_i;
            space();
            if (peek() == '}') {
                ++m_i;
                return true;
            }
            for (;;) {
                space();
                std::string key;
                if (!string(&key))
                    return false;
                space();
                if (peek() != ':')
                    return false;
                ++m_i;
                space();
                m_path.resize(depth);
                m_path.push_back(std::move(key));
                if (!value(depth + 1))
                    return false;
                space();
                if (peek() == ',') {
                    ++m_i;
                    continue;
                }
                if (peek() == '}') {
                    ++m_i;
                    return true;
                }
                return false;
            }
        }
        if (c == '[') {
            ++m_i;
            space();
            if (peek() == ']') {
                ++m_i;
                return true;
            }
            for (size_t index = 0;; ++index) {
                space();
                m_path.resize(depth);
                m_path.push_back(std::to_string(index));
                if (!value(depth + 1))
                    return false;
                space();
                if (peek() == ',') {
                    ++m_i;
                    continue;
                }
                if (peek() == ']') {
                    ++m_i;
                    return true;
                }
                return false;
            }
        }
        if (c == '"')
            return string(nullptr);
        // number, true, false, null
        const qsizetype start = m_i;
        while (m_i < m_text.size() && !strchr(",]} \n\r\t", peek()))
            ++m_i;
        return m_i > start;
    }

    const QByteArray &m_text;
    std::vector<std::string> m_target;
    std::vector<std::string> m_path;
    qsizetype m_i = 0;
    qsizetype m_found = -1;
    qsizetype m_deepestAncestor = -1;
};

} // namespace

std::optional<std::pair<int, int>> locateJsonPointer(const QByteArray &text, const std::string &pointer)
{
    qsizetype offset = Scanner(text, tokensOf(pointer)).run();
    if (offset < 0)
        return std::nullopt;
    int line = 1, column = 1;
    qsizetype start = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    for (qsizetype i = start; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) { // count characters, not UTF-8 bytes
            ++column;
        }
    }
    return std::make_pair(line, column);
}

std::string escapePointer(const std::string &token)
{
    std::string out;
    for (char c : token)
        out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return out;
}

} // namespace gw
