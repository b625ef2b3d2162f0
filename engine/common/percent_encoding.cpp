#include "percent_encoding.h"

#include <cstring>

namespace gw {

std::string percentDecode(const QByteArray &text, bool plusIsSpace)
{
    std::string out;
    out.reserve(size_t(text.size()));
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            const int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += char(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += (plusIsSpace && c == '+') ? ' ' : c;
    }
    return out;
}

std::vector<std::string> splitDecodedPath(const QByteArray &rawPath)
{
    std::vector<std::string> segments;
    if (rawPath.isEmpty() || rawPath == "/")
        return segments;
    qsizetype start = rawPath.startsWith('/') ? 1 : 0;
    for (;;) {
        const qsizetype slash = rawPath.indexOf('/', start);
        const QByteArray part = rawPath.mid(start, slash < 0 ? -1 : slash - start);
        segments.push_back(percentDecode(part));
        if (slash < 0)
            break;
        start = slash + 1;
    }
    return segments;
}

QByteArray collapseSlashes(const QByteArray &path)
{
    QByteArray out;
    out.reserve(path.size());
    for (const char c : path)
        if (c != '/' || !out.endsWith('/'))
            out += c;
    return out.isEmpty() ? QByteArray("/") : out;
}

std::string percentEncode(const std::string &text, const char *keep, bool spaceAsPlus)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && std::strchr(keep, c))) {
            out += char(c);
        } else if (c == ' ' && spaceAsPlus) {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace gw
