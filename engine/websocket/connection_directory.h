#pragma once
// Which connection registry serves each WebSocket API now (by the API's key), for callers outside
// the request path: the window's push and disconnect actions. The control plane keeps it current
// after every deploy; readers on any thread.
#include "connection_registry.h"

#include <QHash>
#include <QString>

#include <memory>
#include <mutex>

namespace gw {

class ConnectionDirectory {
public:
    void replace(QHash<QString, std::shared_ptr<ConnectionRegistry>> registries);
    std::shared_ptr<ConnectionRegistry> find(const QString &apiKey) const;

private:
    mutable std::mutex m_mutex;
    QHash<QString, std::shared_ptr<ConnectionRegistry>> m_registries;
};

} // namespace gw
