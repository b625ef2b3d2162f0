#include "request_ids.h"

#include <QRandomGenerator>

namespace gw {

QByteArray newHttpApiRequestId()
{
    // 11 random bytes encode to 15 base64 characters and one '=' of padding: the service's shape.
    char bytes[11];
    quint32 words[3];
    QRandomGenerator::global()->fillRange(words);
    memcpy(bytes, words, sizeof bytes);
    return QByteArray(bytes, sizeof bytes).toBase64();
}

QByteArray newTraceId(qint64 epochMs)
{
    quint32 words[3];
    QRandomGenerator::global()->fillRange(words);
    QByteArray random = QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
    return "Root=1-" + QByteArray::number(quint32(epochMs / 1000), 16).rightJustified(8, '0') + '-' + random;
}

} // namespace gw
