#include "console_workspace.h"

#include <utility>

namespace gw {

using Json = nlohmann::json;

namespace {

// Only what differs from the default is written: a saved GET is two lines, not twenty.
template <typename T> void put(Json &j, const char *key, const T &value, const T &fallback)
{
    if (!(value == fallback))
        j[key] = value;
}

template <typename T> void take(const Json &j, const char *key, T &into)
{
    if (auto it = j.find(key); it != j.end() && !it->is_null())
        into = it->get<T>();
}

} // namespace

const ConsoleEnvironment *ConsoleWorkspace::findEnvironment(const std::string &name) const
{
    for (const ConsoleEnvironment &e : environments)
        if (e.name == name)
            return &e;
    return nullptr;
}

const ConsoleRequest *ConsoleWorkspace::findRequest(ItemId id) const
{
    for (const ConsoleRequest &r : requests)
        if (r.itemId == id)
            return &r;
    return nullptr;
}

ConsoleRequest *ConsoleWorkspace::findRequest(ItemId id)
{
    return const_cast<ConsoleRequest *>(std::as_const(*this).findRequest(id));
}

void to_json(Json &j, const ConsoleField &value)
{
    j = Json{{"name", value.name}, {"value", value.value}};
    put(j, "enabled", value.enabled, true);
    put(j, "file", value.file, false);
}

void from_json(const Json &j, ConsoleField &value)
{
    value = ConsoleField{};
    take(j, "name", value.name);
    take(j, "value", value.value);
    take(j, "enabled", value.enabled);
    take(j, "file", value.file);
}

void to_json(Json &j, const ConsoleAuth &value)
{
    const ConsoleAuth d;
    j = Json{{"type", value.type}};
    put(j, "headerName", value.headerName, d.headerName);
    put(j, "value", value.value, d.value);
    put(j, "username", value.username, d.username);
    put(j, "password", value.password, d.password);
    put(j, "sessionToken", value.sessionToken, d.sessionToken);
    put(j, "region", value.region, d.region);
    put(j, "service", value.service, d.service);
}

void from_json(const Json &j, ConsoleAuth &value)
{
    value = ConsoleAuth{};
    take(j, "type", value.type);
    take(j, "headerName", value.headerName);
    take(j, "value", value.value);
    take(j, "username", value.username);
    take(j, "password", value.password);
    take(j, "sessionToken", value.sessionToken);
    take(j, "region", value.region);
    take(j, "service", value.service);
}

void to_json(Json &j, const ConsoleRequest &value)
{
    const ConsoleRequest d;
    j = Json{{"name", value.name}};
    put(j, "folder", value.folder, d.folder);
    put(j, "api", value.api, d.api);
    put(j, "stage", value.stage, d.stage);
    put(j, "route", value.route, d.route);
    j["method"] = value.method;
    j["url"] = value.url;
    put(j, "pathParameters", value.pathParameters, d.pathParameters);
    if (!value.headers.empty())
        j["headers"] = value.headers;
    put(j, "bodyMode", value.bodyMode, d.bodyMode);
    put(j, "body", value.body, d.body);
    if (!value.formFields.empty())
        j["formFields"] = value.formFields;
    put(j, "bodyFile", value.bodyFile, d.bodyFile);
    if (value.auth.type != "none")
        j["auth"] = value.auth;
    put(j, "compressed", value.compressed, d.compressed);
    put(j, "insecure", value.insecure, d.insecure);
    put(j, "followRedirects", value.followRedirects, d.followRedirects);
    put(j, "timeoutMs", value.timeoutMs, d.timeoutMs);
    if (value.lastLoadRun)
        j["lastLoadRun"] = *value.lastLoadRun;
}

void from_json(const Json &j, ConsoleRequest &value)
{
    const ItemId keep = value.itemId;
    value = ConsoleRequest{};
    value.itemId = keep;
    take(j, "name", value.name);
    take(j, "folder", value.folder);
    take(j, "api", value.api);
    take(j, "stage", value.stage);
    take(j, "route", value.route);
    take(j, "method", value.method);
    take(j, "url", value.url);
    take(j, "pathParameters", value.pathParameters);
    take(j, "headers", value.headers);
    take(j, "bodyMode", value.bodyMode);
    take(j, "body", value.body);
    take(j, "formFields", value.formFields);
    take(j, "bodyFile", value.bodyFile);
    take(j, "auth", value.auth);
    take(j, "compressed", value.compressed);
    take(j, "insecure", value.insecure);
    take(j, "followRedirects", value.followRedirects);
    take(j, "timeoutMs", value.timeoutMs);
    if (auto it = j.find("lastLoadRun"); it != j.end() && it->is_object())
        value.lastLoadRun = *it;
}

void to_json(Json &j, const ConsoleEnvironment &value)
{
    j = Json{{"name", value.name}, {"variables", value.variables}};
}

void from_json(const Json &j, ConsoleEnvironment &value)
{
    value = ConsoleEnvironment{};
    take(j, "name", value.name);
    take(j, "variables", value.variables);
}

void to_json(Json &j, const ConsoleWorkspace &value)
{
    j = Json::object();
    if (!value.environments.empty())
        j["environments"] = value.environments;
    if (!value.activeEnvironment.empty())
        j["activeEnvironment"] = value.activeEnvironment;
    if (!value.requests.empty())
        j["requests"] = value.requests;
}

void from_json(const Json &j, ConsoleWorkspace &value)
{
    value = ConsoleWorkspace{};
    take(j, "environments", value.environments);
    take(j, "activeEnvironment", value.activeEnvironment);
    take(j, "requests", value.requests);
}

} // namespace gw
