#pragma once
// RFC 6455 framing, server side: client frames parsed (masked, as clients must send them) and
// server frames written (unmasked), the handshake's Sec-WebSocket-Accept, UTF-8 checks for text.
// Pure functions: the connection owns the bytes.
#include <QByteArray>
#include <QByteArrayView>

namespace gw::ws {

enum class Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

struct ParsedFrame {
    enum class Status { NeedMore, Frame, Error };
    Status status = Status::NeedMore;
    qsizetype consumed = 0; // bytes of the input this frame took
    bool fin = false;
    Opcode opcode = Opcode::Continuation;
    QByteArray payload;     // unmasked
    int closeCode = 0;      // Error: the close code to answer with (1002 protocol, 1009 too big)
};

// The first complete frame at data, or NeedMore. A payload over maxPayload is an Error (1009)
// as soon as its header says so, before it arrives.
ParsedFrame parseClientFrame(const char *data, qsizetype size, qsizetype maxPayload);

// A server frame (FIN set, no mask) with this payload.
QByteArray serverFrame(Opcode opcode, QByteArrayView payload);
// A Close frame's payload: the code, then the reason (cut to fit the 125 bytes of a control frame).
QByteArray closePayload(int code, QByteArrayView reason);

// base64(SHA-1(key + the RFC's GUID)) (RFC 6455 §4.2.2).
QByteArray acceptKey(QByteArrayView key);

bool isValidUtf8(QByteArrayView text);

} // namespace gw::ws
