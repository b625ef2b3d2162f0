#pragma once
// REST parameter mapping, request side (rest-api-parameter-mapping-sources.html): each
// integration.request.{path,querystring,header,multivaluequerystring,multivalueheader}.NAME takes
// method.request.{path,querystring,header,multivaluequerystring,multivalueheader}.NAME,
// method.request.body[.JSONPath], context.NAME, stageVariables.NAME or a 'static' value. A source
// the request does not have maps to nothing: the parameter is left out (recorded:
// http-integration/http_proxy/request-parameter-mapping, testEmptyQs). Compiled once per deployment.
#include "../model/project.h"

#include <QByteArray>

#include <string>
#include <utility>
#include <vector>

namespace gw {

class RequestContext;

class RestRequestMapping {
public:
    // False with *error and *failedKey for a key or source the service would refuse.
    bool compile(const StringMap &requestParameters, std::string *error, std::string *failedKey);
    bool empty() const { return m_ops.empty(); }

    struct Mapped {
        std::map<std::string, std::string> path;                  // for the URI's {NAME}
        std::vector<std::pair<std::string, std::string>> query;   // decoded, in key order
        std::vector<std::pair<QByteArray, QByteArray>> headers;
    };
    Mapped evaluate(const RequestContext &ctx) const;
    // The header names mapped onto (lower case), for the restricted-header check.
    std::vector<QByteArray> headerTargets() const;

private:
    enum class Target : quint8 { Path, Query, Header };
    enum class Source : quint8 { Static, Path, Query, MultiQuery, Header, MultiHeader, Body, BodyPath, Context, StageVariable };
    struct Op {
        Target target;
        std::string name;
        Source source;
        std::string argument; // the static value, the source's name, or the JSONPath
    };
    std::vector<Op> m_ops;
};

// A header the service never lets a mapping set for this integration type: every call fails with
// 500 (recorded: header-mapping/{aws,aws_proxy,http,http_proxy}/map-*).
bool isRestrictedMappedHeader(const std::string &integrationType, const QByteArray &lowerName);

} // namespace gw
