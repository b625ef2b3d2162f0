#include "backend_trust_store.h"

#include <QSslCertificate>

namespace gw {

QString extraTrustSource()
{
    return qEnvironmentVariable("SSL_CERT_FILE");
}

const QSslConfiguration &backendTlsConfiguration()
{
    static const QSslConfiguration configuration = [] {
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        c.setPeerVerifyMode(QSslSocket::VerifyPeer);
        const QString file = extraTrustSource();
        if (!file.isEmpty()) {
            const QList<QSslCertificate> extra = QSslCertificate::fromPath(file, QSsl::Pem);
            if (extra.isEmpty())
                qWarning("SSL_CERT_FILE=%s holds no PEM certificate: https backends are checked against the system's "
                         "trust store only", qPrintable(file));
            // The system's roots are listed once here: adding certificates stops Qt's on-demand loading.
            c.setCaCertificates(QSslConfiguration::systemCaCertificates() + extra);
        }
        return c;
    }();
    return configuration;
}

} // namespace gw
