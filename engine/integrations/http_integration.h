#pragma once
// An HTTP endpoint as an integration (HTTP_PROXY today; HTTP with templates in the REST issue):
// the request goes upstream over a pooled keep-alive connection of the calling thread, and the
// backend's answer (or why there is none) comes back.
#include "../api/clock.h"
#include "../api/integration_backend.h"
#include "backend_uri_template.h"

#include <memory>

namespace gw {

class HttpIntegration : public IntegrationBackend {
public:
    struct Tls {
        QByteArray serverName;            // serverNameToVerify
        bool skipIssuerVerification = false;
    };
    HttpIntegration(std::shared_ptr<const BackendUriTemplate> backend, Tls tls, ClockPtr clock);
    const char *kind() const override { return "http"; }
    // Call on the request's thread (the connection pool is per thread); done runs on it too.
    void invoke(IntegrationRequest request, IntegrationDone done) const override;
    QByteArray endpointUri(const IntegrationRequest &request, const std::string &region, const std::string &account) const override;
    const BackendUriTemplate &backend() const { return *m_backend; }

private:
    std::shared_ptr<const BackendUriTemplate> m_backend;
    Tls m_tls;
    ClockPtr m_clock;
};

} // namespace gw
