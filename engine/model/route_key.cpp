#include "route_key.h"

#include <array>
#include <set>

namespace gw {

namespace {
constexpr std::array kMethods{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"};

bool validVariableName(const std::string &name)
{
    if (name.empty())
        return false;
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
            return false;
    return true;
}
} // namespace

std::optional<std::vector<RouteSegment>> parseRoutePath(const std::string &path, std::string *error)
{
    if (path.empty() || path.front() != '/') {
        *error = "path must start with '/'";
        return std::nullopt;
    }
    std::vector<RouteSegment> segments;
    std::set<std::string> names;
    if (path == "/")
        return segments;
    size_t start = 1;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        const bool last = slash == std::string::npos;
        if (part.empty()) {
            *error = "empty path segment in '" + path + "'";
            return std::nullopt;
        }
        RouteSegment segment;
        if (part.front() == '{') {
            if (part.back() != '}') {
                *error = "path variable '" + part + "' must be a whole segment like {name}";
                return std::nullopt;
            }
            std::string name = part.substr(1, part.size() - 2);
            if (!name.empty() && name.back() == '+') {
                if (!last) {
                    *error = "greedy variable {" + name + "} must be the last segment";
                    return std::nullopt;
                }
                name.pop_back();
                segment.kind = RouteSegment::Kind::Greedy;
            } else {
                segment.kind = RouteSegment::Kind::Variable;
            }
            if (!validVariableName(name)) {
                *error = "invalid path variable name '" + part + "'";
                return std::nullopt;
            }
            if (!names.insert(name).second) {
                *error = "path variable {" + name + "} appears twice";
                return std::nullopt;
            }
            segment.text = name;
        } else {
            if (part.find_first_of("{}") != std::string::npos) {
                *error = "path variable in '" + part + "' must be a whole segment like {name}";
                return std::nullopt;
            }
            segment.text = part;
        }
        segments.push_back(std::move(segment));
        if (last)
            break;
        start = slash + 1;
    }
    return segments;
}

RouteKeyParse parseRouteKey(const std::string &routeKey)
{
    RouteKeyParse result;
    if (routeKey == "$default") {
        RouteKey key;
        key.isDefault = true;
        result.key = key;
        return result;
    }
    const size_t space = routeKey.find(' ');
    if (space == std::string::npos) {
        result.error = "route key must be \"METHOD /path\" or \"$default\"";
        return result;
    }
    RouteKey key;
    key.method = routeKey.substr(0, space);
    key.path = routeKey.substr(space + 1);
    bool knownMethod = false;
    for (const char *method : kMethods)
        knownMethod = knownMethod || key.method == method;
    if (!knownMethod) {
        result.error = "unknown method '" + key.method + "' in route key";
        return result;
    }
    auto segments = parseRoutePath(key.path, &result.error);
    if (!segments)
        return result;
    key.segments = std::move(*segments);
    result.key = std::move(key);
    return result;
}

} // namespace gw
