#pragma once
// HTTP/1.1 request and response value types, as received and as sent (raw method and target kept).
#include <QByteArray>
#include <QHostAddress>
#include "byte_append.h"
#include <vector>

namespace gw {

struct HttpHeader {
    QByteArray name;  // as received
    QByteArray value;
};

// The first header of that name, case-insensitively; a null QByteArray when there is none.
QByteArray headerValue(const std::vector<HttpHeader> &headers, QByteArrayView name);

struct HttpRequest {
    QByteArray method;  // raw, e.g. "GET"
    QByteArray target;  // raw request-target, e.g. "/orders?x=1"
    int versionMajor = 1;
    int versionMinor = 1;
    std::vector<HttpHeader> headers;
    QByteArray body;
    bool keepAlive = true;
    QHostAddress peerAddress;
    QByteArray peerIp;            // peerAddress as text (IPv4-mapped shown as IPv4), set per connection
    quint16 peerPort = 0;
    quint16 localPort = 0;
    qint64 receivedAtMs = 0;      // wall clock, ms since epoch, when the first byte arrived
    qint64 receivedAtNs = 0;      // monotonic, for latency
    // A request made in-process (gatewright invoke): how many of the headers the caller gave; the
    // rest were added as a client would send them. -1: every header came from a client.
    int givenHeaders = -1;

    // First header with this name, case-insensitively; null QByteArray when absent.
    QByteArray header(QByteArrayView name) const;
    QByteArray path() const;      // target up to '?', still percent-encoded
    QByteArray rawQuery() const;  // after '?', without '#...'
    bool isHead() const { return method == "HEAD"; }
    QByteArray protocol() const;  // "HTTP/1.1"
};

struct HttpResponse {
    int status = 200;
    std::vector<HttpHeader> headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value); // replaces any of that name
    void addHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const { return !header(name).isNull(); }
    void removeHeader(QByteArrayView name);
};

QByteArray reasonPhrase(int status);
// A client address as $context.identity.sourceIp shows it: IPv4-mapped IPv6 as plain IPv4.
QByteArray sourceIpText(const QHostAddress &address);
// Headers that concern one connection only (RFC 9110 §7.6.1: Connection, Keep-Alive, TE, Trailer,
// Transfer-Encoding, Upgrade, Proxy-Connection) and Expect, which the gateway answered already:
// none of them reaches an integration. Any case.
bool isConnectionHeader(QByteArrayView name);


} // namespace gw
