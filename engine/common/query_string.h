#pragma once
// A query string as the service reads it for events and templates: pairs split on '&', '+' read
// as a space and %XX decoded, names made valid UTF-8 (two names that differ only in invalid
// bytes are one), values grouped by name in first-seen order.
#include <QByteArray>

#include <string>
#include <utility>
#include <vector>

namespace gw {

using QueryParameters = std::vector<std::pair<std::string, std::vector<std::string>>>;

QueryParameters parseQueryString(const QByteArray &raw);

} // namespace gw
