#include "http_integration.h"

#include "../net/http_client.h"

namespace gw {

HttpIntegration::HttpIntegration(std::shared_ptr<const BackendUriTemplate> backend, Tls tls, ClockPtr clock)
    : m_backend(std::move(backend)), m_tls(std::move(tls)), m_clock(std::move(clock))
{
}

QByteArray HttpIntegration::endpointUri(const IntegrationRequest &request, const std::string &, const std::string &) const
{
    return (m_backend->isTls() ? "https://" : "http://") + m_backend->hostHeader() + request.target;
}

void HttpIntegration::invoke(IntegrationRequest request, IntegrationDone done) const
{
    HttpClientRequest upstream;
    upstream.host = m_backend->host();
    upstream.port = m_backend->port();
    upstream.method = std::move(request.method);
    upstream.target = std::move(request.target);
    upstream.hostHeader = m_backend->hostHeader();
    upstream.connectionKey = m_backend->connectionKey();
    upstream.headers = std::move(request.headers);
    upstream.body = std::move(request.body);
    upstream.timeoutMs = request.timeoutMs;
    upstream.clock = m_clock;
    if (m_backend->isTls()) {
        upstream.tls.enabled = true;
        upstream.tls.serverName = m_tls.serverName;
        upstream.tls.skipIssuerVerification = m_tls.skipIssuerVerification;
    }
    HttpClientPool::forCurrentThread()->send(std::move(upstream), [done = std::move(done)](HttpClientResult result) {
        IntegrationResult out;
        switch (result.outcome) {
        case HttpClientResult::Outcome::Response:
            out.kind = IntegrationResult::Kind::Http;
            out.response.status = result.status;
            out.response.headers = std::move(result.headers);
            out.response.body = std::move(result.body);
            break;
        case HttpClientResult::Outcome::Timeout:
            out.kind = IntegrationResult::Kind::Failed;
            out.failure = IntegrationResult::Failure::TimedOut;
            out.failureMessage = result.error;
            break;
        default:
            out.kind = IntegrationResult::Kind::Failed;
            out.failure = IntegrationResult::Failure::Unreachable;
            out.failureMessage = QStringLiteral("Could not reach the integration endpoint: %1").arg(result.error);
            break;
        }
        done->receive(std::move(out));
    });
}

} // namespace gw
