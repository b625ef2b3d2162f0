#pragma once
// A real HTTP/1.1 server on 127.0.0.1 for tests (the engine's own server on a worker thread):
// each request is answered by a function the test gives, at once or after a delay.
#include "net/http_handler.h"
#include "net/http_listener.h"
#include "net/worker_pool.h"

#include <QThread>
#include <QTimer>
#include <atomic>
#include <functional>

namespace gw::test {

class LocalBackend {
public:
    using Answer = std::function<HttpResponse(const HttpRequest &)>;
    // options.tls set: HTTPS with that configuration.
    explicit LocalBackend(Answer answer, int delayMs = 0, ListenerOptions options = {})
        : m_workers(1), m_handler(std::make_shared<Handler>(std::move(answer), delayMs))
    {
        m_thread.start();
        m_listener = new HttpListener(&m_workers, m_handler, std::move(options));
        m_listener->listen(QHostAddress::LocalHost, 0);
        m_port = m_listener->serverPort();
        m_listener->moveToThread(&m_thread);
    }
    ~LocalBackend()
    {
        QMetaObject::invokeMethod(m_listener, [l = m_listener] { delete l; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    quint16 port() const { return m_port; }
    int requests() const { return m_handler->count.load(); }

private:
    struct Handler : HttpHandler {
        Handler(Answer a, int d) : answer(std::move(a)), delayMs(d) {}
        void handle(const HttpExchangePtr &exchange) override
        {
            ++count;
            HttpResponse response = answer(exchange->request());
            if (delayMs <= 0) {
                exchange->respond(std::move(response));
                return;
            }
            QTimer::singleShot(delayMs, exchange->threadHome(),
                               [exchange, response]() mutable { exchange->respond(std::move(response)); });
        }
        Answer answer;
        int delayMs;
        std::atomic<int> count{0};
    };
    QThread m_thread;
    WorkerPool m_workers;
    std::shared_ptr<Handler> m_handler;
    HttpListener *m_listener = nullptr;
    quint16 m_port = 0;
};

} // namespace gw::test
