#include "http_parser_wrapper.h"

#include <cstring>

namespace gw {

namespace {
HttpParserWrapper *self(http_parser *p)
{
    return static_cast<HttpParserWrapper *>(p->data);
}
// A piece usually is the whole token: construct it at once rather than going through append.
void appendPiece(QByteArray &target, const char *at, size_t length)
{
    if (target.isEmpty())
        target = QByteArray(at, qsizetype(length));
    else
        appendAll(target, {QByteArrayView(at, qsizetype(length))});
}
} // namespace

HttpParserWrapper::HttpParserWrapper(Mode mode, HttpLimits limits) : m_mode(mode), m_limits(limits)
{
    http_parser_init(&m_parser, mode == Mode::Requests ? HTTP_REQUEST : HTTP_RESPONSE);
    m_parser.data = this;
    http_parser_settings_init(&m_settings);
    m_settings.on_message_begin = &onMessageBegin;
    m_settings.on_url = &onUrl;
    m_settings.on_header_field = &onHeaderField;
    m_settings.on_header_value = &onHeaderValue;
    m_settings.on_headers_complete = &onHeadersComplete;
    m_settings.on_body = &onBody;
    m_settings.on_message_complete = &onMessageComplete;
}

bool HttpParserWrapper::feed(const char *data, qsizetype size)
{
    if (m_error != Error::None)
        return false;
    size_t parsed = http_parser_execute(&m_parser, &m_settings, data, size_t(size));
    // http-parser stops after a request with Upgrade (or a CONNECT): what follows is another
    // protocol to it. Where the connection does not hand the socket over, the bytes after it are
    // just the next requests; where it does, it stops reading at the handshake.
    while (m_mode == Mode::Requests && m_error == Error::None && HTTP_PARSER_ERRNO(&m_parser) == HPE_OK &&
           m_parser.upgrade && parsed < size_t(size)) {
        http_parser_init(&m_parser, HTTP_REQUEST);
        m_parser.data = this;
        parsed += http_parser_execute(&m_parser, &m_settings, data + parsed, size_t(size) - parsed);
    }
    if (m_error != Error::None)
        return false;
    if (HTTP_PARSER_ERRNO(&m_parser) != HPE_OK) {
        m_error = HTTP_PARSER_ERRNO(&m_parser) == HPE_HEADER_OVERFLOW ? Error::HeadersTooLarge : Error::Malformed;
        return false;
    }
    return true;
}

void HttpParserWrapper::reset()
{
    http_parser_init(&m_parser, m_mode == Mode::Requests ? HTTP_REQUEST : HTTP_RESPONSE);
    m_parser.data = this;
    m_error = Error::None;
    m_inMessage = false;
    m_lastWasValue = false;
    m_headResponse = false;
    m_headerBytes = 0;
    m_requests.clear();
    m_responses.clear();
}

void HttpParserWrapper::finish()
{
    if (m_error == Error::None)
        http_parser_execute(&m_parser, &m_settings, nullptr, 0);
}

QByteArray HttpParserWrapper::errorText() const
{
    switch (m_error) {
    case Error::None: return {};
    case Error::HeadersTooLarge: return "request headers too large";
    case Error::BodyTooLarge: return "request body too large";
    case Error::UnsupportedVersion: return "HTTP version not supported";
    case Error::MissingHost: return "HTTP/1.1 request without Host";
    case Error::Malformed: break;
    }
    return QByteArray("malformed HTTP: ") + http_errno_description(HTTP_PARSER_ERRNO(&m_parser));
}

bool HttpParserWrapper::countHeaderBytes(size_t n)
{
    m_headerBytes += qsizetype(n);
    if (m_headerBytes > m_limits.maxHeaderBytes) {
        m_error = Error::HeadersTooLarge;
        return false;
    }
    return true;
}

int HttpParserWrapper::onMessageBegin(http_parser *p)
{
    auto *s = self(p);
    s->m_inMessage = true;
    s->m_headerBytes = 0;
    s->m_lastWasValue = false;
    if (s->m_mode == Mode::Requests)
        s->m_request = HttpRequest{};
    else
        s->m_response = ParsedResponse{};
    return 0;
}

int HttpParserWrapper::onUrl(http_parser *p, const char *at, size_t length)
{
    auto *s = self(p);
    if (!s->countHeaderBytes(length))
        return 1;
    appendPiece(s->m_request.target, at, length);
    return 0;
}

int HttpParserWrapper::onHeaderField(http_parser *p, const char *at, size_t length)
{
    auto *s = self(p);
    if (!s->countHeaderBytes(length + 4))
        return 1;
    auto &headers = s->m_mode == Mode::Requests ? s->m_request.headers : s->m_response.headers;
    if (s->m_lastWasValue || headers.empty())
        headers.push_back({});
    appendPiece(headers.back().name, at, length);
    s->m_lastWasValue = false;
    return 0;
}

int HttpParserWrapper::onHeaderValue(http_parser *p, const char *at, size_t length)
{
    auto *s = self(p);
    if (!s->countHeaderBytes(length))
        return 1;
    auto &headers = s->m_mode == Mode::Requests ? s->m_request.headers : s->m_response.headers;
    if (headers.empty())
        return 1;
    appendPiece(headers.back().value, at, length);
    s->m_lastWasValue = true;
    return 0;
}

int HttpParserWrapper::onHeadersComplete(http_parser *p)
{
    auto *s = self(p);
    const bool keepAlive = http_should_keep_alive(p) != 0;
    if (s->m_mode == Mode::Responses) {
        s->m_response.status = int(p->status_code);
        s->m_response.keepAlive = keepAlive;
        return s->m_headResponse ? 1 : 0; // 1 = no body follows
    }
    HttpRequest &r = s->m_request;
    // The parser's method names are static strings: no copy, no allocation.
    const char *method = http_method_str(static_cast<http_method>(p->method));
    r.method = QByteArray::fromRawData(method, qsizetype(std::strlen(method)));
    r.versionMajor = p->http_major;
    r.versionMinor = p->http_minor;
    r.keepAlive = keepAlive;
    if (p->http_major != 1 || p->http_minor > 1) {
        s->m_error = Error::UnsupportedVersion; // 505: only HTTP/1.0 and 1.1 speak this syntax
        return -1;
    }
    if (p->http_minor == 1 && r.header("host").isNull()) {
        s->m_error = Error::MissingHost; // RFC 9112 §3.2: an HTTP/1.1 request without Host is a 400
        return -1;
    }
    // Refuse oversize bodies before they arrive: answered early, like the service.
    if (p->content_length != ULLONG_MAX && p->content_length > 0 &&
        p->content_length > quint64(s->m_limits.maxBodyBytes)) {
        s->m_error = Error::BodyTooLarge;
        return -1;
    }
    if (s->onExpectContinue && r.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0)
        s->onExpectContinue();
    return 0;
}

int HttpParserWrapper::onBody(http_parser *p, const char *at, size_t length)
{
    auto *s = self(p);
    QByteArray &body = s->m_mode == Mode::Requests ? s->m_request.body : s->m_response.body;
    if (s->m_mode == Mode::Requests && body.size() + qsizetype(length) > s->m_limits.maxBodyBytes) {
        s->m_error = Error::BodyTooLarge;
        return 1;
    }
    body.append(at, qsizetype(length));
    return 0;
}

int HttpParserWrapper::onMessageComplete(http_parser *p)
{
    auto *s = self(p);
    s->m_inMessage = false;
    if (s->m_mode == Mode::Requests)
        s->m_requests.push_back(std::move(s->m_request));
    else
        s->m_responses.push_back(std::move(s->m_response));
    return 0;
}

} // namespace gw
