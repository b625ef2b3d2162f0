#pragma once
// Requests and responses as HAR 1.2 (the HTTP Archive format browsers' and API clients' tools
// read): one entry per captured HTTP exchange, with its headers, query, bodies as the client sent
// and got them (text, or base64 when not UTF-8), and its timings. For `serve --har` and the
// monitor's export. Entries without a captured request (WebSocket messages) are left out.
#include "access_log_entry.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace gw {

class HarLog {
public:
    // creatorVersion: Gatewright's version, for log.creator.
    explicit HarLog(QString creatorVersion) : m_creatorVersion(std::move(creatorVersion)) {}
    // False (and nothing kept) when the entry has no captured request and response.
    bool add(const AccessLogEntry &entry);
    int size() const { return int(m_entries.size()); }
    QByteArray document() const;

private:
    QString m_creatorVersion;
    std::vector<AccessLogEntry> m_entries;
};

} // namespace gw
