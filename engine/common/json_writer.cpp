#include "json_writer.h"

#include "byte_append.h"

namespace gw {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not one (overlong
// forms, surrogates and code points above U+10FFFF are invalid, RFC 3629 §4).
size_t validUtf8Length(std::string_view text, size_t i)
{
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    size_t length;
    unsigned char low = 0x80, high = 0xBF; // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0;
        else if (lead == 0xED)
            high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90;
        else if (lead == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    if (byte(i + 1) < low || byte(i + 1) > high)
        return 0;
    for (size_t k = 2; k < length; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
            return 0;
    return length;
}

} // namespace

void appendJsonStringContent(QByteArray &out, std::string_view text)
{
    static const char kHex[] = "0123456789abcdef";
    size_t plainStart = 0; // bytes that need no change are copied in runs
    const auto flushPlain = [&](size_t end) {
        if (end > plainStart)
            appendAll(out, {QByteArrayView(text.data() + plainStart, qsizetype(end - plainStart))});
    };
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            if (const size_t length = validUtf8Length(text, i)) {
                i += length;
                continue;
            }
            flushPlain(i);
            appendAll(out, {"\xEF\xBF\xBD"}); // U+FFFD REPLACEMENT CHARACTER
            plainStart = ++i;
            continue;
        }
        flushPlain(i);
        switch (c) {
        case '"': appendAll(out, {"\\\""}); break;
        case '\\': appendAll(out, {"\\\\"}); break;
        case '\n': appendAll(out, {"\\n"}); break;
        case '\r': appendAll(out, {"\\r"}); break;
        case '\t': appendAll(out, {"\\t"}); break;
        case '\b': appendAll(out, {"\\b"}); break;
        case '\f': appendAll(out, {"\\f"}); break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
            appendAll(out, {QByteArrayView(escaped, 6)});
        }
        }
        plainStart = ++i;
    }
    flushPlain(text.size());
}

std::string validUtf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            out += text[i++];
        } else if (const size_t length = validUtf8Length(text, i)) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_needComma)
        m_out.append(',');
}

JsonWriter &JsonWriter::open(char bracket)
{
    separate();
    m_out.append(bracket);
    m_needComma = false;
    return *this;
}

JsonWriter &JsonWriter::close(char bracket)
{
    m_out.append(bracket);
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::literal(QByteArrayView text)
{
    separate();
    appendAll(m_out, {text});
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::key(std::string_view name)
{
    separate();
    m_out.append('"');
    appendJsonStringContent(m_out, name);
    appendAll(m_out, {"\":"});
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::string(std::string_view text)
{
    separate();
    m_out.append('"');
    appendJsonStringContent(m_out, text);
    m_out.append('"');
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::number(qint64 value)
{
    char digits[24];
    return literal(decimal(value, digits));
}

JsonWriter &JsonWriter::boolean(bool value)
{
    return literal(value ? QByteArrayView("true") : QByteArrayView("false"));
}

JsonWriter &JsonWriter::null()
{
    return literal("null");
}

} // namespace gw
