#include "console_sender.h"

#include <QDateTime>
#include <QUrl>

#include <zlib.h>

namespace gw::ui {

QByteArray ConsoleResponse::header(const char *name) const { return headerValue(headers, name); }

QByteArray ConsoleResponse::requestId() const
{
    QByteArray id = header("apigw-requestid");
    return id.isEmpty() ? header("x-amzn-RequestId") : id;
}

struct ConsoleSender::Flight {
    ConsoleWireRequest request;
    int timeoutMs = 30000;
    bool insecure = false;
    bool follow = false;
    bool decode = false;
    int redirects = 0;
    bool cancelled = false;
    qint64 sentAtMs = 0;
};

ConsoleSender::ConsoleSender(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<gw::ui::ConsoleResponse>();
}

ConsoleSender::~ConsoleSender()
{
    if (m_flight)
        m_flight->cancelled = true;
}

void ConsoleSender::send(const ConsoleWireRequest &request, int timeoutMs, bool insecure, bool followRedirects, bool decode)
{
    if (m_flight)
        return;
    m_flight = std::make_shared<Flight>();
    m_flight->request = request;
    m_flight->timeoutMs = timeoutMs;
    m_flight->insecure = insecure;
    m_flight->follow = followRedirects;
    m_flight->decode = decode;
    m_flight->sentAtMs = QDateTime::currentMSecsSinceEpoch();
    hop();
}

void ConsoleSender::cancel()
{
    if (!m_flight)
        return;
    m_flight->cancelled = true; // the pool still calls back; that answer is dropped
    m_flight.reset();
    ConsoleResponse response;
    response.error = tr("Cancelled");
    emit finished(response);
}

void ConsoleSender::hop()
{
    HttpClientRequest request = httpClientRequestFor(m_flight->request, m_flight->timeoutMs, m_flight->insecure);
    request.timed = true;
    std::weak_ptr<Flight> weak = m_flight;
    QPointer<ConsoleSender> self(this);
    HttpClientPool::forCurrentThread()->send(std::move(request), [self, weak](HttpClientResult result) {
        const std::shared_ptr<Flight> flight = weak.lock();
        if (!self || !flight || flight->cancelled)
            return;
        if (result.outcome == HttpClientResult::Outcome::Response && flight->follow && flight->redirects < 10) {
            if (auto next = redirected(flight->request, result.status, headerValue(result.headers, "location"))) {
                flight->request = std::move(*next);
                ++flight->redirects;
                self->hop();
                return;
            }
        }
        ConsoleResponse response;
        response.sentAtMs = flight->sentAtMs;
        response.redirects = flight->redirects;
        response.timings = result.timings;
        const ConsoleWireRequest &last = flight->request;
        response.url = QString::fromLatin1(last.scheme + "://" + last.hostHeader + last.target);
        if (result.outcome != HttpClientResult::Outcome::Response) {
            response.error = result.error.isEmpty() ? tr("No answer") : result.error;
        } else {
            response.ok = true;
            response.status = result.status;
            response.headers = std::move(result.headers);
            response.wireBodyBytes = result.body.size();
            const QByteArray encoding = response.header("content-encoding").trimmed().toLower();
            if (flight->decode && !encoding.isEmpty() && encoding != "identity") {
                if (auto body = decoded(result.body, encoding))
                    response.body = std::move(*body);
                else {
                    response.body = std::move(result.body);
                    response.error = tr("The body says Content-Encoding: %1 but does not decode as it").arg(QString::fromLatin1(encoding));
                }
            } else {
                response.body = std::move(result.body);
            }
        }
        self->m_flight.reset();
        emit self->finished(response);
    });
}

std::optional<QByteArray> ConsoleSender::decoded(const QByteArray &body, const QByteArray &encoding)
{
    int windowBits;
    if (encoding == "gzip" || encoding == "x-gzip")
        windowBits = 16 + MAX_WBITS;
    else if (encoding == "deflate")
        windowBits = MAX_WBITS; // zlib-wrapped, as RFC 9110 says; raw deflate is retried below
    else
        return std::nullopt;
    for (int attempt = 0; attempt < 2; ++attempt) {
        z_stream stream{};
        if (inflateInit2(&stream, attempt == 0 ? windowBits : -MAX_WBITS) != Z_OK)
            return std::nullopt;
        QByteArray out;
        char buffer[16384];
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(body.constData()));
        stream.avail_in = uInt(body.size());
        int rc = Z_OK;
        while (rc == Z_OK) {
            stream.next_out = reinterpret_cast<Bytef *>(buffer);
            stream.avail_out = sizeof buffer;
            rc = inflate(&stream, Z_NO_FLUSH);
            out.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
            if (rc == Z_BUF_ERROR && stream.avail_in == 0)
                break;
        }
        inflateEnd(&stream);
        if (rc == Z_STREAM_END)
            return out;
        if (encoding != "deflate")
            return std::nullopt;
    }
    return std::nullopt;
}

std::optional<ConsoleWireRequest> ConsoleSender::redirected(const ConsoleWireRequest &from, int status, const QByteArray &location)
{
    if ((status != 301 && status != 302 && status != 303 && status != 307 && status != 308) || location.isEmpty())
        return std::nullopt;
    const QUrl base(QString::fromLatin1(from.scheme + "://" + from.hostHeader + from.target));
    const QUrl next = base.resolved(QUrl::fromEncoded(location, QUrl::TolerantMode));
    if (!next.isValid() || (next.scheme() != QLatin1String("http") && next.scheme() != QLatin1String("https")))
        return std::nullopt;
    ConsoleWireRequest to = from;
    to.scheme = next.scheme().toLatin1();
    to.host = next.host(QUrl::FullyEncoded).toLatin1();
    const quint16 defaultPort = to.scheme == "https" ? 443 : 80;
    to.port = quint16(next.port(defaultPort));
    to.hostHeader = (to.host.contains(':') ? "[" + to.host + "]" : to.host) +
                    (to.port == defaultPort ? QByteArray() : ":" + QByteArray::number(to.port));
    to.target = next.path(QUrl::FullyEncoded).toLatin1();
    if (to.target.isEmpty())
        to.target = "/";
    if (next.hasQuery())
        to.target += "?" + next.query(QUrl::FullyEncoded).toLatin1();
    // As curl -L does: 303 always, and 301/302 after a POST, become a GET without the body.
    if (status == 303 || ((status == 301 || status == 302) && from.method == "POST")) {
        if (to.method != "HEAD")
            to.method = "GET";
        to.body.clear();
        std::erase_if(to.headers, [](const HttpHeader &h) {
            return h.name.compare("content-type", Qt::CaseInsensitive) == 0;
        });
    }
    // Credentials stay with the host they were given for.
    if (to.host != from.host || to.port != from.port)
        std::erase_if(to.headers, [](const HttpHeader &h) {
            return h.name.compare("authorization", Qt::CaseInsensitive) == 0 || h.name.compare("cookie", Qt::CaseInsensitive) == 0;
        });
    return to;
}

} // namespace gw::ui
