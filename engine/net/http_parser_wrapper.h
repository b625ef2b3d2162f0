#pragma once
// Incremental HTTP/1.1 parsing over Debian's libhttp-parser, with the size limits a gateway needs.
#include "../common/http_message.h"

#include <http_parser.h>

#include <deque>
#include <functional>

namespace gw {

struct HttpLimits {
    qsizetype maxHeaderBytes = 16 * 1024;           // request line + headers
    qsizetype maxBodyBytes = 10 * 1024 * 1024;       // API Gateway's 10 MB payload quota
};

class HttpParserWrapper {
public:
    enum class Mode { Requests, Responses };
    enum class Error { None, Malformed, HeadersTooLarge, BodyTooLarge, UnsupportedVersion, MissingHost };

    struct ParsedResponse {
        int status = 0;
        std::vector<HttpHeader> headers;
        QByteArray body;
        bool keepAlive = true;
    };

    explicit HttpParserWrapper(Mode mode, HttpLimits limits = {});
    HttpParserWrapper(const HttpParserWrapper &) = delete;
    HttpParserWrapper &operator=(const HttpParserWrapper &) = delete;

    // Feeds bytes; completed messages are queued. Returns false once an error is hit (parsing stops).
    bool feed(const char *data, qsizetype size);
    Error error() const { return m_error; }
    QByteArray errorText() const;

    std::deque<HttpRequest> &requests() { return m_requests; }
    std::deque<ParsedResponse> &responses() { return m_responses; }

    // Called when a request's headers are complete and it sent "Expect: 100-continue".
    std::function<void()> onExpectContinue;
    // Responses to HEAD carry no body; the client tells the parser before feeding.
    void setExpectHeadResponse(bool head) { m_headResponse = head; }
    bool isMidMessage() const { return m_inMessage; }
    // Back to the state of a new parser (same mode and limits), keeping its allocations.
    void reset();
    // Signals end of stream (responses delimited by close).
    void finish();

private:
    static int onMessageBegin(http_parser *);
    static int onUrl(http_parser *, const char *, size_t);
    static int onHeaderField(http_parser *, const char *, size_t);
    static int onHeaderValue(http_parser *, const char *, size_t);
    static int onHeadersComplete(http_parser *);
    static int onBody(http_parser *, const char *, size_t);
    static int onMessageComplete(http_parser *);
    bool countHeaderBytes(size_t n);

    Mode m_mode;
    HttpLimits m_limits;
    http_parser m_parser;
    http_parser_settings m_settings;
    Error m_error = Error::None;
    bool m_inMessage = false;
    bool m_lastWasValue = false;
    bool m_headResponse = false;
    qsizetype m_headerBytes = 0;
    HttpRequest m_request;
    ParsedResponse m_response;
    std::deque<HttpRequest> m_requests;
    std::deque<ParsedResponse> m_responses;
};

} // namespace gw
