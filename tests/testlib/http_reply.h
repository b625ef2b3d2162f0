#pragma once
// A client's view of one answer from the gateway, for the tests that talk to it over a socket:
// send a request with QNetworkAccessManager and wait for its status, body and headers; wait for
// the access-log entry of a request id.
#include "observability/access_log_entry.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

namespace gw::testlib {

struct Reply {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    // The finished reply's status, body and headers; the reply is deleted later.
    static Reply takeFrom(QNetworkReply *reply)
    {
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return out;
    }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
};

// Sends `method` to 127.0.0.1:port/path and waits (at most timeoutMs) for the answer.
inline Reply send(QNetworkAccessManager &nam, quint16 port, const QByteArray &method, const QString &path,
                  const QByteArray &body = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {},
                  int timeoutMs = 20000)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return Reply::takeFrom(reply);
}

// The entry of requestId among `logs` (filled by the gateway's accessLogBatch), waiting up to 5 s.
inline AccessLogEntry logFor(const QVector<AccessLogEntry> &logs, const QByteArray &requestId)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000) {
        for (const AccessLogEntry &e : logs)
            if (e.requestId == requestId)
                return e;
        QTest::qWait(20);
    }
    return {};
}

} // namespace gw::testlib
