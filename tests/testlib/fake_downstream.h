#pragma once
// A Downstream for tests: keeps what it was sent, and can leave like a client hanging up.
#include "api/downstream.h"

#include <QObject>
#include <optional>

namespace gw::test {

class FakeDownstream : public Downstream {
public:
    explicit FakeDownstream(QObject *home) : m_home(home) {}
    void send(HttpResponse response) override
    {
        ++sends;
        if (!m_gone)
            received = std::move(response);
    }
    bool isGone() const override { return m_gone; }
    QObject *threadHome() const override { return m_home; }
    void setGoneHandler(std::function<void()> handler) override { m_goneHandler = std::move(handler); }
    void leave()
    {
        m_gone = true;
        if (auto handler = std::exchange(m_goneHandler, nullptr))
            handler();
    }

    std::optional<HttpResponse> received;
    int sends = 0;

private:
    QObject *m_home;
    std::function<void()> m_goneHandler;
    bool m_gone = false;
};

} // namespace gw::test
