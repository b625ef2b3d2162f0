#include "connection_directory.h"

namespace gw {

void ConnectionDirectory::replace(QHash<QString, std::shared_ptr<ConnectionRegistry>> registries)
{
    std::lock_guard lock(m_mutex);
    m_registries = std::move(registries);
}

std::shared_ptr<ConnectionRegistry> ConnectionDirectory::find(const QString &apiKey) const
{
    std::lock_guard lock(m_mutex);
    return m_registries.value(apiKey);
}

} // namespace gw
