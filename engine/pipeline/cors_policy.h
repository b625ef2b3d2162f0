#pragma once
// An HTTP API's corsConfiguration, compiled for the request path: which origins it allows and
// the header values it answers with (http-api-cors.html). Immutable; shared by the CORS stages.
#include "../common/http_message.h"
#include "../model/project.h"

#include <optional>
#include <vector>

namespace gw {

class CorsPolicy {
public:
    explicit CorsPolicy(const Cors &cors);

    // allowOrigins entries: an exact origin, "*" (any), "https://*" or "http://*" (any origin of
    // that scheme). Origins compare without case (RFC 6454 §6.1 serialises them in lower case).
    bool allowsOrigin(QByteArrayView origin) const;
    // To return CORS headers a request must carry Origin; a preflight is an OPTIONS request with
    // Origin and Access-Control-Request-Method too.
    static bool isPreflight(const HttpRequest &request);
    // The service ignores the integration's CORS headers and adds its own to every answer to a
    // request from an allowed origin; a preflight also gets methods, headers and max age.
    void apply(const HttpRequest &request, HttpResponse &response) const;

private:
    std::vector<QByteArray> m_exactOrigins; // lower case
    std::vector<QByteArray> m_schemePrefixes; // "https://" for "https://*"
    bool m_anyOrigin = false;
    bool m_credentials = false;
    QByteArray m_allowMethods;   // joined with ","; empty: not sent
    QByteArray m_allowHeaders;
    QByteArray m_exposeHeaders;
    QByteArray m_maxAge;
};

} // namespace gw
