#pragma once
// `serve --metrics-port`: GET /metrics answers what `render` gives, in the Prometheus text
// format, for scrapers; anything else is 404. One short request per connection (the answer
// closes it), read on the main thread where the metrics are kept.
#include <QHostAddress>
#include <QObject>

#include <functional>

class QTcpServer;

namespace gw {

class MetricsEndpoint : public QObject {
    Q_OBJECT
public:
    MetricsEndpoint(std::function<QByteArray()> render, QObject *parent = nullptr);
    bool listen(const QHostAddress &host, quint16 port, QString *error);
    quint16 port() const;

private:
    void onConnection();
    std::function<QByteArray()> m_render;
    QTcpServer *m_server;
};

} // namespace gw
