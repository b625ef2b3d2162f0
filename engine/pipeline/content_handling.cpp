#include "content_handling.h"

#include "../integrations/events/rest_api_event.h"

namespace gw {

namespace {
bool base64Decoded(const QByteArray &text, QByteArray *out)
{
    const auto result = QByteArray::fromBase64Encoding(text.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return false;
    *out = *result;
    return true;
}

// The UTF-8 sequence at bytes[i] (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF):
// its length when well formed, else minus the length of its maximal malformed part (the lead
// byte and the continuation bytes that were still possible), which one U+FFFD replaces, as
// Unicode recommends and Java's and Python's decoders do.
int sequenceAt(const QByteArray &bytes, qsizetype i)
{
    const uchar b0 = uchar(bytes[i]);
    if (b0 < 0x80)
        return 1;
    int length = 0;
    uchar low = 0x80, high = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        if (b0 == 0xE0)
            low = 0xA0;
        if (b0 == 0xED)
            high = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        if (b0 == 0xF0)
            low = 0x90;
        if (b0 == 0xF4)
            high = 0x8F;
    } else {
        return -1;
    }
    for (int k = 1; k < length; ++k) {
        if (i + k >= bytes.size())
            return -k;
        const uchar b = uchar(bytes[i + k]);
        if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF))
            return -k;
    }
    return length;
}

QByteArray firstMediaType(const QByteArray &accept)
{
    const qsizetype comma = accept.indexOf(',');
    return (comma < 0 ? accept : accept.left(comma)).trimmed();
}
} // namespace

bool acceptsBinary(const QByteArray &accept, const std::vector<std::string> &binaryMediaTypes)
{
    return isBinaryMediaType(firstMediaType(accept), binaryMediaTypes);
}

ContentHandling contentHandlingNamed(const std::optional<std::string> &name)
{
    if (name == "CONVERT_TO_TEXT")
        return ContentHandling::ConvertToText;
    if (name == "CONVERT_TO_BINARY")
        return ContentHandling::ConvertToBinary;
    return ContentHandling::Passthrough;
}

QByteArray utf8Sanitized(const QByteArray &bytes)
{
    static const char kReplacement[] = "\xEF\xBF\xBD";
    qsizetype i = 0;
    for (int length; i < bytes.size() && (length = sequenceAt(bytes, i)) > 0;)
        i += length;
    if (i == bytes.size())
        return bytes; // well formed: shared, not copied
    QByteArray out;
    out.reserve(bytes.size() + 16);
    out.append(bytes.constData(), i);
    while (i < bytes.size()) {
        const int length = sequenceAt(bytes, i);
        if (length < 0) {
            out.append(kReplacement, 3);
            i -= length;
            continue;
        }
        out.append(bytes.constData() + i, length);
        i += length;
    }
    return out;
}

bool convertRequestPayload(const QByteArray &body, const QByteArray &contentType, const std::vector<std::string> &binaryMediaTypes,
                           ContentHandling handling, QByteArray *out)
{
    const bool binary = isBinaryMediaType(contentType, binaryMediaTypes);
    switch (handling) {
    case ContentHandling::Passthrough:
        *out = binary ? body : utf8Sanitized(body);
        return true;
    case ContentHandling::ConvertToText:
        *out = binary ? body.toBase64() : utf8Sanitized(body);
        return true;
    case ContentHandling::ConvertToBinary:
        if (binary) {
            *out = body;
            return true;
        }
        return base64Decoded(body, out);
    }
    return false;
}

bool convertResponsePayload(const QByteArray &body, const QByteArray &contentType, const QByteArray &accept,
                            const std::vector<std::string> &binaryMediaTypes, ContentHandling handling, QByteArray *out)
{
    const bool binary = isBinaryMediaType(contentType, binaryMediaTypes);
    switch (handling) {
    case ContentHandling::Passthrough: {
        // The client's first Accept type decides which kind it gets (the guide: "API Gateway honors only the first").
        const bool binaryAccepted = acceptsBinary(accept, binaryMediaTypes);
        if (binary) {
            *out = binaryAccepted ? body : body.toBase64();
            return true;
        }
        if (binaryAccepted)
            return base64Decoded(body, out);
        *out = utf8Sanitized(body);
        return true;
    }
    case ContentHandling::ConvertToText:
        *out = binary ? body.toBase64() : utf8Sanitized(body);
        return true;
    case ContentHandling::ConvertToBinary:
        if (binary) {
            *out = body;
            return true;
        }
        return base64Decoded(body, out);
    }
    return false;
}

} // namespace gw
