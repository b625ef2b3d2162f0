#pragma once
// Every request the console sent, newest first, bounded, kept per project beside the user's
// settings (not in the project file: history is the user's, the collection is the team's).
#include "model/console_workspace.h"

#include <QDateTime>
#include <QString>

#include <deque>

namespace gw::ui {

struct ConsoleHistoryEntry {
    ConsoleRequest request; // as it was in the editor (variables not substituted)
    QDateTime sentAt;
    int status = 0;         // 0: no answer
    QString error;
    double totalMs = 0;
};

class ConsoleHistory {
public:
    static constexpr size_t kMaxEntries = 500;
    // file: where it is kept ("" keeps it in memory only).
    explicit ConsoleHistory(QString file = {});
    static QString fileFor(const QString &projectPath); // in the app data folder, by the project's path

    void add(ConsoleHistoryEntry entry); // saved at once
    const std::deque<ConsoleHistoryEntry> &entries() const { return m_entries; }
    // Indexes of the entries whose method, URL, name or status contain text (all when empty).
    std::vector<size_t> search(const QString &text) const;
    void clear();
    QString lastError() const { return m_error; }

private:
    void load();
    void save();
    QString m_file;
    std::deque<ConsoleHistoryEntry> m_entries;
    QString m_error;
};

} // namespace gw::ui
