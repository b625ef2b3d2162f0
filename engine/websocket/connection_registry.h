#pragma once
// The live connections of one WebSocket API, by connectionId: what @connections reaches. Safe
// from any thread; a connection is touched only on its own thread (sends and closes are posted).
#include "connection_state.h"

#include <QHash>
#include <QString>

#include <mutex>
#include <vector>

namespace gw {

class ConnectionRegistry {
public:
    // Called by the connection on its thread, when it opens and before it is destroyed.
    void add(const ConnectionStatePtr &state, WebSocketConnection *connection);
    void remove(const QByteArray &connectionId);

    ConnectionStatePtr find(const QByteArray &connectionId) const;
    std::vector<ConnectionStatePtr> all() const;
    int size() const;

    // A text frame to the connection; false when it is gone (410 GoneException).
    bool post(const QByteArray &connectionId, const QByteArray &text);
    // The same text to every open connection (the window's "push to all"); how many it reached.
    int postToAll(const QByteArray &text);
    // Closes it (DeleteConnection); false when it is gone.
    bool close(const QByteArray &connectionId, int code, const QString &reason);

private:
    struct Entry {
        ConnectionStatePtr state;
        WebSocketConnection *connection = nullptr; // alive while it is in the map (it removes itself first)
    };
    mutable std::mutex m_mutex;
    QHash<QByteArray, Entry> m_entries;
};

} // namespace gw
