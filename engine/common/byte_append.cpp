#include "byte_append.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace gw {

void appendAll(QByteArray &out, std::initializer_list<QByteArrayView> pieces)
{
    qsizetype total = 0;
    for (QByteArrayView piece : pieces)
        total += piece.size();
    const qsizetype start = out.size();
    if (out.capacity() < start + total || !out.isDetached())
        out.reserve(std::max(start + total, out.capacity() * 2));
    out.resize(start + total);
    char *cursor = out.data() + start;
    for (QByteArrayView piece : pieces) {
        if (!piece.isEmpty())
            std::memcpy(cursor, piece.data(), size_t(piece.size()));
        cursor += piece.size();
    }
}

QByteArrayView decimal(qint64 value, char *buffer)
{
    const auto result = std::to_chars(buffer, buffer + 21, value);
    return QByteArrayView(buffer, result.ptr - buffer);
}

void appendUtf8(std::string &out, uint32_t code)
{
    if (code < 0x80) {
        out += char(code);
    } else if (code < 0x800) {
        out += char(0xC0 | (code >> 6));
        out += char(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += char(0xE0 | (code >> 12));
        out += char(0x80 | ((code >> 6) & 0x3F));
        out += char(0x80 | (code & 0x3F));
    } else {
        out += char(0xF0 | (code >> 18));
        out += char(0x80 | ((code >> 12) & 0x3F));
        out += char(0x80 | ((code >> 6) & 0x3F));
        out += char(0x80 | (code & 0x3F));
    }
}

} // namespace gw
