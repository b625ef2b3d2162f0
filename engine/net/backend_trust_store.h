#pragma once
// The issuers an https:// integration endpoint may present a certificate from: the system's trust
// store, as the service trusts the public CAs, plus the PEM certificates in the file SSL_CERT_FILE
// names (the variable curl, Python and OpenSSL read), so a local backend's private CA can be
// trusted without turning verification off.
#include <QSslConfiguration>

namespace gw {

// Loaded once per process, on the first https:// connection.
const QSslConfiguration &backendTlsConfiguration();

// What backendTlsConfiguration() added from SSL_CERT_FILE, for messages ("" when unset).
QString extraTrustSource();

} // namespace gw
