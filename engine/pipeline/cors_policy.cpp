#include "cors_policy.h"

namespace gw {

namespace {

QByteArray joined(const std::vector<std::string> &values)
{
    QByteArray out;
    for (const std::string &value : values) {
        if (!out.isEmpty())
            out += ',';
        out += QByteArray::fromStdString(value);
    }
    return out;
}

bool isAccessControlHeader(const QByteArray &name)
{
    return name.size() > 15 && qstrnicmp(name.constData(), 15, "access-control-", 15) == 0;
}

} // namespace

CorsPolicy::CorsPolicy(const Cors &cors)
    : m_credentials(cors.allowCredentials), m_allowMethods(joined(cors.allowMethods)),
      m_allowHeaders(joined(cors.allowHeaders)), m_exposeHeaders(joined(cors.exposeHeaders))
{
    for (const std::string &origin : cors.allowOrigins) {
        const QByteArray lower = QByteArray::fromStdString(origin).toLower();
        if (lower == "*")
            m_anyOrigin = true;
        else if (lower == "https://*" || lower == "http://*")
            m_schemePrefixes.push_back(lower.chopped(1));
        else
            m_exactOrigins.push_back(lower);
    }
    if (cors.maxAge && *cors.maxAge > 0)
        m_maxAge = QByteArray::number(*cors.maxAge);
}

bool CorsPolicy::allowsOrigin(QByteArrayView origin) const
{
    if (origin.isEmpty())
        return false;
    if (m_anyOrigin)
        return true;
    for (const QByteArray &exact : m_exactOrigins)
        if (exact.size() == origin.size() && qstrnicmp(exact.constData(), exact.size(), origin.data(), origin.size()) == 0)
            return true;
    for (const QByteArray &prefix : m_schemePrefixes)
        if (origin.size() > prefix.size() && qstrnicmp(prefix.constData(), prefix.size(), origin.data(), prefix.size()) == 0)
            return true;
    return false;
}

bool CorsPolicy::isPreflight(const HttpRequest &request)
{
    return request.method == "OPTIONS" && !request.header("origin").isEmpty() &&
           !request.header("access-control-request-method").isEmpty();
}

void CorsPolicy::apply(const HttpRequest &request, HttpResponse &response) const
{
    // "If you configure CORS for an API, API Gateway ignores CORS headers returned from your
    // backend integration" (http-api-cors.html).
    std::erase_if(response.headers, [](const HttpHeader &h) { return isAccessControlHeader(h.name); });
    const QByteArray origin = request.header("origin");
    if (!allowsOrigin(origin))
        return;
    // "*" answers "*" unless credentials are allowed, where browsers refuse a wildcard.
    response.addHeader(QByteArrayLiteral("Access-Control-Allow-Origin"),
                       m_anyOrigin && !m_credentials ? QByteArrayLiteral("*") : origin);
    if (m_credentials)
        response.addHeader(QByteArrayLiteral("Access-Control-Allow-Credentials"), QByteArrayLiteral("true"));
    if (isPreflight(request)) {
        if (!m_allowMethods.isEmpty())
            response.addHeader(QByteArrayLiteral("Access-Control-Allow-Methods"), m_allowMethods);
        if (!m_allowHeaders.isEmpty())
            response.addHeader(QByteArrayLiteral("Access-Control-Allow-Headers"), m_allowHeaders);
        if (!m_maxAge.isEmpty())
            response.addHeader(QByteArrayLiteral("Access-Control-Max-Age"), m_maxAge);
    } else if (!m_exposeHeaders.isEmpty()) {
        response.addHeader(QByteArrayLiteral("Access-Control-Expose-Headers"), m_exposeHeaders);
    }
}

} // namespace gw
