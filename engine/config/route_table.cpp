#include "route_table.h"

namespace gw {

RouteTable::RouteTable(const std::vector<std::string> &routeKeys)
{
    for (int i = 0; i < int(routeKeys.size()); ++i) {
        RouteKeyParse parsed = parseRouteKey(routeKeys[size_t(i)]);
        if (!parsed.key)
            continue;
        if (parsed.key->isDefault)
            m_defaultIndex = i;
        else
            m_routes.push_back({i, std::move(*parsed.key)});
    }
}

namespace {

// Rank of each segment kind at a position: lower is more specific.
int rank(RouteSegment::Kind kind)
{
    switch (kind) {
    case RouteSegment::Kind::Literal: return 0;
    case RouteSegment::Kind::Variable: return 1;
    case RouteSegment::Kind::Greedy: return 2;
    }
    return 3;
}

bool pathMatches(const RouteKey &key, const std::vector<std::string> &segments, RouteMatch *out)
{
    const auto &pattern = key.segments;
    for (size_t i = 0; i < pattern.size(); ++i) {
        const RouteSegment &p = pattern[i];
        if (p.kind == RouteSegment::Kind::Greedy) {
            // {proxy+} needs at least one more segment: "/items" does not match "/items/{proxy+}",
            // "/items/" does (the AWS-authored LambdaTestTool-v2 route matcher notes this).
            if (i >= segments.size())
                return false;
            std::string rest;
            for (size_t j = i; j < segments.size(); ++j) {
                if (j > i)
                    rest += '/';
                rest += segments[j];
            }
            out->pathParameters[p.text] = rest;
            return true;
        }
        if (i >= segments.size())
            return false;
        if (p.kind == RouteSegment::Kind::Literal) {
            if (p.text != segments[i])
                return false;
        } else {
            if (segments[i].empty())
                return false;
            out->pathParameters[p.text] = segments[i];
        }
    }
    return pattern.size() == segments.size();
}

// Negative when a is more specific than b.
int compareSpecificity(const RouteKey &a, const RouteKey &b)
{
    const size_t n = std::min(a.segments.size(), b.segments.size());
    for (size_t i = 0; i < n; ++i) {
        const int d = rank(a.segments[i].kind) - rank(b.segments[i].kind);
        if (d != 0)
            return d;
    }
    if (a.segments.size() != b.segments.size())
        return a.segments.size() > b.segments.size() ? -1 : 1;
    const bool aAny = a.method == "ANY", bAny = b.method == "ANY";
    return int(aAny) - int(bAny);
}

} // namespace

std::optional<RouteMatch> RouteTable::match(const QByteArray &method, const std::vector<std::string> &segments) const
{
    const Entry *best = nullptr;
    RouteMatch bestMatch;
    for (const Entry &entry : m_routes) {
        if (entry.key.method != "ANY" && method != QByteArrayView(entry.key.method))
            continue;
        RouteMatch candidate;
        if (!pathMatches(entry.key, segments, &candidate))
            continue;
        if (!best || compareSpecificity(entry.key, best->key) < 0) {
            best = &entry;
            candidate.routeIndex = entry.index;
            bestMatch = std::move(candidate);
        }
    }
    if (best)
        return bestMatch;
    if (m_defaultIndex >= 0) {
        RouteMatch match;
        match.routeIndex = m_defaultIndex;
        return match;
    }
    return std::nullopt;
}

} // namespace gw
