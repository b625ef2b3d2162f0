#include "integration_deadline.h"

namespace gw {

IntegrationDeadline::IntegrationDeadline(QObject *home, int timeoutMs, std::function<void()> onTimeout)
    : m_timer(new QTimer(home))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early: a 500 ms timeout at 475 ms
    QObject::connect(m_timer, &QTimer::timeout, m_timer, [this, onTimeout = std::move(onTimeout)] {
        if (m_done)
            return;
        m_done = true;
        onTimeout();
    });
    m_timer->start(timeoutMs);
}

IntegrationDeadline::~IntegrationDeadline()
{
    m_timer->deleteLater();
}

bool IntegrationDeadline::complete()
{
    if (m_done)
        return false;
    m_done = true;
    m_timer->stop();
    return true;
}

} // namespace gw
