#include "local_ca.h"

#include <QCryptographicHash>

#include "../common/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <mutex>

namespace gw {

namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

// Browsers and Node refuse server certificates valid for longer than 398 days.
constexpr long kServerDays = 397;
constexpr long kCaDays = 3650;
constexpr long kRenewBeforeDays = 30;

QByteArray pemOf(X509 *cert)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    return pem;
}

QByteArray pemOf(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    return pem;
}

KeyPtr readKey(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return KeyPtr(key, EVP_PKEY_free);
}

CertPtr readCert(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    X509 *cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return CertPtr(cert, X509_free);
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

// A certificate for key, named commonName, signed by issuerKey (itself when issuer is null).
CertPtr makeCertificate(EVP_PKEY *key, const char *commonName, X509 *issuer, EVP_PKEY *issuerKey, long days, bool isCa)
{
    CertPtr cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7F; // positive
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), days * 24 * 3600);
    X509_set_pubkey(cert.get(), key);
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("Gatewright"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0);
    X509 *signer = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
    bool ok = addExtension(cert.get(), signer, NID_subject_key_identifier, "hash");
    if (isCa) {
        ok = ok && addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
             addExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE") &&
             addExtension(cert.get(), signer, NID_key_usage, "critical,digitalSignature,keyEncipherment") &&
             addExtension(cert.get(), signer, NID_ext_key_usage, "serverAuth") &&
             addExtension(cert.get(), signer, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1") &&
             addExtension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
    }
    if (!ok || X509_sign(cert.get(), issuerKey ? issuerKey : key, EVP_sha256()) <= 0)
        return CertPtr(nullptr, X509_free);
    return cert;
}

// Valid for at least `days` more days.
bool validFor(X509 *cert, long days)
{
    if (!cert)
        return false;
    ASN1_TIME *limit = ASN1_TIME_adj(nullptr, time(nullptr), int(days), 0);
    const int cmp = ASN1_TIME_compare(X509_get0_notAfter(cert), limit);
    ASN1_TIME_free(limit);
    return cmp > 0;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes, bool secret)
{
    if (!writeFileAtomically(path, bytes).isEmpty())
        return false;
    if (secret)
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

LocalCertificate make()
{
    LocalCertificate out;
    QString dir = qEnvironmentVariable("GATEWRIGHT_CA_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/gatewright/ca");
    out.directory = dir;
    if (!QDir().mkpath(dir)) {
        out.error = QStringLiteral("cannot create %1").arg(dir);
        return out;
    }
    out.caFile = dir + QStringLiteral("/gatewright-local-ca.pem");
    const QString caKeyFile = dir + QStringLiteral("/gatewright-local-ca.key");
    const QString serverFile = dir + QStringLiteral("/localhost.pem");
    const QString serverKeyFile = dir + QStringLiteral("/localhost.key");
    out.bundleFile = dir + QStringLiteral("/trusted-bundle.pem");

    KeyPtr caKey = readKey(readFile(caKeyFile));
    CertPtr ca = readCert(readFile(out.caFile));
    bool freshCa = false;
    if (!caKey || !validFor(ca.get(), kRenewBeforeDays) || X509_check_private_key(ca.get(), caKey.get()) != 1) {
        caKey = KeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
        ca = caKey ? makeCertificate(caKey.get(), "Gatewright local CA", nullptr, nullptr, kCaDays, true) : CertPtr(nullptr, X509_free);
        if (!ca || !writeFile(caKeyFile, pemOf(caKey.get()), true) || !writeFile(out.caFile, pemOf(ca.get()), false)) {
            out.error = QStringLiteral("cannot make the local CA in %1").arg(dir);
            return out;
        }
        freshCa = true;
    }
    KeyPtr serverKey = readKey(readFile(serverKeyFile));
    CertPtr server = readCert(readFile(serverFile));
    const bool signedByCa = server && X509_verify(server.get(), X509_get0_pubkey(ca.get())) == 1;
    if (freshCa || !serverKey || !signedByCa || !validFor(server.get(), kRenewBeforeDays)) {
        serverKey = KeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
        server = serverKey ? makeCertificate(serverKey.get(), "localhost", ca.get(), caKey.get(), kServerDays, false)
                           : CertPtr(nullptr, X509_free);
        if (!server || !writeFile(serverKeyFile, pemOf(serverKey.get()), true) || !writeFile(serverFile, pemOf(server.get()), false)) {
            out.error = QStringLiteral("cannot make the localhost certificate in %1").arg(dir);
            return out;
        }
    }
    // The system's issuers stay trusted where a variable replaces the trust store (SSL_CERT_FILE).
    QByteArray bundle = readFile(QStringLiteral("/etc/ssl/certs/ca-certificates.crt"));
    if (!bundle.isEmpty() && !bundle.endsWith('\n'))
        bundle += '\n';
    bundle += pemOf(ca.get());
    if (readFile(out.bundleFile) != bundle)
        writeFile(out.bundleFile, bundle, false);

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain({QSslCertificate(pemOf(server.get())), QSslCertificate(pemOf(ca.get()))});
    tls.setPrivateKey(QSslKey(pemOf(serverKey.get()), QSsl::Ec));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    out.server = tls;
    return out;
}

} // namespace

const LocalCertificate &localCertificate()
{
    static std::once_flag once;
    static LocalCertificate certificate;
    std::call_once(once, [] { certificate = make(); });
    return certificate;
}

QString bundleWithLocalCa(const QString &userBundle)
{
    const LocalCertificate &ca = localCertificate();
    if (!ca.ok())
        return userBundle;
    QByteArray bundle = readFile(userBundle);
    if (bundle.isEmpty())
        return userBundle; // not a file we can read: the user's setting stays as it is
    if (!bundle.endsWith('\n'))
        bundle += '\n';
    bundle += readFile(ca.caFile);
    // One file per bundle named, rewritten only when what it holds changed.
    const QString path = ca.directory + QStringLiteral("/bundle-") +
                         QString::fromLatin1(QCryptographicHash::hash(userBundle.toUtf8(), QCryptographicHash::Sha256).toHex().left(16)) +
                         QStringLiteral(".pem");
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (readFile(path) != bundle && !writeFile(path, bundle, false))
        return userBundle;
    return path;
}

} // namespace gw
