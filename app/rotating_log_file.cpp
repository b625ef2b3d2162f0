#include "rotating_log_file.h"

#include <QFile>
#include <QFileInfo>

namespace gw {

RotatingLogFile::~RotatingLogFile()
{
    if (m_file)
        std::fclose(m_file);
}

bool RotatingLogFile::open(QString *error)
{
    m_file = std::fopen(QFile::encodeName(m_path).constData(), "a");
    if (!m_file) {
        *error = QStringLiteral("cannot open access log %1").arg(m_path);
        return false;
    }
    m_size = QFileInfo(m_path).size();
    return true;
}

void RotatingLogFile::write(const QByteArray &lines)
{
    if (!m_file || lines.isEmpty())
        return;
    if (m_maxBytes > 0 && m_size > 0 && m_size + lines.size() > m_maxBytes)
        rotate();
    std::fwrite(lines.constData(), 1, size_t(lines.size()), m_file);
    std::fflush(m_file);
    m_size += lines.size();
}

void RotatingLogFile::rotate()
{
    std::fclose(m_file);
    QFile::remove(m_path + QLatin1Char('.') + QString::number(kKeptFiles));
    for (int i = kKeptFiles - 1; i >= 1; --i)
        QFile::rename(m_path + QLatin1Char('.') + QString::number(i), m_path + QLatin1Char('.') + QString::number(i + 1));
    QFile::rename(m_path, m_path + QStringLiteral(".1"));
    m_file = std::fopen(QFile::encodeName(m_path).constData(), "w");
    m_size = 0;
}

} // namespace gw
