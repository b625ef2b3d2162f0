#include "rest_method_request_stage.h"

#include "../../common/query_string.h"
#include "../request_context.h"

#include <algorithm>

namespace gw {

namespace {
// Java's AbstractMap.toString: {a=1, b=2}.
template <typename Pairs> QString javaMap(const Pairs &pairs)
{
    QString text = QStringLiteral("{");
    bool first = true;
    for (const auto &[name, value] : pairs) {
        if (!first)
            text += QStringLiteral(", ");
        text += name + QLatin1Char('=') + value;
        first = false;
    }
    return text + QLatin1Char('}');
}
} // namespace

StageStatus RestMethodRequestStage::onRequest(RequestContext &ctx) const
{
    if (!ctx.tracing())
        return StageStatus::Continue;
    ctx.note(QStringLiteral("Starting execution for request: %1").arg(QString::fromLatin1(ctx.log.requestId)));
    ctx.note(QStringLiteral("HTTP Method: %1, Resource Path: %2")
                 .arg(QString::fromLatin1(ctx.request.method), QString::fromStdString(ctx.route ? ctx.route->resourcePath : std::string())));
    std::vector<std::pair<QString, QString>> path;
    for (const auto &[name, value] : ctx.pathParameters)
        path.emplace_back(QString::fromStdString(name), QString::fromStdString(value));
    ctx.note(QStringLiteral("Method request path: %1").arg(javaMap(path)));
    // The single-value maps: a name's last value, as the proxy event has them.
    std::vector<std::pair<QString, QString>> query;
    for (const auto &[name, values] : parseQueryString(ctx.request.rawQuery()))
        query.emplace_back(QString::fromStdString(name), QString::fromStdString(values.empty() ? std::string() : values.back()));
    ctx.note(QStringLiteral("Method request query string: %1").arg(javaMap(query)));
    // TestInvokeMethod shows the headers it was given, not the ones a client would add.
    std::vector<std::pair<QString, QString>> headers;
    const size_t shown = ctx.request.givenHeaders >= 0 ? size_t(ctx.request.givenHeaders) : ctx.request.headers.size();
    for (size_t i = 0; i < shown && i < ctx.request.headers.size(); ++i) {
        const HttpHeader &h = ctx.request.headers[i];
        const QString name = QString::fromLatin1(h.name);
        auto same = std::find_if(headers.begin(), headers.end(), [&](const auto &p) { return p.first.compare(name, Qt::CaseInsensitive) == 0; });
        if (same != headers.end())
            same->second = QString::fromUtf8(h.value);
        else
            headers.emplace_back(name, QString::fromUtf8(h.value));
    }
    ctx.note(QStringLiteral("Method request headers: %1").arg(javaMap(headers)));
    ctx.noteBody("Method request body before transformations", ctx.request.body);
    return StageStatus::Continue;
}

} // namespace gw
