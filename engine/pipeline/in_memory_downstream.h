#pragma once
// A downstream with no socket: the answer is handed to a callback (gatewright invoke, tests).
#include "../api/downstream.h"

#include <QPointer>

namespace gw {

class InMemoryDownstream : public Downstream {
public:
    // home: the thread the request runs and resumes on. onResponse runs there, once.
    InMemoryDownstream(QObject *home, std::function<void(HttpResponse)> onResponse)
        : m_home(home), m_onResponse(std::move(onResponse))
    {
    }
    void send(HttpResponse response) override
    {
        if (auto callback = std::exchange(m_onResponse, nullptr))
            callback(std::move(response));
    }
    bool isGone() const override { return m_gone; }
    QObject *threadHome() const override { return m_home; }
    void setGoneHandler(std::function<void()> handler) override { m_goneHandler = std::move(handler); }
    // The caller gives up waiting (like a client hanging up).
    void leave()
    {
        m_gone = true;
        m_onResponse = nullptr;
        if (auto handler = std::exchange(m_goneHandler, nullptr))
            handler();
    }

private:
    QPointer<QObject> m_home;
    std::function<void(HttpResponse)> m_onResponse;
    std::function<void()> m_goneHandler;
    bool m_gone = false;
};

} // namespace gw
