#include "http_response_writer.h"

#include "../common/http_dates.h"

namespace gw {

namespace {
bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}
} // namespace

const QByteArray &httpDate(qint64 epochMs)
{
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cached;
    if (epochMs / 1000 != cachedSecond) {
        cachedSecond = epochMs / 1000;
        cached = imfFixdate(epochMs);
    }
    return cached;
}

void appendSerializedResponse(QByteArray &out, const HttpResponse &response, bool forHead, bool keepAlive, qint64 nowMs)
{
    const bool noBody = forHead || response.status < 200 || response.status == 204 || response.status == 304;
    qsizetype headerBytes = 0;
    for (const auto &h : response.headers)
        headerBytes += h.name.size() + h.value.size() + 4;
    out.reserve(out.size() + 160 + headerBytes + (noBody ? 0 : response.body.size()));
    char number[24];
    appendAll(out, {"HTTP/1.1 ", decimal(response.status, number), " ", reasonPhrase(response.status), "\r\n"});
    bool haveDate = false;
    for (const auto &h : response.headers) {
        if (sameName(h.name, "content-length") || sameName(h.name, "connection") ||
            sameName(h.name, "transfer-encoding"))
            continue; // framing is ours to decide
        haveDate = haveDate || sameName(h.name, "date");
        appendAll(out, {h.name, ": ", h.value, "\r\n"});
    }
    if (!haveDate)
        appendAll(out, {"Date: ", httpDate(nowMs), "\r\n"});
    if (response.status >= 200 && response.status != 204 && response.status != 304)
        appendAll(out, {"Content-Length: ", decimal(response.body.size(), number), "\r\n"});
    appendAll(out, {keepAlive ? QByteArrayView("Connection: keep-alive\r\n\r\n") : QByteArrayView("Connection: close\r\n\r\n"),
                    noBody ? QByteArrayView() : QByteArrayView(response.body)});
}

} // namespace gw
