#pragma once
// Collects WebSocket session events from every worker thread; the gateway drains them in batches
// for the window. Exists only when someone watches (GatewayOptions::webSocketSessions), so a
// headless gateway pays nothing per frame.
#include "websocket_session_event.h"

#include <QMutex>
#include <QVector>

namespace gw {

class WebSocketSessionFeed {
public:
    void push(WebSocketSessionEvent event);
    QVector<WebSocketSessionEvent> drain();
    void setCapacity(int capacity) { m_capacity = capacity; }
    qint64 dropped() const;

private:
    mutable QMutex m_mutex;
    QVector<WebSocketSessionEvent> m_events;
    int m_capacity = 200000; // if nobody drains, memory stays bounded
    qint64 m_dropped = 0;
};

} // namespace gw
