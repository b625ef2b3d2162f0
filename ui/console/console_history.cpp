#include "console_history.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace gw::ui {

ConsoleHistory::ConsoleHistory(QString file) : m_file(std::move(file))
{
    load();
}

QString ConsoleHistory::fileFor(const QString &projectPath)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QByteArray key = QCryptographicHash::hash(QFileInfo(projectPath).absoluteFilePath().toUtf8(),
                                                    QCryptographicHash::Sha1).toHex().left(16);
    return QDir(base).filePath(QStringLiteral("console-history/") + QString::fromLatin1(key) + QStringLiteral(".json"));
}

void ConsoleHistory::add(ConsoleHistoryEntry entry)
{
    entry.request.lastLoadRun.reset();
    m_entries.push_front(std::move(entry));
    while (m_entries.size() > kMaxEntries)
        m_entries.pop_back();
    save();
}

std::vector<size_t> ConsoleHistory::search(const QString &text) const
{
    std::vector<size_t> out;
    const QString needle = text.trimmed();
    for (size_t i = 0; i < m_entries.size(); ++i) {
        const ConsoleHistoryEntry &e = m_entries[i];
        const QString hay = QString::fromStdString(e.request.method + ' ' + e.request.url + ' ' + e.request.name) +
                            QLatin1Char(' ') + QString::number(e.status) + QLatin1Char(' ') + e.error;
        if (needle.isEmpty() || hay.contains(needle, Qt::CaseInsensitive))
            out.push_back(i);
    }
    return out;
}

void ConsoleHistory::clear()
{
    m_entries.clear();
    save();
}

void ConsoleHistory::load()
{
    if (m_file.isEmpty())
        return;
    QFile file(m_file);
    if (!file.open(QIODevice::ReadOnly))
        return; // none yet
    const nlohmann::json j = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (!j.is_array()) {
        m_error = QStringLiteral("%1 is not a history file; it is left as it is and a new history starts").arg(m_file);
        m_file.clear(); // never overwrite what we could not read
        return;
    }
    for (const nlohmann::json &e : j) {
        if (!e.is_object() || !e.contains("request"))
            continue;
        ConsoleHistoryEntry entry;
        try {
            entry.request = e["request"].get<ConsoleRequest>();
        } catch (const nlohmann::json::exception &) {
            continue;
        }
        entry.sentAt = QDateTime::fromString(QString::fromStdString(e.value("sentAt", std::string())), Qt::ISODateWithMs);
        entry.status = e.value("status", 0);
        entry.error = QString::fromStdString(e.value("error", std::string()));
        entry.totalMs = e.value("totalMs", 0.0);
        m_entries.push_back(std::move(entry));
        if (m_entries.size() >= kMaxEntries)
            break;
    }
}

void ConsoleHistory::save()
{
    if (m_file.isEmpty())
        return;
    nlohmann::json j = nlohmann::json::array();
    for (const ConsoleHistoryEntry &e : m_entries) {
        nlohmann::json entry{{"request", e.request}, {"sentAt", e.sentAt.toString(Qt::ISODateWithMs).toStdString()},
                             {"status", e.status}, {"totalMs", e.totalMs}};
        if (!e.error.isEmpty())
            entry["error"] = e.error.toStdString();
        j.push_back(std::move(entry));
    }
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSaveFile file(m_file);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::fromStdString(j.dump(1))) < 0 || !file.commit())
        m_error = QStringLiteral("cannot write %1: %2").arg(m_file, file.errorString());
}

} // namespace gw::ui
