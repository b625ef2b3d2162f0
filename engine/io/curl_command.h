#pragma once
// curl command lines, both ways: "paste curl" reads one (as a shell splits it, with the options
// browsers' "Copy as cURL" and API docs use), "copy as curl" writes one that curl runs as the
// console would send it. Unknown options are kept as warnings, never silently dropped.
#include "../model/console_workspace.h"

#include <string>
#include <vector>

namespace gw {

struct CurlParseResult {
    bool ok = false;
    std::string error;                 // why the line is not a curl command (unbalanced quote, no URL, ...)
    ConsoleRequest request;
    std::vector<std::string> warnings; // options read but not carried over ("-x: proxies are not used")
};

// Splits a command line as a POSIX shell would: '...', "..." with its backslash escapes, $'...'
// (as Chrome's "Copy as cURL (bash)" writes), backslash-newline continuations and \-escapes.
// error is set on an unbalanced quote.
std::vector<std::string> splitShellWords(const std::string &line, std::string *error);

CurlParseResult parseCurlCommand(const std::string &line);

// One line, every word single-quoted where the shell would otherwise read it. Variables should be
// substituted first: curl knows nothing of {{name}}.
std::string curlCommandFor(const ConsoleRequest &request);

// A word as the shell reads it back unchanged.
std::string shellQuote(const std::string &word);

} // namespace gw
