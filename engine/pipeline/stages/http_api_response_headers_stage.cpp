#include "http_api_response_headers_stage.h"

#include "../request_context.h"

#include <utility>

namespace gw {

namespace {
inline void canonicalizeInPlace(QByteArray &name)
{
    // Reads through a const view and writes only the letters that change: most names already
    // are canonical, and a shared name is then not copied.
    bool upper = true;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = std::as_const(name)[i];
        if (upper && c >= 'a' && c <= 'z')
            name[i] = char(c - 'a' + 'A');
        else if (!upper && c >= 'A' && c <= 'Z')
            name[i] = char(c - 'A' + 'a');
        upper = c == '-';
    }
}
} // namespace

void canonicalizeHeaderName(QByteArray &name)
{
    canonicalizeInPlace(name);
}

void HttpApiResponseHeadersStage::onResponse(RequestContext &ctx) const
{
    // HTTP APIs send header names in canonical MIME form, as the recordings show for headers set
    // by functions (V2_HandlesHeadersCorrectly: myheader -> Myheader).
    for (auto &header : ctx.response.headers)
        canonicalizeInPlace(header.name);
    ctx.response.setHeader(QByteArrayLiteral("Apigw-Requestid"), ctx.log.requestId);
}

} // namespace gw
