#include "websocket_session_feed.h"

namespace gw {

void WebSocketSessionFeed::push(WebSocketSessionEvent event)
{
    QMutexLocker lock(&m_mutex);
    // Opened and Closed are never dropped: a session view that misses them shows ghosts.
    if (m_events.size() >= m_capacity && (event.kind == WebSocketSessionEvent::Kind::Received ||
                                           event.kind == WebSocketSessionEvent::Kind::Sent)) {
        ++m_dropped;
        return;
    }
    m_events.push_back(std::move(event));
}

QVector<WebSocketSessionEvent> WebSocketSessionFeed::drain()
{
    QMutexLocker lock(&m_mutex);
    QVector<WebSocketSessionEvent> out;
    out.swap(m_events);
    m_events.reserve(out.size());
    return out;
}

qint64 WebSocketSessionFeed::dropped() const
{
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

} // namespace gw
