#pragma once
// The local certificate authority Gatewright creates once per user, and the server certificate it
// signs for localhost, 127.0.0.1 and ::1. WebSocket API ports answer TLS with it (so SDK code that
// builds https://{domainName}/{stage} reaches @connections), and function processes are told to
// trust it (NODE_EXTRA_CA_CERTS, AWS_CA_BUNDLE, REQUESTS_CA_BUNDLE, SSL_CERT_FILE).
// The files live in $GATEWRIGHT_CA_DIR, else in the user's data folder (…/gatewright/ca).
#include <QSslConfiguration>
#include <QString>

namespace gw {

struct LocalCertificate {
    QString directory;
    QString caFile;      // the CA's certificate (PEM): what a client trusts
    QString bundleFile;  // the system's trusted issuers plus the CA: for variables that replace the trust store
    QSslConfiguration server; // the server certificate (chain to the CA) and its key
    QString error;       // non-empty: nothing could be made (then no TLS is offered)
    bool ok() const { return error.isEmpty(); }
};

// Made (or read back) once per process; thread-safe.
const LocalCertificate &localCertificate();
// A bundle holding the user's own (a file AWS_CA_BUNDLE or the like already names) and the local
// CA, so functions trust both; the user's file itself when it cannot be read. Thread-safe.
QString bundleWithLocalCa(const QString &userBundle);

} // namespace gw
