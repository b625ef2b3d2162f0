#include "request_replay.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

namespace gw::ui {

namespace {

// Set by the network stack for the new connection, or meaningless on it.
bool isTransportHeader(const QByteArray &name)
{
    static const char *const names[] = {"host", "content-length", "connection", "transfer-encoding", "keep-alive",
                                        "upgrade", "te", "trailer", "proxy-connection", "expect"};
    const QByteArray lower = name.toLower();
    return std::any_of(std::begin(names), std::end(names), [&](const char *n) { return lower == n; });
}

QByteArray headerOf(const CapturedMessage &message, const char *name)
{
    for (const HttpHeader &h : message.headers)
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    return {};
}

} // namespace

bool canReplay(const AccessLogEntry &entry)
{
    return entry.capture && entry.capture->request.present && !entry.capture->request.truncated() &&
           !entry.capture->request.startLine.isEmpty() && entry.eventType.isEmpty(); // not a WebSocket event
}

QNetworkRequest replayRequestOf(const AccessLogEntry &entry)
{
    const CapturedMessage &sent = entry.capture->request;
    const QList<QByteArray> line = sent.startLine.split(' ');
    QByteArray host = headerOf(sent, "host");
    if (host.isEmpty())
        host = "127.0.0.1";
    QNetworkRequest request(QUrl::fromEncoded("http://" + host + line.value(1, "/"), QUrl::TolerantMode));
    for (const HttpHeader &h : sent.headers)
        if (!isTransportHeader(h.name))
            request.setRawHeader(h.name, h.value);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return request;
}

QNetworkReply *replay(QNetworkAccessManager &network, const AccessLogEntry &entry)
{
    if (!canReplay(entry))
        return nullptr;
    const QByteArray method = entry.capture->request.startLine.left(entry.capture->request.startLine.indexOf(' '));
    return network.sendCustomRequest(replayRequestOf(entry), method, entry.capture->request.body);
}

} // namespace gw::ui
