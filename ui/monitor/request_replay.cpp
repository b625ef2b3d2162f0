#include "request_replay.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

namespace gw::ui {

bool isTransportHeader(const QByteArray &name)
{
    return isConnectionHeader(name) || name.compare("host", Qt::CaseInsensitive) == 0 ||
           name.compare("content-length", Qt::CaseInsensitive) == 0;
}

bool canReplay(const AccessLogEntry &entry)
{
    return entry.capture && entry.capture->request.present && !entry.capture->request.truncated() &&
           !entry.capture->request.startLine.isEmpty() && entry.eventType.isEmpty(); // not a WebSocket event
}

QNetworkRequest replayRequestOf(const AccessLogEntry &entry)
{
    const CapturedMessage &sent = entry.capture->request;
    const QList<QByteArray> line = sent.startLine.split(' ');
    QByteArray host = headerValue(sent.headers, "host");
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
