#pragma once
// HTTP API route selection, as the service does it: the most specific path wins (literal over
// {param} over {proxy+}, compared segment by segment), an explicit method wins over ANY, and
// $default catches the rest. Source: http-api-develop-routes.html ("Routing API requests").
#include "../common/percent_encoding.h"
#include "../model/route_key.h"

#include <QByteArray>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gw {

struct RouteMatch {
    int routeIndex = -1;
    std::map<std::string, std::string> pathParameters; // decoded values
};

class RouteTable {
public:
    RouteTable() = default;
    // routeKeys[i] must parse (validated at load). Index i is reported back on a match.
    explicit RouteTable(const std::vector<std::string> &routeKeys);
    // method: request method; segments: the decoded path split on '/', stage prefix removed.
    std::optional<RouteMatch> match(const QByteArray &method, const std::vector<std::string> &segments) const;

private:
    struct Entry {
        int index;
        RouteKey key;
    };
    std::vector<Entry> m_routes;
    int m_defaultIndex = -1;
};


} // namespace gw
