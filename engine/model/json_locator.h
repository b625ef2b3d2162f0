#pragma once
// Where a JSON pointer's value starts in a document's text, as line and column, so problems
// found on the parsed document can be shown where the user wrote them.
#include <QByteArray>

#include <optional>
#include <string>
#include <utility>

namespace gw {

// (line, column), both 1-based; nullopt when the text has no such value (or does not parse).
// A pointer to a missing member gives the position of its object.
std::optional<std::pair<int, int>> locateJsonPointer(const QByteArray &text, const std::string &pointer);

// One reference token of a JSON pointer (RFC 6901: "~" is "~0", "/" is "~1").
std::string escapePointer(const std::string &token);

} // namespace gw
