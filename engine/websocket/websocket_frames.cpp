#include "websocket_frames.h"

#include <QCryptographicHash>

#include <cstring>

namespace gw::ws {

ParsedFrame parseClientFrame(const char *data, qsizetype size, qsizetype maxPayload)
{
    ParsedFrame frame;
    const auto error = [&](int code) {
        frame.status = ParsedFrame::Status::Error;
        frame.closeCode = code;
        return frame;
    };
    if (size < 2)
        return frame;
    const auto *bytes = reinterpret_cast<const unsigned char *>(data);
    frame.fin = bytes[0] & 0x80;
    if (bytes[0] & 0x70)
        return error(1002); // RSV bits without a negotiated extension
    const quint8 opcode = bytes[0] & 0x0F;
    if (opcode != 0x0 && opcode != 0x1 && opcode != 0x2 && opcode != 0x8 && opcode != 0x9 && opcode != 0xA)
        return error(1002);
    frame.opcode = Opcode(opcode);
    const bool masked = bytes[1] & 0x80;
    if (!masked)
        return error(1002); // "a client MUST mask all frames" (§5.1)
    quint64 length = bytes[1] & 0x7F;
    qsizetype at = 2;
    if (length == 126) {
        if (size < 4)
            return frame;
        length = (quint64(bytes[2]) << 8) | bytes[3];
        at = 4;
    } else if (length == 127) {
        if (size < 10)
            return frame;
        length = 0;
        for (int i = 0; i < 8; ++i)
            length = (length << 8) | bytes[2 + i];
        at = 10;
    }
    const bool control = opcode >= 0x8;
    if (control && (length > 125 || !frame.fin))
        return error(1002); // §5.5: control frames are short and never fragmented
    if (length > quint64(maxPayload))
        return error(1009);
    if (size < at + 4 + qsizetype(length))
        return frame;
    const unsigned char *mask = bytes + at;
    at += 4;
    frame.payload.resize(qsizetype(length));
    char *out = frame.payload.data();
    for (quint64 i = 0; i < length; ++i)
        out[i] = char(bytes[at + qsizetype(i)] ^ mask[i & 3]);
    frame.consumed = at + qsizetype(length);
    frame.status = ParsedFrame::Status::Frame;
    return frame;
}

QByteArray serverFrame(Opcode opcode, QByteArrayView payload)
{
    QByteArray frame;
    const qsizetype length = payload.size();
    frame.reserve(length + 10);
    frame.append(char(0x80 | quint8(opcode)));
    if (length < 126) {
        frame.append(char(length));
    } else if (length <= 0xFFFF) {
        frame.append(char(126));
        frame.append(char(length >> 8));
        frame.append(char(length & 0xFF));
    } else {
        frame.append(char(127));
        for (int i = 7; i >= 0; --i)
            frame.append(char((quint64(length) >> (8 * i)) & 0xFF));
    }
    frame.append(payload.data(), length);
    return frame;
}

QByteArray closePayload(int code, QByteArrayView reason)
{
    QByteArray payload;
    payload.append(char((code >> 8) & 0xFF));
    payload.append(char(code & 0xFF));
    payload.append(reason.data(), std::min<qsizetype>(reason.size(), 123));
    return payload;
}

QByteArray acceptKey(QByteArrayView key)
{
    QByteArray text = key.trimmed().toByteArray();
    text += "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    return QCryptographicHash::hash(text, QCryptographicHash::Sha1).toBase64();
}

bool isValidUtf8(QByteArrayView text)
{
    const auto *s = reinterpret_cast<const unsigned char *>(text.data());
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra;
        quint32 min;
        quint32 cp;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            min = 0x80;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            min = 0x800;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            min = 0x10000;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= n || (s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

} // namespace gw::ws
