#include "mapping_keys.h"

#include <cctype>

namespace gw {

bool isReservedMappingHeader(const std::string &name)
{
    std::string lower;
    for (char c : name)
        lower += char(std::tolower(static_cast<unsigned char>(c)));
    static const char *const kExact[] = {"authorization", "connection", "content-encoding", "content-length",
                                         "content-location", "forwarded", "keep-alive", "origin", "proxy-authenticate",
                                         "proxy-authorization", "te", "trailers", "transfer-encoding", "upgrade",
                                         "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "via"};
    for (const char *exact : kExact)
        if (lower == exact)
            return true;
    for (const char *prefix : {"access-control-", "apigw-", "x-amz-", "x-amzn-"})
        if (lower.rfind(prefix, 0) == 0)
            return true;
    return false;
}

std::optional<MappingKey> parseMappingKey(const std::string &key, bool response, std::string *error)
{
    MappingKey parsed;
    const size_t colon = key.find(':');
    const std::string verb = colon == std::string::npos ? std::string() : key.substr(0, colon);
    if (verb == "append")
        parsed.action = MappingKey::Action::Append;
    else if (verb == "overwrite")
        parsed.action = MappingKey::Action::Overwrite;
    else if (verb == "remove")
        parsed.action = MappingKey::Action::Remove;
    else {
        if (error)
            *error = "'" + key + "' must start with append:, overwrite: or remove:";
        return std::nullopt;
    }
    const std::string rest = key.substr(colon + 1);
    if (rest.rfind("header.", 0) == 0 && rest.size() > 7) {
        parsed.target = MappingKey::Target::Header;
        parsed.name = rest.substr(7);
        if (isReservedMappingHeader(parsed.name)) {
            if (error)
                *error = "'" + parsed.name + "' is a reserved header: parameter mapping cannot change it";
            return std::nullopt;
        }
        return parsed;
    }
    if (!response && rest.rfind("querystring.", 0) == 0 && rest.size() > 12) {
        parsed.target = MappingKey::Target::QueryString;
        parsed.name = rest.substr(12);
        return parsed;
    }
    if (parsed.action == MappingKey::Action::Overwrite && rest == (response ? "statuscode" : "path")) {
        parsed.target = response ? MappingKey::Target::StatusCode : MappingKey::Target::Path;
        return parsed;
    }
    if (error)
        *error = "'" + key + "' is not a " +
                 (response ? "response mapping (append|overwrite|remove:header.NAME, overwrite:statuscode)"
                           : "request mapping (append|overwrite|remove:header.NAME or :querystring.NAME, overwrite:path)");
    return std::nullopt;
}

} // namespace gw
