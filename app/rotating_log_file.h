#pragma once
// `serve --access-log FILE --access-log-max-mb N`: the access log written to FILE until it would pass
// N MB, then FILE becomes FILE.1 (FILE.1 becomes FILE.2, and so on; FILE.5 goes) and a fresh FILE
// starts, so a long CI run keeps a bounded tail of its traffic.
#include <QString>

#include <cstdio>

namespace gw {

class RotatingLogFile {
public:
    static constexpr int kKeptFiles = 5;
    // maxBytes 0: never rotates.
    RotatingLogFile(QString path, qint64 maxBytes) : m_path(std::move(path)), m_maxBytes(maxBytes) {}
    ~RotatingLogFile();
    bool open(QString *error);
    // Writes whole lines (rotation happens between lines, before a write that would pass the size).
    void write(const QByteArray &lines);

private:
    void rotate();
    QString m_path;
    qint64 m_maxBytes;
    FILE *m_file = nullptr;
    qint64 m_size = 0;
};

} // namespace gw
