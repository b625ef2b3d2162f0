#include "rest_method_request_stage.h"

#include "../../common/query_string.h"
#include "../request_context.h"

#include <algorithm>

namespace gw {

namespace {
// Java's AbstractMap.toString, {a=1, b=2}, appended to the line.
template <typename Pairs> void appendJavaMap(QByteArray &line, const Pairs &pairs)
{
    line += '{';
    bool first = true;
    for (const auto &[name, value] : pairs) {
        if (!first)
            line += ", ";
        line += name;
        line += '=';
        line += value;
        first = false;
    }
    line += '}';
}
} // namespace

StageStatus RestMethodRequestStage::onRequest(RequestContext &ctx) const
{
    if (!ctx.tracing())
        return StageStatus::Continue;
    QByteArray line;
    line.reserve(256);
    line += "Starting execution for request: ";
    line += ctx.log.requestId;
    ctx.note(line);
    line.clear();
    line += "HTTP Method: ";
    line += ctx.request.method;
    line += ", Resource Path: ";
    if (ctx.route)
        line += QByteArrayView(ctx.route->resourcePath.data(), qsizetype(ctx.route->resourcePath.size()));
    ctx.note(line);
    line.clear();
    line += "Method request path: ";
    appendJavaMap(line, ctx.pathParameters);
    ctx.note(line);
    // The single-value maps: a name's last value, as the proxy event has them.
    std::vector<std::pair<std::string_view, std::string_view>> query;
    const auto parsed = parseQueryString(ctx.request.rawQuery());
    for (const auto &[name, values] : parsed)
        query.emplace_back(name, values.empty() ? std::string_view() : std::string_view(values.back()));
    line.clear();
    line += "Method request query string: ";
    appendJavaMap(line, query);
    ctx.note(line);
    // TestInvokeMethod shows the headers it was given, not the ones a client would add.
    std::vector<std::pair<QByteArrayView, QByteArrayView>> headers;
    const size_t shown = ctx.request.givenHeaders >= 0 ? size_t(ctx.request.givenHeaders) : ctx.request.headers.size();
    for (size_t i = 0; i < shown && i < ctx.request.headers.size(); ++i) {
        const HttpHeader &h = ctx.request.headers[i];
        auto same = std::find_if(headers.begin(), headers.end(),
                                 [&](const auto &p) { return p.first.compare(h.name, Qt::CaseInsensitive) == 0; });
        if (same != headers.end())
            same->second = h.value;
        else
            headers.emplace_back(h.name, h.value);
    }
    line.clear();
    line += "Method request headers: ";
    appendJavaMap(line, headers);
    ctx.note(line);
    ctx.noteBody("Method request body before transformations", ctx.request.body);
    return StageStatus::Continue;
}

} // namespace gw
