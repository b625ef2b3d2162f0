#include "http_client.h"

#include "backend_trust_store.h"

#include "../common/clocks.h"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QThreadStorage>

namespace gw {

class HttpClientConnection : public QObject {
public:
    HttpClientConnection(HttpClientPool *pool, QByteArray key, const HttpClientTls &tls, const ClockPtr &clock)
        : QObject(pool), m_pool(pool), m_key(std::move(key)), m_tls(tls)
    {
        // One timer per connection, re-armed per request, on the injected clock.
        m_timer = (clock ? clock : systemClock())->createTimer(this, [this] { fail(HttpClientResult::Outcome::Timeout, "timed out"); });
        // Plain HTTP keeps a bare QTcpSocket: QSslSocket wraps one and would cost a second buffer.
        if (m_tls.enabled)
            m_socket = makeTlsSocket();
        else
            m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, [this] {
            m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            if (m_timed && !m_tls.enabled)
                m_timings.connectNs = m_clock.nsecsElapsed();
        });
        if (m_tls.enabled)
            connect(static_cast<QSslSocket *>(m_socket), &QSslSocket::encrypted, this, [this] {
                if (m_timed)
                    m_timings.connectNs = m_clock.nsecsElapsed();
            });
        connect(m_socket, &QTcpSocket::readyRead, this, &HttpClientConnection::onReadyRead);
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (!m_callback) {
                m_dead = true;
                return;
            }
            if (error == QAbstractSocket::RemoteHostClosedError) {
                m_parser.finish(); // a response delimited by the connection's end
                if (!m_parser.responses().empty()) {
                    deliver(false);
                    return;
                }
            }
            const bool connecting = !m_sentAny;
            const QString why = m_tlsError.isEmpty() ? m_socket->errorString()
                                                     : QStringLiteral("TLS handshake failed: %1").arg(m_tlsError);
            fail(connecting ? HttpClientResult::Outcome::ConnectFailed : HttpClientResult::Outcome::Closed, why);
        });
    }

    const QByteArray &key() const { return m_key; }
    bool isDead() const { return m_dead || m_socket->state() != QAbstractSocket::ConnectedState; }

    void start(const HttpClientRequest &request, HttpClientPool::Callback callback)
    {
        m_callback = std::move(callback);
        m_timed = request.timed;
        if (m_timed) {
            m_timings = HttpClientTimings{};
            m_timings.reusedConnection = m_socket->state() != QAbstractSocket::UnconnectedState;
            m_clock.start();
        }
        m_parser.reset(); // one parser per connection: its queue and buffers are reused
        m_parser.setExpectHeadResponse(request.method == "HEAD");
        const bool sendLength = !request.body.isEmpty() || (request.method != "GET" && request.method != "HEAD");
        qsizetype headerBytes = 0;
        for (const auto &h : request.headers)
            headerBytes += h.name.size() + h.value.size() + 4;
        QByteArray out;
        out.reserve(128 + request.method.size() + request.target.size() + request.hostHeader.size() + headerBytes +
                    request.body.size());
        char port[24], length[24];
        appendAll(out, {request.method, " ", request.target, " HTTP/1.1\r\nHost: "});
        if (request.hostHeader.isEmpty())
            appendAll(out, {request.host, ":", decimal(request.port, port), "\r\n"});
        else
            appendAll(out, {request.hostHeader, "\r\n"});
        for (const auto &h : request.headers)
            appendAll(out, {h.name, ": ", h.value, "\r\n"});
        if (sendLength)
            appendAll(out, {"Content-Length: ", decimal(request.body.size(), length), "\r\n"});
        appendAll(out, {"\r\n", request.body});
        m_timer->start(request.timeoutMs);
        if (m_socket->state() == QAbstractSocket::UnconnectedState) {
            m_sentAny = false;
            m_tlsError.clear();
            if (m_tls.enabled)
                static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(
                    QString::fromLatin1(request.host), request.port,
                    QString::fromLatin1(m_tls.serverName.isEmpty() ? request.host : m_tls.serverName));
            else
                m_socket->connectToHost(QString::fromLatin1(request.host), request.port);
        } else {
            m_sentAny = true;
        }
        m_socket->write(out); // a TLS socket holds it until the handshake is done
        if (m_sentAny)
            m_socket->flush(); // now, not on the next loop turn (a new connection sends once connected)
    }

private:
    QSslSocket *makeTlsSocket()
    {
        auto *socket = new QSslSocket(this);
        socket->setSslConfiguration(backendTlsConfiguration());
        connect(socket, &QSslSocket::sslErrors, this, [this, socket](const QList<QSslError> &errors) {
            // insecureSkipVerification: "still performs basic certificate validation, which includes
            // checking the certificate's expiration date, hostname" (AWS TlsConfig); only the issuer
            // may be untrusted.
            QList<QSslError> ignorable;
            QStringList fatal;
            for (const QSslError &error : errors) {
                if (m_tls.skipIssuerVerification && isIssuerTrustError(error.error()))
                    ignorable.append(error);
                else
                    fatal.append(error.errorString());
            }
            if (fatal.isEmpty())
                socket->ignoreSslErrors(ignorable);
            else
                m_tlsError = fatal.join(QStringLiteral("; "));
        });
        return socket;
    }

    static bool isIssuerTrustError(QSslError::SslError error)
    {
        switch (error) {
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::CertificateUntrusted:
            return true;
        default:
            return false;
        }
    }

    void onReadyRead()
    {
        m_sentAny = true;
        if (!m_callback) {
            m_socket->readAll(); // nothing asked for: drop it (the connection is not reused)
            return;
        }
        thread_local char buffer[64 * 1024]; // no array allocated per read, unlike readAll
        while (m_socket->bytesAvailable() > 0) {
            const qint64 n = m_socket->read(buffer, sizeof buffer);
            if (n <= 0)
                break;
            if (m_timed && m_timings.firstByteNs == 0)
                m_timings.firstByteNs = m_clock.nsecsElapsed();
            if (!m_parser.feed(buffer, n)) {
                fail(HttpClientResult::Outcome::ProtocolError, QString::fromLatin1(m_parser.errorText()));
                return;
            }
            if (!m_parser.responses().empty()) {
                deliver(m_parser.responses().front().keepAlive);
                return;
            }
        }
    }

    void deliver(bool reusable)
    {
        // Bytes after the response (a body on a HEAD or 204, a second response) would be read as
        // the start of the next request's response: such a connection is not reused.
        if (m_parser.responses().size() > 1 || m_parser.isMidMessage() || m_socket->bytesAvailable() > 0)
            reusable = false;
        auto parsed = std::move(m_parser.responses().front());
        m_parser.responses().pop_front();
        HttpClientResult result;
        result.status = parsed.status;
        result.headers = std::move(parsed.headers);
        result.body = std::move(parsed.body);
        finish(std::move(result), reusable);
    }

    void fail(HttpClientResult::Outcome outcome, const QString &error)
    {
        HttpClientResult result;
        result.outcome = outcome;
        result.error = error;
        m_socket->abort();
        finish(std::move(result), false);
    }

    void finish(HttpClientResult result, bool reusable)
    {
        m_timer->stop();
        if (m_timed) {
            m_timings.totalNs = m_clock.nsecsElapsed();
            result.timings = m_timings;
        }
        auto callback = std::move(m_callback);
        m_callback = nullptr;
        if (!reusable)
            m_dead = true;
        m_pool->release(this, reusable);
        if (callback)
            callback(std::move(result));
    }

    HttpClientPool *m_pool;
    QByteArray m_key;
    QTcpSocket *m_socket = nullptr; // a QSslSocket for https
    HttpClientTls m_tls;
    QString m_tlsError;             // certificate problems that ended the handshake
    std::unique_ptr<ClockTimer> m_timer;
    HttpParserWrapper m_parser{HttpParserWrapper::Mode::Responses, HttpLimits{64 * 1024, 10 * 1024 * 1024 + 1}};
    HttpClientPool::Callback m_callback; // set while a request waits for its response
    bool m_sentAny = false;
    bool m_dead = false;
    bool m_timed = false;
    QElapsedTimer m_clock;
    HttpClientTimings m_timings;
};

HttpClientPool::HttpClientPool(QObject *parent) : QObject(parent)
{
}

HttpClientPool::~HttpClientPool() = default;

void HttpClientPool::send(HttpClientRequest request, Callback callback)
{
    // Connections are shared only between requests that would have opened the same one.
    QByteArray key = request.connectionKey.isEmpty() ? request.host + ':' + QByteArray::number(request.port)
                                                     : request.connectionKey;
    if (request.tls.enabled)
        key += (request.tls.skipIssuerVerification ? "|tls-any-issuer|" : "|tls|") + request.tls.serverName;
    HttpClientConnection *connection = nullptr;
    auto &idle = m_idle[key];
    while (!idle.empty() && !connection) {
        HttpClientConnection *candidate = idle.back();
        idle.pop_back();
        if (candidate->isDead())
            candidate->deleteLater();
        else
            connection = candidate;
    }
    if (!connection)
        connection = new HttpClientConnection(this, key, request.tls, request.clock);
    connection->start(request, std::move(callback));
}

void HttpClientPool::release(HttpClientConnection *connection, bool reusable)
{
    if (!reusable) {
        connection->deleteLater();
        return;
    }
    auto &idle = m_idle[connection->key()];
    if (idle.size() >= 64) {
        connection->deleteLater();
        return;
    }
    idle.push_back(connection);
}

HttpClientPool *HttpClientPool::forCurrentThread()
{
    static QThreadStorage<HttpClientPool *> pools;
    if (!pools.hasLocalData())
        pools.setLocalData(new HttpClientPool);
    return pools.localData();
}

} // namespace gw
