#pragma once
// REST payload conversion between text and binary ("Content type conversions in API Gateway" in
// the developer guide; recorded: rest-recorded binary-content-handling/*). A payload is binary
// when its Content-Type (a response's: the first Accept type decides how it goes out) matches the
// API's binaryMediaTypes; contentHandling CONVERT_TO_TEXT base64-encodes binary payloads,
// CONVERT_TO_BINARY base64-decodes text ones, and none passes each kind as it is, except that a
// text payload is read as UTF-8 (bad bytes become U+FFFD) and a response goes out in the kind the
// client accepts.
#include <QByteArray>

#include <optional>
#include <string>
#include <vector>

namespace gw {

enum class ContentHandling { Passthrough, ConvertToText, ConvertToBinary };

// "CONVERT_TO_TEXT" / "CONVERT_TO_BINARY"; anything else (null) is passthrough.
ContentHandling contentHandlingNamed(const std::optional<std::string> &name);

// The bytes an integration gets for a method request's body; false when a text body that
// CONVERT_TO_BINARY must decode is not base64.
bool convertRequestPayload(const QByteArray &body, const QByteArray &contentType, const std::vector<std::string> &binaryMediaTypes,
                           ContentHandling handling, QByteArray *out);
// The bytes the client gets for an integration's response body; false when a text body to be
// decoded is not base64.
bool convertResponsePayload(const QByteArray &body, const QByteArray &contentType, const QByteArray &accept,
                            const std::vector<std::string> &binaryMediaTypes, ContentHandling handling, QByteArray *out);

// The client's first Accept type is one of binaryMediaTypes (it takes binary answers).
bool acceptsBinary(const QByteArray &accept, const std::vector<std::string> &binaryMediaTypes);

// Bytes read as UTF-8 and written back, each maximal malformed part as U+FFFD (as the service
// reads a text payload).
QByteArray utf8Sanitized(const QByteArray &bytes);

} // namespace gw
