#include "request_ids.h"

#include <QRandomGenerator>
#include <QUuid>

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
    // 11 random bytes encode to 15 base64 characters and one '=' of padding: the service's shape.
    char bytes[11];
    quint32 words[3];
    threadRandom().fillRange(words);
    memcpy(bytes, words, sizeof bytes);
    return QByteArray(bytes, sizeof bytes).toBase64();
}

QByteArray newTraceId(qint64 epochMs)
{
    quint32 words[3];
    threadRandom().fillRange(words);
    QByteArray random = QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
    return "Root=1-" + QByteArray::number(quint32(epochMs / 1000), 16).rightJustified(8, '0') + '-' + random;
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
