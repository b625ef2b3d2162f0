#include "har_log.h"

#include "../common/query_string.h"

#include <QDateTime>
#include <QStringDecoder>

#include <nlohmann/json.hpp>

namespace gw {

namespace {

using nlohmann::json;

std::string text(const QByteArray &bytes)
{
    return bytes.toStdString();
}

json headersOf(const std::vector<HttpHeader> &headers)
{
    json out = json::array();
    for (const HttpHeader &h : headers)
        out.push_back({{"name", text(h.name)}, {"value", text(h.value)}});
    return out;
}

QByteArray headerValue(const std::vector<HttpHeader> &headers, const char *name)
{
    for (const HttpHeader &h : headers)
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    return {};
}

bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder(bytes); // decoding happens on conversion to QString
    return !decoder.hasError();
}

// "GET /orders?x=1 HTTP/1.1" -> method, target, version.
void splitRequestLine(const QByteArray &line, QByteArray *method, QByteArray *target, QByteArray *version)
{
    const QList<QByteArray> parts = line.split(' ');
    *method = parts.value(0);
    *target = parts.value(1);
    *version = parts.size() > 2 ? parts.value(2) : QByteArray("HTTP/1.1");
}

json contentOf(const CapturedMessage &message)
{
    json content{{"size", message.bodySize}, {"mimeType", text(headerValue(message.headers, "content-type"))}};
    if (!message.body.isEmpty()) {
        if (isUtf8(message.body)) {
            content["text"] = text(message.body);
        } else {
            content["text"] = text(message.body.toBase64());
            content["encoding"] = "base64";
        }
    }
    if (message.truncated())
        content["comment"] = "body truncated to " + std::to_string(message.body.size()) + " of " + std::to_string(message.bodySize) + " bytes";
    return content;
}

} // namespace

bool HarLog::add(const AccessLogEntry &entry)
{
    if (!entry.capture || !entry.capture->request.present || !entry.capture->response.present)
        return false;
    m_entries.push_back(entry);
    if (int(m_entries.size()) > m_capacity) {
        m_entries.pop_front();
        ++m_dropped;
    }
    return true;
}

QByteArray HarLog::document() const
{
    // Oldest first by start, as HAR 1.2 prefers: the access log has them in the order they ended.
    std::vector<const AccessLogEntry *> ordered;
    ordered.reserve(m_entries.size());
    for (const AccessLogEntry &e : m_entries)
        ordered.push_back(&e);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const AccessLogEntry *a, const AccessLogEntry *b) { return a->requestTimeEpochMs < b->requestTimeEpochMs; });
    json entries = json::array();
    for (const AccessLogEntry *entry : ordered) {
        const AccessLogEntry &e = *entry;
        const ExchangeCapture &c = *e.capture;
        QByteArray method, target, version;
        splitRequestLine(c.request.startLine, &method, &target, &version);
        QByteArray host = headerValue(c.request.headers, "host");
        if (host.isEmpty())
            host = e.domainName.isEmpty() ? QByteArray("127.0.0.1") : e.domainName;
        json query = json::array();
        if (const qsizetype q = target.indexOf('?'); q >= 0)
            for (const auto &[name, values] : parseQueryString(target.mid(q + 1)))
                for (const std::string &value : values)
                    query.push_back({{"name", name}, {"value", value}});
        json request{{"method", text(method)},
                     {"url", "http://" + text(host) + text(target)},
                     {"httpVersion", text(version)},
                     {"cookies", json::array()},
                     {"headers", headersOf(c.request.headers)},
                     {"queryString", query},
                     {"headersSize", -1},
                     {"bodySize", c.request.bodySize}};
        if (c.request.bodySize > 0) {
            json post{{"mimeType", text(headerValue(c.request.headers, "content-type"))}};
            post["text"] = isUtf8(c.request.body) ? text(c.request.body) : text(c.request.body.toBase64());
            if (!isUtf8(c.request.body))
                post["comment"] = "base64: the body is not UTF-8 text";
            request["postData"] = std::move(post);
        }
        // "HTTP/1.1 200 OK" (or without a reason phrase).
        const QList<QByteArray> status = c.response.startLine.split(' ');
        json response{{"status", e.status},
                      {"statusText", text(reasonPhrase(e.status))},
                      {"httpVersion", text(status.value(0, "HTTP/1.1"))},
                      {"cookies", json::array()},
                      {"headers", headersOf(c.response.headers)},
                      {"content", contentOf(c.response)},
                      {"redirectURL", text(headerValue(c.response.headers, "location"))},
                      {"headersSize", -1},
                      {"bodySize", c.response.bodySize}};
        // The gateway's share and the integration's: blocked is what the gateway spent before and
        // after the integration, wait the integration (HAR timings add up to time).
        const double total = e.responseLatencyMs;
        const double integration = e.integrationLatencyMs >= 0 ? std::min(e.integrationLatencyMs, total) : 0;
        entries.push_back({{"startedDateTime", QDateTime::fromMSecsSinceEpoch(e.requestTimeEpochMs, Qt::UTC)
                                                   .toString(Qt::ISODateWithMs)
                                                   .toStdString()},
                           {"time", total},
                           {"request", std::move(request)},
                           {"response", std::move(response)},
                           {"cache", json::object()},
                           {"timings", {{"blocked", total - integration}, {"dns", -1}, {"connect", -1}, {"send", 0},
                                        {"wait", integration}, {"receive", 0}, {"ssl", -1}}},
                           {"serverIPAddress", "127.0.0.1"},
                           {"_requestId", text(e.requestId)},
                           {"_routeKey", text(e.routeKey)},
                           {"_integrationLatencyMs", e.integrationLatencyMs}});
    }
    json log{{"log",
              {{"version", "1.2"},
               {"creator", {{"name", "Gatewright"}, {"version", m_creatorVersion.toStdString()}}},
               {"entries", std::move(entries)}}}};
    if (m_dropped > 0)
        log["log"]["comment"] = std::to_string(m_dropped) + " earlier requests are not here: the HAR keeps the newest " +
                                std::to_string(m_capacity);
    return QByteArray::fromStdString(log.dump(1, ' ', false, json::error_handler_t::replace));
}

} // namespace gw
