#pragma once
// What one request carried at each hand-over, for the monitor: the request as received, what the
// integration was sent (the Lambda event, or the upstream request), what it returned, and what the
// client got. Bodies are capped (a per-body limit) so a monitor keeps its memory bounded; the
// gateway captures only when asked (the designer asks; `serve` does not).
#include "../common/http_message.h"

#include <memory>

namespace gw {

struct CapturedMessage {
    QByteArray startLine;              // "GET /orders HTTP/1.1", "HTTP/1.1 200", "Lambda event" ...
    std::vector<HttpHeader> headers;
    QByteArray body;                   // at most the capture limit
    qint64 bodySize = 0;               // the whole body's size
    bool present = false;              // this hand-over happened
    bool truncated() const { return bodySize > body.size(); }
};

struct ExchangeCapture {
    CapturedMessage request;
    CapturedMessage integrationRequest;
    CapturedMessage integrationResponse;
    CapturedMessage response;
    bool lambda = false; // the integration is a function: its request is an event, its response a payload

    qint64 bytes() const;
    // A body kept up to `limit` bytes (shared when it fits: no copy).
    static QByteArray capped(const QByteArray &body, int limit) { return body.size() <= limit ? body : body.left(limit); }
};

using ExchangeCapturePtr = std::shared_ptr<ExchangeCapture>;

} // namespace gw
