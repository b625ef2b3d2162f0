#pragma once
// From a saved console request to the bytes that go out: {{variables}} from the active
// environment, {pathParameters} into the path, the body in its mode (form, multipart with files,
// a binary file), and the auth helper's header (API key, bearer, basic, or a SigV4 signature that
// the real AWS accepts too).
#include "../common/http_message.h"
#include "../model/console_workspace.h"
#include "../net/http_client.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace gw {

using ConsoleVariables = std::map<std::string, std::string>;

// "{{name}}" (spaces inside the braces allowed) replaced by its value; a name without one is left
// as it was and added to unresolved.
std::string substituteVariables(const std::string &text, const ConsoleVariables &variables,
                                std::set<std::string> *unresolved = nullptr);

// Every text of the request substituted, and the URL's {param} / {param+} filled from
// pathParameters (percent-encoded; a greedy one keeps its slashes). What "copy as curl" writes.
ConsoleRequest substitutedRequest(const ConsoleRequest &request, const ConsoleVariables &variables,
                                  std::set<std::string> *unresolved = nullptr);

struct ConsoleWireRequest {
    QByteArray method;
    QByteArray scheme; // "http" or "https"
    QByteArray host;   // as the URL has it (no brackets for IPv6)
    quint16 port = 80;
    QByteArray target; // path and query, percent-encoded as sent
    QByteArray hostHeader;
    std::vector<HttpHeader> headers; // Host and Content-Length are left to the client
    QByteArray body;
    std::vector<std::string> problems; // what stops it being sent: a bad URL, a missing file
    bool ok() const { return problems.empty(); }
};

// The request as the client sends it. baseDir resolves relative file paths; nowMs is the SigV4 time.
ConsoleWireRequest wireRequestFor(const ConsoleRequest &substituted, const QString &baseDir, qint64 nowMs);

// What the pooled client sends for it (https and TLS issuer rule from the request and insecure).
HttpClientRequest httpClientRequestFor(const ConsoleWireRequest &request, int timeoutMs, bool insecure);

// The multipart boundary the console uses; fixed so the same request gives the same bytes.
QByteArray consoleMultipartBoundary();

} // namespace gw
