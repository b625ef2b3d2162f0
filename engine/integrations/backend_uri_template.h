#pragma once
// An HTTP_PROXY integration's URI ("http[s]://host:port/items/{id}/{proxy}?a=b"), parsed once:
// the connection target, and the path as literal pieces and {variables} to fill per request.
#include <QByteArray>
#include <QString>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gw {

class BackendUriTemplate {
public:
    // Parsed templates are cached per thread: integrations are few, requests many.
    static std::shared_ptr<const BackendUriTemplate> forUri(const std::string &uri);
    explicit BackendUriTemplate(const std::string &uri);

    bool isValid() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    const QByteArray &host() const { return m_host; }
    quint16 port() const { return m_port; }
    bool isTls() const { return m_tls; } // https://
    const QByteArray &hostHeader() const { return m_hostHeader; } // host, plus :port when the URI names one
    const QByteArray &connectionKey() const { return m_connectionKey; } // "host:port", always with the port
    const QByteArray &query() const { return m_query; }           // encoded, without '?'

    // The encoded path with variables filled: the value of a greedy variable (the route's
    // {name+}, or {name+} here) keeps its slashes, a plain one has them encoded. Variables
    // without a value are left as written.
    QByteArray path(const std::map<std::string, std::string> &values, const std::string &routeKey) const;
    // The request-target for one request: variables substituted; for the $default route the
    // client's whole path appended; the client's query string kept
    // (http-api-develop-routes.html, http-api-develop-integrations-http.html).
    QByteArray targetFor(const std::map<std::string, std::string> &pathParameters, const std::string &routeKey,
                         const QByteArray &pathWithoutStage, const QByteArray &clientQuery) const;

private:
    struct Piece {
        QByteArray literal;   // encoded text (literal pieces)
        std::string variable = {}; // the variable's name (variable pieces)
        bool greedy = false;
    };
    QString m_error;
    QByteArray m_host;
    quint16 m_port = 80;
    bool m_tls = false;
    QByteArray m_hostHeader;
    QByteArray m_connectionKey;
    QByteArray m_query;
    std::vector<Piece> m_path;
};

} // namespace gw
