#include "connection_registry.h"

#include "websocket_connection.h"

namespace gw {

void ConnectionRegistry::add(const ConnectionStatePtr &state, WebSocketConnection *connection)
{
    std::lock_guard lock(m_mutex);
    m_entries.insert(state->connectionId, Entry{state, connection});
}

void ConnectionRegistry::remove(const QByteArray &connectionId)
{
    std::lock_guard lock(m_mutex);
    m_entries.remove(connectionId);
}

ConnectionStatePtr ConnectionRegistry::find(const QByteArray &connectionId) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_entries.constFind(connectionId);
    return it == m_entries.cend() ? nullptr : it->state;
}

std::vector<ConnectionStatePtr> ConnectionRegistry::all() const
{
    std::lock_guard lock(m_mutex);
    std::vector<ConnectionStatePtr> out;
    out.reserve(size_t(m_entries.size()));
    for (const Entry &entry : m_entries)
        out.push_back(entry.state);
    return out;
}

int ConnectionRegistry::size() const
{
    std::lock_guard lock(m_mutex);
    return int(m_entries.size());
}

bool ConnectionRegistry::post(const QByteArray &connectionId, const QByteArray &text)
{
    // Posted while the lock is held: the connection removes itself under the same lock before
    // it is destroyed, so it is alive when the event is queued (Qt drops events of deleted objects).
    std::lock_guard lock(m_mutex);
    auto it = m_entries.constFind(connectionId);
    if (it == m_entries.cend())
        return false;
    WebSocketConnection *connection = it->connection;
    QMetaObject::invokeMethod(connection, [connection, text] { connection->send(text); }, Qt::QueuedConnection);
    return true;
}

int ConnectionRegistry::postToAll(const QByteArray &text)
{
    std::lock_guard lock(m_mutex);
    for (const Entry &entry : m_entries) {
        WebSocketConnection *connection = entry.connection;
        QMetaObject::invokeMethod(connection, [connection, text] { connection->send(text); }, Qt::QueuedConnection);
    }
    return int(m_entries.size());
}

bool ConnectionRegistry::close(const QByteArray &connectionId, int code, const QString &reason)
{
    std::lock_guard lock(m_mutex);
    auto it = m_entries.constFind(connectionId);
    if (it == m_entries.cend())
        return false;
    WebSocketConnection *connection = it->connection;
    QMetaObject::invokeMethod(connection, [connection, code, reason] { connection->close(code, reason); }, Qt::QueuedConnection);
    return true;
}

} // namespace gw
