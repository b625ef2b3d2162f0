#include "curl_command.h"

#include "../common/byte_append.h"
#include "../common/percent_encoding.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

namespace gw {

namespace {

bool isShellSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// bash's $'...' escapes (bash(1), QUOTING). i is just past the opening quote; returns past the closing one.
size_t readAnsiC(const std::string &s, size_t i, std::string &word, bool *closed)
{
    auto hexDigits = [&](size_t &at, int most) {
        unsigned value = 0;
        int n = 0;
        while (n < most && at < s.size() && std::isxdigit(static_cast<unsigned char>(s[at]))) {
            value = value * 16 + unsigned(std::isdigit(static_cast<unsigned char>(s[at])) ? s[at] - '0'
                                                                                         : (std::tolower(s[at]) - 'a' + 10));
            ++at;
            ++n;
        }
        return std::make_pair(value, n);
    };
    while (i < s.size()) {
        const char c = s[i];
        if (c == '\'') {
            *closed = true;
            return i + 1;
        }
        if (c != '\\' || i + 1 >= s.size()) {
            word += c;
            ++i;
            continue;
        }
        const char e = s[i + 1];
        i += 2;
        switch (e) {
        case 'n': word += '\n'; break;
        case 't': word += '\t'; break;
        case 'r': word += '\r'; break;
        case 'a': word += '\a'; break;
        case 'b': word += '\b'; break;
        case 'e': case 'E': word += '\x1b'; break;
        case 'f': word += '\f'; break;
        case 'v': word += '\v'; break;
        case '\\': word += '\\'; break;
        case '\'': word += '\''; break;
        case '"': word += '"'; break;
        case '?': word += '?'; break;
        case 'x': {
            auto [value, n] = hexDigits(i, 2);
            if (n == 0)
                word += "\\x";
            else
                word += char(value);
            break;
        }
        case 'u': case 'U': {
            auto [value, n] = hexDigits(i, e == 'u' ? 4 : 8);
            if (n == 0)
                word += std::string("\\") + e;
            else
                appendUtf8(word, value);
            break;
        }
        default:
            if (e >= '0' && e <= '7') { // octal, up to three digits
                unsigned value = unsigned(e - '0');
                for (int n = 0; n < 2 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++n, ++i)
                    value = value * 8 + unsigned(s[i] - '0');
                word += char(value & 0xFF);
            } else {
                word += '\\';
                word += e;
            }
        }
    }
    *closed = false;
    return i;
}

std::string lowered(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string trimmed(const std::string &s)
{
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        --e;
    return s.substr(b, e - b);
}

bool startsWith(const std::string &s, const char *prefix) { return s.rfind(prefix, 0) == 0; }

// Options that take an argument, by their long name; short letters map onto them.
const std::map<char, std::string> &shortOptions()
{
    static const std::map<char, std::string> options = {
        {'X', "--request"},  {'H', "--header"},     {'d', "--data"},      {'F', "--form"},
        {'u', "--user"},     {'A', "--user-agent"}, {'e', "--referer"},   {'b', "--cookie"},
        {'m', "--max-time"}, {'o', "--output"},     {'w', "--write-out"}, {'x', "--proxy"},
        {'r', "--range"},    {'c', "--cookie-jar"}, {'D', "--dump-header"}, {'T', "--upload-file"},
        {'E', "--cert"},     {'K', "--config"},     {'U', "--proxy-user"}, {'Y', "--speed-limit"},
        {'y', "--speed-time"}, {'z', "--time-cond"}, {'C', "--continue-at"}, {'t', "--telnet-option"},
        {'Q', "--quote"},    {'P', "--ftp-port"},
        // flags
        {'G', "--get"},      {'I', "--head"},       {'k', "--insecure"},  {'L', "--location"},
        {'s', "--silent"},   {'S', "--show-error"}, {'v', "--verbose"},   {'i', "--include"},
        {'f', "--fail"},     {'N', "--no-buffer"},  {'#', "--progress-bar"}, {'g', "--globoff"},
        {'4', "--ipv4"},     {'6', "--ipv6"},       {'O', "--remote-name"}, {'J', "--remote-header-name"},
        {'Z', "--parallel"}, {'q', "--disable"},    {'n', "--netrc"},     {'l', "--list-only"},
        {'j', "--junk-session-cookies"}, {'R', "--remote-time"}, {'B', "--use-ascii"}, {'a', "--append"},
        {'M', "--manual"},   {'V', "--version"},    {'h', "--help"},      {'p', "--proxytunnel"},
    };
    return options;
}

const std::set<std::string> &optionsWithArgument()
{
    static const std::set<std::string> names = {
        "--request", "--header", "--data", "--data-ascii", "--data-raw", "--data-binary", "--data-urlencode", "--json",
        "--form", "--form-string", "--user", "--user-agent", "--referer", "--cookie", "--max-time", "--output",
        "--write-out", "--proxy", "--range", "--cookie-jar", "--dump-header", "--upload-file", "--cert", "--config",
        "--proxy-user", "--speed-limit", "--speed-time", "--time-cond", "--continue-at", "--telnet-option", "--quote",
        "--ftp-port", "--url", "--aws-sigv4", "--oauth2-bearer", "--connect-timeout", "--retry", "--retry-delay",
        "--retry-max-time", "--resolve", "--connect-to", "--cacert", "--capath", "--key", "--key-type", "--cert-type",
        "--interface", "--limit-rate", "--max-redirs", "--max-filesize", "--unix-socket", "--abstract-unix-socket",
        "--noproxy", "--proxy-header", "--request-target", "--expect100-timeout", "--keepalive-time", "--dns-servers",
        "--happy-eyeballs-timeout-ms", "--pinnedpub", "--ciphers", "--tls-max", "--trace", "--trace-ascii",
        "--stderr", "--variable", "--url-query", "--output-dir", "--etag-save", "--etag-compare", "--hsts",
        "--alt-svc", "--doh-url", "--engine", "--netrc-file", "--proto", "--proto-redir", "--sasl-authzid",
        "--login-options", "--mail-from", "--mail-rcpt", "--mail-auth", "--socks5", "--socks4", "--preproxy",
    };
    return names;
}

// Read without a warning: they change what curl prints or how it retries, not the request.
const std::set<std::string> &quietOptions()
{
    static const std::set<std::string> names = {
        "--silent", "--show-error", "--verbose", "--include", "--fail", "--fail-with-body", "--no-buffer",
        "--progress-bar", "--globoff", "--output", "--write-out", "--connect-timeout", "--retry", "--retry-delay",
        "--retry-max-time", "--retry-all-errors", "--retry-connrefused", "--dump-header", "--stderr", "--trace",
        "--trace-ascii", "--ipv4", "--ipv6", "--http1.1", "--http1.0", "--remote-name", "--remote-header-name",
        "--no-progress-meter", "--max-redirs", "--output-dir", "--create-dirs", "--no-keepalive", "--tcp-nodelay",
        "--path-as-is", "--keepalive-time", "--styled-output", "--no-styled-output",
    };
    return names;
}

void addUrlQuery(std::string &url, const std::string &query)
{
    if (query.empty())
        return;
    const size_t hash = url.find('#');
    std::string fragment;
    if (hash != std::string::npos) {
        fragment = url.substr(hash);
        url.erase(hash);
    }
    url += (url.find('?') == std::string::npos ? '?' : '&');
    url += query;
    url += fragment;
}

// As curl's --data-urlencode writes it: unreserved characters kept, a space as '+'.
std::string formUrlEncoded(const std::string &text) { return percentEncode(text, kUnreserved, true); }

bool isJsonContentType(const std::string &value)
{
    const std::string v = lowered(value);
    return startsWith(v, "application/json") || (v.find("+json") != std::string::npos && startsWith(v, "application/"));
}

} // namespace

std::vector<std::string> splitShellWords(const std::string &s, std::string *error)
{
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (isShellSpace(c)) {
            if (inWord) {
                words.push_back(std::move(word));
                word.clear();
                inWord = false;
            }
            ++i;
            continue;
        }
        if (c == '\\') {
            if (i + 1 < s.size() && (s[i + 1] == '\n' || (s[i + 1] == '\r' && i + 2 < s.size() && s[i + 2] == '\n'))) {
                i += s[i + 1] == '\r' ? 3 : 2; // a line continuation joins the lines
                continue;
            }
            if (i + 1 < s.size())
                word += s[i + 1];
            inWord = true;
            i += 2;
            continue;
        }
        if (c == '\'') {
            const size_t end = s.find('\'', i + 1);
            if (end == std::string::npos) {
                if (error)
                    *error = "a single quote is not closed";
                return {};
            }
            word += s.substr(i + 1, end - i - 1);
            inWord = true;
            i = end + 1;
            continue;
        }
        if (c == '$' && i + 1 < s.size() && s[i + 1] == '\'') {
            bool closed = false;
            i = readAnsiC(s, i + 2, word, &closed);
            if (!closed) {
                if (error)
                    *error = "a $'...' quote is not closed";
                return {};
            }
            inWord = true;
            continue;
        }
        if (c == '"') {
            ++i;
            bool closed = false;
            while (i < s.size()) {
                const char d = s[i];
                if (d == '"') {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == '\\' && i + 1 < s.size()) {
                    const char e = s[i + 1];
                    if (e == '\n') {
                        i += 2;
                        continue;
                    }
                    if (e == '"' || e == '\\' || e == '$' || e == '`') {
                        word += e;
                        i += 2;
                        continue;
                    }
                }
                word += d;
                ++i;
            }
            if (!closed) {
                if (error)
                    *error = "a double quote is not closed";
                return {};
            }
            inWord = true;
            continue;
        }
        word += c;
        inWord = true;
        ++i;
    }
    if (inWord)
        words.push_back(std::move(word));
    return words;
}

CurlParseResult parseCurlCommand(const std::string &line)
{
    CurlParseResult result;
    std::string splitError;
    std::vector<std::string> words = splitShellWords(line, &splitError);
    if (!splitError.empty()) {
        result.error = splitError;
        return result;
    }
    if (words.empty()) {
        result.error = "the command line is empty";
        return result;
    }
    {
        const std::string first = words.front();
        const std::string base = first.substr(first.find_last_of("/\\") == std::string::npos ? 0 : first.find_last_of("/\\") + 1);
        if (base != "curl" && base != "curl.exe") {
            result.error = "not a curl command: it starts with '" + first + "'";
            return result;
        }
    }

    // Expand short bundles (-sSL, -XPOST, -H'x: y') into long options with their arguments.
    struct Option {
        std::string name;
        std::string argument;
        bool hasArgument = false;
    };
    std::vector<Option> options;
    std::vector<std::string> urls;
    bool endOfOptions = false;
    for (size_t i = 1; i < words.size(); ++i) {
        const std::string &w = words[i];
        if (endOfOptions || w.empty() || w[0] != '-' || w == "-") {
            urls.push_back(w);
            continue;
        }
        if (w == "--") {
            endOfOptions = true;
            continue;
        }
        if (startsWith(w, "--")) {
            Option o{w, {}, false};
            if (optionsWithArgument().count(w)) {
                if (i + 1 >= words.size()) {
                    result.error = w + " needs a value";
                    return result;
                }
                o.argument = words[++i];
                o.hasArgument = true;
            }
            options.push_back(std::move(o));
            continue;
        }
        for (size_t k = 1; k < w.size(); ++k) {
            const auto it = shortOptions().find(w[k]);
            if (it == shortOptions().end()) {
                result.warnings.push_back(std::string("-") + w[k] + " is not known to the console; ignored");
                continue;
            }
            Option o{it->second, {}, false};
            if (optionsWithArgument().count(it->second)) {
                if (k + 1 < w.size()) {
                    o.argument = w.substr(k + 1);
                } else if (i + 1 < words.size()) {
                    o.argument = words[++i];
                } else {
                    result.error = std::string("-") + w[k] + " needs a value";
                    return result;
                }
                o.hasArgument = true;
                options.push_back(std::move(o));
                break;
            }
            options.push_back(std::move(o));
        }
    }

    ConsoleRequest &r = result.request;
    r.name.clear();
    std::string method;
    std::vector<std::string> data;
    bool dataSeen = false, getMode = false, head = false, multipart = false, jsonOption = false;
    bool contentTypeRemoved = false;
    std::string dataFile, uploadFile, sigv4, user;
    bool userSeen = false;
    std::string bearer;
    bool bearerSeen = false;

    for (const Option &o : options) {
        const std::string &n = o.name;
        const std::string &a = o.argument;
        if (n == "--request") {
            method = a;
        } else if (n == "--header") {
            if (startsWith(a, "@")) {
                result.warnings.push_back("-H @file: headers from a file are not read");
                continue;
            }
            const size_t colon = a.find(':');
            const size_t semicolon = a.find(';');
            if (colon == std::string::npos && semicolon != std::string::npos && trimmed(a.substr(semicolon + 1)).empty()) {
                r.headers.push_back({trimmed(a.substr(0, semicolon)), ""}); // "Name;" sends an empty header
                continue;
            }
            if (colon == std::string::npos) {
                result.warnings.push_back("-H '" + a + "' has no ':'; ignored");
                continue;
            }
            const std::string name = trimmed(a.substr(0, colon));
            const std::string value = trimmed(a.substr(colon + 1));
            if (value.empty()) { // "Name:" removes a header curl would add
                if (lowered(name) == "content-type")
                    contentTypeRemoved = true;
                continue;
            }
            r.headers.push_back({name, value});
        } else if (n == "--data" || n == "--data-ascii" || n == "--data-binary" || n == "--data-raw" || n == "--json") {
            dataSeen = true;
            jsonOption = jsonOption || n == "--json";
            if (n != "--data-raw" && startsWith(a, "@")) {
                if (!dataFile.empty() || !data.empty())
                    result.warnings.push_back(n + " @file: only one file body is kept; the other data is dropped");
                dataFile = a.substr(1);
                if (n == "--data" || n == "--data-ascii")
                    result.warnings.push_back("-d @file: the file is sent as it is (curl would strip its newlines)");
                continue;
            }
            data.push_back(a);
        } else if (n == "--data-urlencode") {
            dataSeen = true;
            const size_t eq = a.find('=');
            if (a.find('@') != std::string::npos && (eq == std::string::npos || a.find('@') < eq)) {
                result.warnings.push_back("--data-urlencode with @file: the file is not read");
                continue;
            }
            if (eq == std::string::npos)
                data.push_back(formUrlEncoded(a));
            else if (eq == 0)
                data.push_back(formUrlEncoded(a.substr(1)));
            else
                data.push_back(a.substr(0, eq) + '=' + formUrlEncoded(a.substr(eq + 1)));
        } else if (n == "--form" || n == "--form-string") {
            multipart = true;
            const size_t eq = a.find('=');
            if (eq == std::string::npos) {
                result.warnings.push_back("-F '" + a + "' has no '='; ignored");
                continue;
            }
            ConsoleField field{a.substr(0, eq), a.substr(eq + 1)};
            if (n == "--form" && (startsWith(field.value, "@") || startsWith(field.value, "<"))) {
                if (startsWith(field.value, "<"))
                    result.warnings.push_back("-F " + field.name + "=<file: sent as a file part");
                field.value = field.value.substr(1);
                field.file = true;
            }
            if (n == "--form") {
                const size_t semi = field.value.find(';');
                if (semi != std::string::npos) {
                    result.warnings.push_back("-F " + field.name + ": '" + field.value.substr(semi + 1) +
                                              "' is not kept (the console picks the part's type)");
                    field.value.erase(semi);
                }
            }
            r.formFields.push_back(std::move(field));
        } else if (n == "--user") {
            user = a;
            userSeen = true;
        } else if (n == "--aws-sigv4") {
            sigv4 = a;
        } else if (n == "--oauth2-bearer") {
            bearer = a;
            bearerSeen = true;
        } else if (n == "--user-agent") {
            r.headers.push_back({"User-Agent", a});
        } else if (n == "--referer") {
            r.headers.push_back({"Referer", a});
        } else if (n == "--cookie") {
            if (a.find('=') != std::string::npos)
                r.headers.push_back({"Cookie", a});
            else
                result.warnings.push_back("-b " + a + ": cookies from a file are not read");
        } else if (n == "--url") {
            urls.push_back(a);
        } else if (n == "--get") {
            getMode = true;
        } else if (n == "--head") {
            head = true;
        } else if (n == "--upload-file") {
            uploadFile = a;
        } else if (n == "--compressed") {
            r.compressed = true;
        } else if (n == "--insecure") {
            r.insecure = true;
        } else if (n == "--location" || n == "--location-trusted") {
            r.followRedirects = true;
        } else if (n == "--max-time") {
            const double seconds = std::strtod(a.c_str(), nullptr);
            if (seconds > 0)
                r.timeoutMs = std::max(1, int(seconds * 1000 + 0.5));
            else
                result.warnings.push_back("--max-time " + a + " is not a positive number; ignored");
        } else if (n == "--range") {
            r.headers.push_back({"Range", "bytes=" + a});
        } else if (quietOptions().count(n)) {
            // nothing the request carries
        } else {
            result.warnings.push_back(n + " is not used by the console; ignored");
        }
    }

    if (urls.empty()) {
        result.error = "the command has no URL";
        return result;
    }
    if (urls.size() > 1)
        result.warnings.push_back("more than one URL: only " + urls.front() + " is kept");
    r.url = urls.front();
    if (r.url.find("://") == std::string::npos && !startsWith(r.url, "{{"))
        r.url = "http://" + r.url; // curl's default scheme ({{baseUrl}}/x brings its own)

    auto findHeader = [&](const char *name) -> ConsoleField * {
        for (ConsoleField &h : r.headers)
            if (lowered(h.name) == name)
                return &h;
        return nullptr;
    };

    // Body, method and the headers curl adds on its own.
    std::string joined;
    for (size_t i = 0; i < data.size(); ++i)
        joined += (i ? "&" : "") + data[i];
    std::string defaultMethod = "GET";
    if (getMode && dataSeen) {
        addUrlQuery(r.url, joined);
        if (!dataFile.empty())
            result.warnings.push_back("-G with a data file: the file is not put in the query");
    } else if (multipart) {
        r.bodyMode = "multipart";
        defaultMethod = "POST";
    } else if (!uploadFile.empty()) {
        r.bodyMode = "binary";
        r.bodyFile = uploadFile;
        defaultMethod = "PUT";
    } else if (dataSeen) {
        defaultMethod = "POST";
        if (jsonOption) {
            if (!findHeader("content-type"))
                r.headers.push_back({"Content-Type", "application/json"});
            if (!findHeader("accept"))
                r.headers.push_back({"Accept", "application/json"});
        } else if (!findHeader("content-type") && !contentTypeRemoved) {
            r.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
        }
        if (!dataFile.empty()) {
            r.bodyMode = "binary";
            r.bodyFile = dataFile;
        } else {
            const ConsoleField *type = findHeader("content-type");
            r.bodyMode = type && isJsonContentType(type->value) ? "json" : "raw";
            r.body = joined;
        }
    }
    if (head)
        defaultMethod = "HEAD";
    r.method = method.empty() ? defaultMethod : method;

    if (userSeen) {
        const size_t colon = user.find(':');
        const std::string name = user.substr(0, colon);
        const std::string secret = colon == std::string::npos ? "" : user.substr(colon + 1);
        if (!sigv4.empty()) {
            // "aws:amz:REGION:SERVICE" (curl's --aws-sigv4 provider1[:provider2[:region[:service]]])
            std::vector<std::string> parts;
            size_t start = 0;
            for (size_t at; (at = sigv4.find(':', start)) != std::string::npos; start = at + 1)
                parts.push_back(sigv4.substr(start, at - start));
            parts.push_back(sigv4.substr(start));
            r.auth.type = "sigv4";
            r.auth.username = name;
            r.auth.password = secret;
            if (parts.size() > 2 && !parts[2].empty())
                r.auth.region = parts[2];
            if (parts.size() > 3 && !parts[3].empty())
                r.auth.service = parts[3];
            for (auto it = r.headers.begin(); it != r.headers.end(); ++it)
                if (lowered(it->name) == "x-amz-security-token") {
                    r.auth.sessionToken = it->value;
                    r.headers.erase(it);
                    break;
                }
        } else {
            r.auth.type = "basic";
            r.auth.username = name;
            r.auth.password = secret;
        }
    } else if (!sigv4.empty()) {
        result.warnings.push_back("--aws-sigv4 without -u: no key to sign with; not signed");
    }
    if (bearerSeen && r.auth.type == "none") {
        r.auth.type = "bearer";
        r.auth.value = bearer;
    }

    // A name the request list can show: "GET /orders".
    std::string path = r.url.substr(r.url.find("://") + 3);
    const size_t slash = path.find('/');
    path = slash == std::string::npos ? "/" : path.substr(slash);
    r.name = r.method + " " + path.substr(0, path.find('?'));
    result.ok = true;
    return result;
}

std::string shellQuote(const std::string &word)
{
    static const std::string safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@%+=,";
    if (!word.empty() && word.find_first_not_of(safe) == std::string::npos)
        return word;
    std::string out = "'";
    for (char c : word) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += '\'';
    return out;
}

std::string curlCommandFor(const ConsoleRequest &r)
{
    std::string out = "curl";
    auto add = [&](const std::string &option, const std::string &value) {
        out += ' ';
        out += option;
        out += ' ';
        out += shellQuote(value);
    };
    auto flag = [&](const char *option) {
        out += ' ';
        out += option;
    };
    const bool multipart = r.bodyMode == "multipart";
    const bool fileBody = r.bodyMode == "binary" && !r.bodyFile.empty();
    const bool textBody = r.bodyMode == "raw" || r.bodyMode == "json" || r.bodyMode == "form";
    const bool hasBody = multipart || fileBody || textBody;
    if (r.method == "HEAD")
        flag("-I");
    else if (!((r.method == "GET" && !hasBody) || (r.method == "POST" && hasBody)))
        add("-X", r.method);
    out += ' ';
    out += shellQuote(r.url);

    bool hasContentType = false;
    for (const ConsoleField &h : r.headers) {
        if (!h.enabled || h.name.empty())
            continue;
        if (lowered(h.name) == "content-type")
            hasContentType = true;
        add("-H", h.value.empty() ? h.name + ";" : h.name + ": " + h.value);
    }
    if (r.auth.type == "apiKey" && !r.auth.value.empty())
        add("-H", r.auth.headerName + ": " + r.auth.value);
    else if (r.auth.type == "bearer")
        add("--oauth2-bearer", r.auth.value);
    else if (r.auth.type == "basic")
        add("-u", r.auth.username + ":" + r.auth.password);
    else if (r.auth.type == "sigv4") {
        add("--aws-sigv4", "aws:amz:" + r.auth.region + ":" + r.auth.service);
        add("-u", r.auth.username + ":" + r.auth.password);
        if (!r.auth.sessionToken.empty())
            add("-H", "x-amz-security-token: " + r.auth.sessionToken);
    }

    if (multipart) {
        for (const ConsoleField &f : r.formFields) {
            if (!f.enabled)
                continue;
            const bool literal = !f.file && (startsWith(f.value, "@") || startsWith(f.value, "<") ||
                                             f.value.find(';') != std::string::npos);
            if (literal)
                add("--form-string", f.name + "=" + f.value);
            else
                add("-F", f.name + "=" + (f.file ? "@" : "") + f.value);
        }
    } else if (hasBody) {
        // The console sends exactly its own Content-Type; curl's -d would add one of its own.
        if (!hasContentType) {
            if (r.bodyMode == "json")
                add("-H", "Content-Type: application/json");
            else if (r.bodyMode == "form")
                add("-H", "Content-Type: application/x-www-form-urlencoded");
            else
                add("-H", "Content-Type:");
        }
        if (fileBody) {
            add("--data-binary", "@" + r.bodyFile);
        } else if (r.bodyMode == "form") {
            std::string joined;
            for (const ConsoleField &f : r.formFields)
                if (f.enabled)
                    joined += (joined.empty() ? "" : "&") + formUrlEncoded(f.name) + "=" + formUrlEncoded(f.value);
            add("--data-raw", joined);
        } else {
            add("--data-raw", r.body);
        }
    }
    if (r.compressed)
        flag("--compressed");
    if (r.insecure)
        flag("-k");
    if (r.followRedirects)
        flag("-L");
    if (r.timeoutMs != ConsoleRequest{}.timeoutMs) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%g", r.timeoutMs / 1000.0);
        add("-m", seconds);
    }
    return out;
}

} // namespace gw
