#pragma once
// Sends one console request and measures it: connect, first byte and total, on the gateway's own
// pooled client (QNetworkAccessManager hides its timings). Follows redirects when asked, decodes a
// gzip or deflate answer, and never blocks: the answer comes back as a signal.
#include "io/console_request_wire.h"
#include "net/http_client.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace gw::ui {

struct ConsoleResponse {
    bool ok = false;    // an HTTP answer came (whatever its status)
    QString error;      // why not: refused, timed out, TLS, a bad request
    int status = 0;
    std::vector<HttpHeader> headers;
    QByteArray body;          // decoded when the answer was compressed
    qint64 wireBodyBytes = 0; // as it came over the wire
    HttpClientTimings timings; // of the last hop
    int redirects = 0;
    QString url;               // the last hop's URL
    qint64 sentAtMs = 0;       // wall clock, to find the request in the traffic
    QByteArray header(const char *name) const;
    // The gateway's id of the request (HTTP APIs: apigw-requestid; REST: x-amzn-RequestId).
    QByteArray requestId() const;
};

class ConsoleSender : public QObject {
    Q_OBJECT
public:
    explicit ConsoleSender(QObject *parent = nullptr);
    ~ConsoleSender() override;
    // Ignored while one is in flight; cancel() first.
    void send(const ConsoleWireRequest &request, int timeoutMs, bool insecure, bool followRedirects, bool decode);
    void cancel();
    bool busy() const { return m_flight != nullptr; }

    // Exposed for tests: gzip or deflate bytes decoded (nullopt: not valid).
    static std::optional<QByteArray> decoded(const QByteArray &body, const QByteArray &encoding);
    // The next request after a 3xx (nullopt: not a redirect, or one the console cannot follow).
    static std::optional<ConsoleWireRequest> redirected(const ConsoleWireRequest &from, int status, const QByteArray &location);

signals:
    void finished(const gw::ui::ConsoleResponse &response);

private:
    struct Flight;
    void hop();
    std::shared_ptr<Flight> m_flight;
};

} // namespace gw::ui

Q_DECLARE_METATYPE(gw::ui::ConsoleResponse)
