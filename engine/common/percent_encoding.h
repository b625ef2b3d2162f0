#pragma once
// Percent-decoding of paths and query components (RFC 3986 §2.1).
#include <QByteArray>

#include <string>
#include <vector>

namespace gw {

// "%41b+c" -> "Ab+c" ("Ab c" with plusIsSpace). Malformed escapes are kept as written.
std::string percentDecode(const QByteArray &text, bool plusIsSpace = false);
// Every byte but ASCII letters, digits and those in keep as %XX (upper-case hex); a space as '+'
// with spaceAsPlus. kUnreserved is RFC 3986's set (what curl's --data-urlencode keeps); Java's
// URLEncoder keeps ".-*_".
inline constexpr const char *kUnreserved = "-._~";
std::string percentEncode(const std::string &text, const char *keep = kUnreserved, bool spaceAsPlus = false);
// "//a//b/" -> "/a/b/": a path with its repeated slashes made one ("/" when nothing is left).
QByteArray collapseSlashes(const QByteArray &path);
// "/a/b%20c/" -> {"a", "b c", ""}; "/" -> {}. Percent-decodes each segment after splitting.
std::vector<std::string> splitDecodedPath(const QByteArray &rawPath);

} // namespace gw
