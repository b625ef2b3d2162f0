#include "backend_uri_template.h"

#include "../common/byte_append.h"

#include <QUrl>
#include <cctype>
#include <cstring>
#include <unordered_map>

namespace gw {

namespace {
// Percent-encodes what a URI may not carry as written, keeping `keep` and the %XX escapes the user
// already wrote (QByteArray::toPercentEncoding would encode their '%' again).
QByteArray encodeKeepingEscapes(const QByteArray &text, const char *keep)
{
    static const char kHex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool escape = c == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                            std::isxdigit(static_cast<unsigned char>(text[i + 2]));
        if (std::isalnum(c) || (c && std::strchr(keep, c)) || escape) {
            out += char(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xf];
        }
    }
    return out;
}
constexpr char kSegmentKeep[] = "!$&'()*+,;=:@-._~";
constexpr char kPathKeep[] = "/!$&'()*+,;=:@-._~";
constexpr char kQueryKeep[] = "/?!$&'()*+,;=:@-._~";
} // namespace

std::shared_ptr<const BackendUriTemplate> BackendUriTemplate::forUri(const std::string &uri)
{
    thread_local std::unordered_map<std::string, std::shared_ptr<const BackendUriTemplate>> cache;
    auto found = cache.find(uri);
    if (found != cache.end())
        return found->second;
    if (cache.size() >= 256) // edited projects leave stale entries behind
        cache.clear();
    auto parsed = std::make_shared<const BackendUriTemplate>(uri);
    cache.emplace(uri, parsed);
    return parsed;
}

BackendUriTemplate::BackendUriTemplate(const std::string &uri)
{
    const QByteArray text = QByteArray::fromStdString(uri);
    // Validate the shape with QUrl, variables standing in as plain text.
    QByteArray probe = text;
    probe.replace('{', "").replace('}', "").replace('+', "");
    const QUrl url(QString::fromUtf8(probe));
    const bool https = url.scheme() == QLatin1String("https");
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && !https) || url.host().isEmpty()) {
        m_error = QStringLiteral("integration uri '%1' is not an http:// or https:// URL").arg(QString::fromUtf8(text));
        return;
    }
    m_tls = https;
    m_host = url.host(QUrl::FullyEncoded).toLatin1();
    m_port = quint16(url.port(https ? 443 : 80));
    m_hostHeader = url.port(-1) == -1 ? m_host : m_host + ':' + QByteArray::number(m_port);
    m_connectionKey = m_host + ':' + QByteArray::number(m_port);

    // The template's own path and query, as written after the authority.
    const qsizetype authorityStart = text.indexOf("//") + 2;
    qsizetype pathStart = authorityStart;
    while (pathStart < text.size() && text[pathStart] != '/' && text[pathStart] != '?' && text[pathStart] != '#')
        ++pathStart;
    qsizetype queryStart = text.indexOf('?', pathStart);
    qsizetype fragment = text.indexOf('#', pathStart);
    if (fragment < 0)
        fragment = text.size();
    if (queryStart < 0 || queryStart > fragment)
        queryStart = fragment;
    if (queryStart < fragment)
        m_query = encodeKeepingEscapes(text.mid(queryStart + 1, fragment - queryStart - 1), kQueryKeep);
    const QByteArray path = text.mid(pathStart, queryStart - pathStart);
    qsizetype i = 0;
    while (i < path.size()) {
        const qsizetype open = path.indexOf('{', i);
        const qsizetype close = open < 0 ? -1 : path.indexOf('}', open);
        if (open < 0 || close < 0) {
            m_path.push_back({encodeKeepingEscapes(path.mid(i), kPathKeep)});
            break;
        }
        if (open > i)
            m_path.push_back({encodeKeepingEscapes(path.mid(i, open - i), kPathKeep)});
        QByteArray name = path.mid(open + 1, close - open - 1);
        const bool greedy = name.endsWith('+');
        if (greedy)
            name.chop(1);
        if (name.isEmpty()) // "{}" or "{+}": no variable, kept as written
            m_path.push_back({path.mid(open, close - open + 1)});
        else
            m_path.push_back({{}, name.toStdString(), greedy});
        i = close + 1;
    }
}

QByteArray BackendUriTemplate::path(const std::map<std::string, std::string> &values, const std::string &routeKey) const
{
    QByteArray out;
    for (const Piece &piece : m_path) {
        if (piece.variable.empty()) {
            out += piece.literal;
            continue;
        }
        const auto found = values.find(piece.variable);
        if (found == values.end()) {
            out += '{' + QByteArray::fromStdString(piece.variable) + (piece.greedy ? "+}" : "}");
            continue;
        }
        const bool greedy = piece.greedy || routeKey.find('{' + piece.variable + "+}") != std::string::npos;
        out += QByteArray::fromStdString(found->second).toPercentEncoding(greedy ? kPathKeep : kSegmentKeep);
    }
    return out;
}

QByteArray BackendUriTemplate::targetFor(const std::map<std::string, std::string> &pathParameters,
                                         const std::string &routeKey, const QByteArray &pathWithoutStage,
                                         const QByteArray &clientQuery) const
{
    QByteArray target = path(pathParameters, routeKey);
    if (routeKey == "$default") {
        // "$default ... API Gateway sends the full request path to the integration".
        if (target.endsWith('/'))
            target.chop(1);
        target += pathWithoutStage;
    }
    if (target.isEmpty())
        target = "/";
    if (m_query.isEmpty() && clientQuery.isEmpty())
        return target;
    QByteArray query = m_query;
    if (!clientQuery.isEmpty())
        query = query.isEmpty() ? clientQuery : query + '&' + clientQuery;
    appendAll(target, {"?", query});
    return target;
}

} // namespace gw
