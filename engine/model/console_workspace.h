#pragma once
// The test console's part of a project (the "console" key): environments with variables, and
// saved requests in folders. Plain JSON in the project file, in a stable order, so it diffs well
// and travels with the design it tests.
#include "item_id.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gw {

struct ConsoleField {
    std::string name;
    std::string value;
    bool enabled = true;
    bool file = false; // multipart only: value is a file's path, sent as the part's content
};

// How the request proves who sends it. Every text may hold {{variables}}.
struct ConsoleAuth {
    std::string type = "none"; // none | apiKey | bearer | basic | sigv4
    std::string headerName = "x-api-key"; // apiKey
    std::string value;                    // apiKey: the key; bearer: the token
    std::string username;                 // basic; sigv4: the access key id
    std::string password;                 // basic; sigv4: the secret access key
    std::string sessionToken;             // sigv4
    std::string region = "us-east-1";     // sigv4
    std::string service = "execute-api";  // sigv4
};

struct ConsoleRequest {
    ItemId itemId = newItemId();
    std::string name;
    std::string folder; // "" at the top; "orders/admin" nests
    // Where it was picked from (the URL is what is sent; these keep the picker and {{baseUrl}}).
    std::string api;   // an API's id or apiId
    std::string stage;
    std::string route; // a route key or "METHOD /resource/path"
    std::string method = "GET";
    std::string url;   // may hold {{variables}} and {pathParameters}
    std::map<std::string, std::string> pathParameters;
    std::vector<ConsoleField> headers;
    std::string bodyMode = "none"; // none | raw | json | form | multipart | binary
    std::string body;              // raw and json
    std::vector<ConsoleField> formFields; // form and multipart
    std::string bodyFile;                 // binary: a file's path, relative to the project or absolute
    ConsoleAuth auth;
    bool compressed = false;      // ask for gzip/deflate and decode the answer (curl --compressed)
    bool insecure = false;        // accept any TLS certificate (curl -k)
    bool followRedirects = false; // curl -L
    int timeoutMs = 30000;
    std::optional<nlohmann::json> lastLoadRun; // the last load run's summary, kept beside the request
};

struct ConsoleEnvironment {
    std::string name;
    std::map<std::string, std::string> variables;
};

struct ConsoleWorkspace {
    std::vector<ConsoleEnvironment> environments;
    std::string activeEnvironment;
    std::vector<ConsoleRequest> requests;

    bool empty() const { return environments.empty() && activeEnvironment.empty() && requests.empty(); }
    const ConsoleEnvironment *findEnvironment(const std::string &name) const;
    ConsoleRequest *findRequest(ItemId id);
    const ConsoleRequest *findRequest(ItemId id) const;
};

void to_json(nlohmann::json &j, const ConsoleField &value);
void from_json(const nlohmann::json &j, ConsoleField &value);
void to_json(nlohmann::json &j, const ConsoleAuth &value);
void from_json(const nlohmann::json &j, ConsoleAuth &value);
void to_json(nlohmann::json &j, const ConsoleRequest &value);
void from_json(const nlohmann::json &j, ConsoleRequest &value);
void to_json(nlohmann::json &j, const ConsoleEnvironment &value);
void from_json(const nlohmann::json &j, ConsoleEnvironment &value);
void to_json(nlohmann::json &j, const ConsoleWorkspace &value);
void from_json(const nlohmann::json &j, ConsoleWorkspace &value);

} // namespace gw
