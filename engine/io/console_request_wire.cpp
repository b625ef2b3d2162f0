#include "console_request_wire.h"

#include "../common/percent_encoding.h"
#include "../common/sigv4.h"

#include <QFile>
#include <QFileInfo>
#include <QDir>
#include <QMimeDatabase>

#include <algorithm>
#include <cctype>

namespace gw {

namespace {

std::string lowered(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string trimmed(const std::string &s)
{
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    return s.substr(b, e - b);
}

const char kHex[] = "0123456789ABCDEF";

// What a user typed into the URL bar, made valid on the wire: a space or a non-ASCII byte is
// %-encoded, what is already encoded stays as it is.
QByteArray wireSafe(const std::string &text)
{
    QByteArray out;
    for (unsigned char c : text) {
        if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
            c == '{' || c == '|' || c == '}') {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += char(c);
        }
    }
    return out;
}

// The body of a form, encoded as curl's --data-urlencode encodes it (so "copy as curl" sends the same bytes).
QByteArray formEncoded(const std::string &text) { return QByteArray::fromStdString(percentEncode(text, kUnreserved, true)); }

bool hasHeader(const std::vector<HttpHeader> &headers, const char *name) { return !headerValue(headers, name).isNull(); }

QString resolvedPath(const std::string &path, const QString &baseDir)
{
    const QString p = QString::fromStdString(path);
    return QFileInfo(p).isAbsolute() || baseDir.isEmpty() ? p : QDir(baseDir).filePath(p);
}

} // namespace

std::string substituteVariables(const std::string &text, const ConsoleVariables &variables,
                                std::set<std::string> *unresolved)
{
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        const size_t open = text.find("{{", i);
        if (open == std::string::npos) {
            out.append(text, i, std::string::npos);
            break;
        }
        const size_t close = text.find("}}", open + 2);
        if (close == std::string::npos) {
            out.append(text, i, std::string::npos);
            break;
        }
        out.append(text, i, open - i);
        const std::string name = trimmed(text.substr(open + 2, close - open - 2));
        const auto it = variables.find(name);
        if (it != variables.end() && !name.empty()) {
            out += it->second;
        } else {
            out.append(text, open, close + 2 - open);
            if (unresolved && !name.empty())
                unresolved->insert(name);
        }
        i = close + 2;
    }
    return out;
}

ConsoleRequest substitutedRequest(const ConsoleRequest &request, const ConsoleVariables &variables,
                                  std::set<std::string> *unresolved)
{
    ConsoleRequest r = request;
    auto sub = [&](std::string &text) { text = substituteVariables(text, variables, unresolved); };
    sub(r.url);
    for (auto &[name, value] : r.pathParameters)
        sub(value);
    for (ConsoleField &h : r.headers) {
        sub(h.name);
        sub(h.value);
    }
    sub(r.body);
    for (ConsoleField &f : r.formFields) {
        sub(f.name);
        sub(f.value);
    }
    sub(r.bodyFile);
    for (std::string *text : {&r.auth.headerName, &r.auth.value, &r.auth.username, &r.auth.password,
                              &r.auth.sessionToken, &r.auth.region, &r.auth.service})
        sub(*text);

    // {name} and {name+} in the path (not in the query), as API Gateway writes them.
    const size_t schemeEnd = r.url.find("://");
    const size_t pathStart = r.url.find('/', schemeEnd == std::string::npos ? 0 : schemeEnd + 3);
    if (pathStart != std::string::npos) {
        const size_t pathEnd = std::min(r.url.find('?', pathStart), r.url.find('#', pathStart));
        std::string path = r.url.substr(pathStart, pathEnd == std::string::npos ? std::string::npos : pathEnd - pathStart);
        std::string filled;
        size_t at = 0;
        while (at < path.size()) {
            const size_t open = path.find('{', at);
            const size_t close = open == std::string::npos ? std::string::npos : path.find('}', open);
            if (close == std::string::npos) {
                filled.append(path, at, std::string::npos);
                break;
            }
            filled.append(path, at, open - at);
            std::string name = path.substr(open + 1, close - open - 1);
            const bool greedy = !name.empty() && name.back() == '+';
            if (greedy)
                name.pop_back();
            const auto it = r.pathParameters.find(name);
            if (it != r.pathParameters.end() && !it->second.empty())
                filled += percentEncode(it->second, greedy ? "-._~/" : kUnreserved);
            else
                filled.append(path, open, close + 1 - open); // left for the user to see
            at = close + 1;
        }
        r.url = r.url.substr(0, pathStart) + filled + (pathEnd == std::string::npos ? "" : r.url.substr(pathEnd));
    }
    return r;
}

HttpClientRequest httpClientRequestFor(const ConsoleWireRequest &w, int timeoutMs, bool insecure)
{
    HttpClientRequest request;
    request.host = w.host;
    request.port = w.port;
    request.method = w.method;
    request.target = w.target;
    request.headers = w.headers;
    request.hostHeader = w.hostHeader;
    request.body = w.body;
    request.timeoutMs = timeoutMs;
    request.tls.enabled = w.scheme == "https";
    request.tls.skipIssuerVerification = insecure;
    return request;
}

QByteArray consoleMultipartBoundary() { return "----GatewrightConsoleBoundary7MA4YWxkTrZu0gW"; }

ConsoleWireRequest wireRequestFor(const ConsoleRequest &r, const QString &baseDir, qint64 nowMs)
{
    ConsoleWireRequest w;
    w.method = QByteArray::fromStdString(r.method.empty() ? std::string("GET") : r.method).toUpper();

    // scheme://[userinfo@]host[:port][/path][?query][#fragment]
    const std::string url = trimmed(r.url);
    const size_t schemeEnd = url.find("://");
    if (schemeEnd == std::string::npos) {
        w.problems.push_back("the URL has no scheme (http:// or https://): " + url);
        return w;
    }
    w.scheme = QByteArray::fromStdString(lowered(url.substr(0, schemeEnd)));
    if (w.scheme != "http" && w.scheme != "https") {
        w.problems.push_back("the console sends http:// and https:// only, not " + w.scheme.toStdString() + "://");
        return w;
    }
    const size_t authorityStart = schemeEnd + 3;
    size_t authorityEnd = url.find_first_of("/?#", authorityStart);
    std::string authority = url.substr(authorityStart, authorityEnd == std::string::npos ? std::string::npos
                                                                                         : authorityEnd - authorityStart);
    if (const size_t at = authority.rfind('@'); at != std::string::npos)
        authority.erase(0, at + 1);
    std::string host = authority, port;
    if (!authority.empty() && authority[0] == '[') {
        const size_t close = authority.find(']');
        if (close == std::string::npos) {
            w.problems.push_back("the URL's IPv6 address has no closing ']'");
            return w;
        }
        host = authority.substr(1, close - 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':')
            port = authority.substr(close + 2);
    } else if (const size_t colon = authority.rfind(':'); colon != std::string::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty()) {
        w.problems.push_back("the URL has no host: " + url);
        return w;
    }
    if (host.find("{{") != std::string::npos || url.find("{{") != std::string::npos) {
        w.problems.push_back("the URL still has a {{variable}} without a value: " + url);
        return w;
    }
    w.host = QByteArray::fromStdString(host);
    const quint16 defaultPort = w.scheme == "https" ? 443 : 80;
    w.port = defaultPort;
    if (!port.empty()) {
        bool ok = false;
        const uint value = QByteArray::fromStdString(port).toUInt(&ok);
        if (!ok || value == 0 || value > 65535) {
            w.problems.push_back("the URL's port is not a number from 1 to 65535: " + port);
            return w;
        }
        w.port = quint16(value);
    }
    const bool ipv6 = host.find(':') != std::string::npos;
    w.hostHeader = (ipv6 ? "[" + w.host + "]" : w.host);
    if (w.port != defaultPort)
        w.hostHeader += ':' + QByteArray::number(w.port);
    std::string target = authorityEnd == std::string::npos ? "" : url.substr(authorityEnd);
    if (const size_t hash = target.find('#'); hash != std::string::npos)
        target.erase(hash);
    if (target.empty() || target[0] == '?')
        target.insert(0, "/");
    w.target = wireSafe(target);

    for (const ConsoleField &h : r.headers) {
        if (!h.enabled || trimmed(h.name).empty())
            continue;
        w.headers.push_back({QByteArray::fromStdString(trimmed(h.name)), QByteArray::fromStdString(h.value)});
    }

    auto readFile = [&](const std::string &path, QByteArray *into) {
        QFile file(resolvedPath(path, baseDir));
        if (path.empty() || !file.open(QIODevice::ReadOnly)) {
            w.problems.push_back("cannot read the body file '" + path + "'" +
                                 (path.empty() ? "" : ": " + file.errorString().toStdString()));
            return false;
        }
        *into = file.readAll();
        return true;
    };
    auto setDefaultType = [&](const QByteArray &type) {
        if (!hasHeader(w.headers, "content-type"))
            w.headers.push_back({"Content-Type", type});
    };
    if (r.bodyMode == "raw") {
        w.body = QByteArray::fromStdString(r.body);
    } else if (r.bodyMode == "json") {
        w.body = QByteArray::fromStdString(r.body);
        setDefaultType("application/json");
    } else if (r.bodyMode == "form") {
        for (const ConsoleField &f : r.formFields) {
            if (!f.enabled)
                continue;
            if (!w.body.isEmpty())
                w.body += '&';
            w.body += formEncoded(f.name) + '=' + formEncoded(f.value);
        }
        setDefaultType("application/x-www-form-urlencoded");
    } else if (r.bodyMode == "multipart") {
        const QByteArray boundary = consoleMultipartBoundary();
        static const QMimeDatabase mimes;
        for (const ConsoleField &f : r.formFields) {
            if (!f.enabled)
                continue;
            QByteArray name = QByteArray::fromStdString(f.name).replace('"', "%22");
            w.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + '"';
            if (f.file) {
                QByteArray content;
                if (!readFile(f.value, &content))
                    continue;
                const QString path = resolvedPath(f.value, baseDir);
                w.body += "; filename=\"" + QFileInfo(path).fileName().toUtf8().replace('"', "%22") + "\"\r\n";
                w.body += "Content-Type: " + mimes.mimeTypeForFile(path).name().toLatin1() + "\r\n\r\n";
                w.body += content;
            } else {
                w.body += "\r\n\r\n" + QByteArray::fromStdString(f.value);
            }
            w.body += "\r\n";
        }
        w.body += "--" + boundary + "--\r\n";
        setDefaultType("multipart/form-data; boundary=" + boundary);
    } else if (r.bodyMode == "binary") {
        readFile(r.bodyFile, &w.body);
    }
    if (r.compressed && !hasHeader(w.headers, "accept-encoding"))
        w.headers.push_back({"Accept-Encoding", "deflate, gzip"});

    const ConsoleAuth &auth = r.auth;
    if (auth.type == "apiKey") {
        if (!auth.value.empty())
            w.headers.push_back({QByteArray::fromStdString(auth.headerName.empty() ? "x-api-key" : auth.headerName),
                                 QByteArray::fromStdString(auth.value)});
    } else if (auth.type == "bearer") {
        w.headers.push_back({"Authorization", "Bearer " + QByteArray::fromStdString(auth.value)});
    } else if (auth.type == "basic") {
        w.headers.push_back({"Authorization",
                             "Basic " + QByteArray::fromStdString(auth.username + ":" + auth.password).toBase64()});
    } else if (auth.type == "sigv4") {
        if (auth.username.empty() || auth.password.empty()) {
            w.problems.push_back("SigV4 signing needs an access key id and a secret access key");
            return w;
        }
        const QByteArray amzDate = sigV4AmzDate(nowMs);
        w.headers.push_back({"X-Amz-Date", amzDate});
        if (!auth.sessionToken.empty())
            w.headers.push_back({"X-Amz-Security-Token", QByteArray::fromStdString(auth.sessionToken)});
        SigV4Request toSign;
        toSign.method = w.method;
        const qsizetype q = w.target.indexOf('?');
        toSign.path = q < 0 ? w.target : w.target.left(q);
        toSign.query = q < 0 ? QByteArray() : w.target.mid(q + 1);
        toSign.headers.push_back({"host", w.hostHeader});
        for (const HttpHeader &h : w.headers)
            if (h.name.startsWith("X-Amz-"))
                toSign.headers.push_back(h);
        toSign.payloadHash = sigV4PayloadHash(w.body);
        const SigV4Scope scope{auth.region, auth.service, amzDate, auth.service == "s3"};
        const SigV4Credentials credentials{QByteArray::fromStdString(auth.username),
                                           QByteArray::fromStdString(auth.password),
                                           QByteArray::fromStdString(auth.sessionToken)};
        w.headers.push_back({"Authorization", sigV4Authorization(toSign, scope, credentials)});
    }
    return w;
}

} // namespace gw
