#pragma once
// Requests and responses as HAR 1.2 (the HTTP Archive format browsers' and API clients' tools
// read): one entry per captured HTTP exchange, with its headers, query, bodies as the client sent
// and got them (text, or base64 when not UTF-8), and its timings. For `serve --har` and the
// monitor's export. Entries without a captured request (WebSocket messages) are left out.
#include "access_log_entry.h"

#include <QByteArray>
#include <QString>

#include <deque>

namespace gw {

class HarLog {
public:
    // creatorVersion: Gatewright's version, for log.creator.
    // capacity: the newest entries kept (a load test's millions stay bounded; the log says how
    // many earlier ones went).
    explicit HarLog(QString creatorVersion, int capacity = 50000) : m_creatorVersion(std::move(creatorVersion)), m_capacity(capacity) {}
    // False (and nothing kept) when the entry has no captured request and response.
    bool add(const AccessLogEntry &entry);
    int size() const { return int(m_entries.size()); }
    qint64 dropped() const { return m_dropped; }
    QByteArray document() const;

private:
    QString m_creatorVersion;
    int m_capacity;
    qint64 m_dropped = 0;
    std::deque<AccessLogEntry> m_entries;
};

} // namespace gw
