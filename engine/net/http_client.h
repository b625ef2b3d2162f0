#pragma once
// A small keep-alive HTTP/1.1 client for integrations (one pool per thread; no QNetworkAccessManager
// on the hot path: it costs several times more per request than a raw pooled socket).
#include "../api/clock.h"
#include "http_parser_wrapper.h"

#include <QObject>
#include <QTcpSocket>
#include <QElapsedTimer>
#include <QTimer>
#include <functional>
#include <map>
#include <vector>

namespace gw {

struct HttpClientTls {
    bool enabled = false;                 // https
    QByteArray serverName;                // SNI and the name to verify; the connect host when empty
    bool skipIssuerVerification = false;  // accept untrusted issuers (expiry and name still checked)
};

struct HttpClientRequest {
    QByteArray host;   // connect address (IP or name)
    quint16 port = 80;
    QByteArray method = "GET";
    QByteArray target = "/";
    std::vector<HttpHeader> headers; // Host and Content-Length are added
    QByteArray hostHeader;           // value of the Host header; host:port when empty
    QByteArray body;
    int timeoutMs = 30000;
    HttpClientTls tls;
    QByteArray connectionKey; // "host:port" made once by the caller, or empty to have it made here
    ClockPtr clock;           // the timeout's time; null: the system clock
    bool timed = false;       // fill the result's timings (the console shows them; integrations skip it)
};

// Where a timed request's time went, in ns from send(). connect is 0 on a reused connection.
struct HttpClientTimings {
    bool reusedConnection = false;
    qint64 connectNs = 0;   // TCP (and TLS) established
    qint64 firstByteNs = 0; // the first byte of the response
    qint64 totalNs = 0;     // the whole response read
};

struct HttpClientResult {
    enum class Outcome { Response, Timeout, ConnectFailed, ProtocolError, Closed };
    Outcome outcome = Outcome::Response;
    int status = 0;
    std::vector<HttpHeader> headers;
    QByteArray body;
    QString error;
    HttpClientTimings timings; // when the request asked for them
};

class HttpClientConnection;

class HttpClientPool : public QObject {
    Q_OBJECT
public:
    explicit HttpClientPool(QObject *parent = nullptr);
    ~HttpClientPool() override;
    using Callback = std::function<void(HttpClientResult)>;
    // Callback runs on this pool's thread, exactly once.
    void send(HttpClientRequest request, Callback callback);
    // The pool that belongs to the calling thread (created on first use).
    static HttpClientPool *forCurrentThread();

private:
    friend class HttpClientConnection;
    void release(HttpClientConnection *connection, bool reusable);
    std::map<QByteArray, std::vector<HttpClientConnection *>> m_idle;
};

} // namespace gw
