#pragma once
// The keys of HTTP API parameter mapping (http-api-parameter-mapping.html): what the checker
// accepts and what the gateway applies read them the same way.
#include <optional>
#include <string>

namespace gw {

struct MappingKey {
    enum class Action { Append, Overwrite, Remove };
    enum class Target { Header, QueryString, Path, StatusCode };
    Action action = Action::Overwrite;
    Target target = Target::Header;
    std::string name; // header or query string name
};

// Request keys: append|overwrite|remove:header.NAME, append|overwrite|remove:querystring.NAME,
// overwrite:path. Response keys: append|overwrite|remove:header.NAME, overwrite:statuscode.
// A reserved header name is refused (http-api-parameter-mapping.html, "Reserved headers").
std::optional<MappingKey> parseMappingKey(const std::string &key, bool response, std::string *error);
// access-control-*, apigw-*, Authorization, Connection, ..., x-amz-*, x-amzn-*, Via: any case.
bool isReservedMappingHeader(const std::string &name);

} // namespace gw
