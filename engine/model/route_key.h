#pragma once
// Parses an HTTP API route key ("GET /orders/{id}", "ANY /{proxy+}", "$default").
#include <optional>
#include <string>
#include <vector>

namespace gw {

struct RouteSegment {
    enum class Kind { Literal, Variable, Greedy };
    Kind kind = Kind::Literal;
    std::string text; // literal text, or the variable name without braces and '+'
};

struct RouteKey {
    bool isDefault = false;     // "$default"
    std::string method;         // "GET", ..., "ANY"
    std::string path;           // "/orders/{id}"
    std::vector<RouteSegment> segments;
};

struct RouteKeyParse {
    std::optional<RouteKey> key;
    std::string error;
};

RouteKeyParse parseRouteKey(const std::string &routeKey);
// Splits "/a/{b}/{c+}" into segments; error text when malformed.
std::optional<std::vector<RouteSegment>> parseRoutePath(const std::string &path, std::string *error);

} // namespace gw
