#include "request_ids.h"

#include <QRandomGenerator>
#include <QUuid>

#include <cstring>

namespace gw {

namespace {
// QRandomGenerator::global() serialises every thread on one lock; ids need no shared state.
QRandomGenerator &threadRandom()
{
    thread_local QRandomGenerator generator = QRandomGenerator::securelySeeded();
    return generator;
}
} // namespace

QByteArray newHttpApiRequestId()
{
    // 11 random bytes encode to 15 base64 characters and one '=' of padding: the service's shape,
    // in its URL-safe alphabet ('-' and '_', never '+' or '/').
    char bytes[11];
    quint32 words[3];
    threadRandom().fillRange(words);
    memcpy(bytes, words, sizeof bytes);
    return QByteArray(bytes, sizeof bytes).toBase64(QByteArray::Base64UrlEncoding);
}

QByteArray newTraceId(qint64 epochMs)
{
    quint32 words[3];
    threadRandom().fillRange(words);
    // "Root=1-" + 8 hex digits of the epoch second + '-' + 24 random hex digits, written in place.
    static const char kHex[] = "0123456789abcdef";
    QByteArray id(7 + 8 + 1 + 24, Qt::Uninitialized);
    char *out = id.data();
    std::memcpy(out, "Root=1-", 7);
    out += 7;
    const quint32 seconds = quint32(epochMs / 1000);
    for (int shift = 28; shift >= 0; shift -= 4)
        *out++ = kHex[(seconds >> shift) & 0xF];
    *out++ = '-';
    const auto *random = reinterpret_cast<const unsigned char *>(words);
    for (size_t i = 0; i < sizeof words; ++i) {
        *out++ = kHex[random[i] >> 4];
        *out++ = kHex[random[i] & 0xF];
    }
    return id;
}

QByteArray newUuidV4()
{
    quint32 words[4];
    threadRandom().fillRange(words);
    QByteArray bytes(reinterpret_cast<const char *>(words), sizeof words);
    bytes[6] = char((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = char((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(bytes).toByteArray(QUuid::WithoutBraces);
}

} // namespace gw
