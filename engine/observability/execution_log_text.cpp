#include "execution_log_text.h"

#include "execution_trace.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace gw {

QString executionLogText(const AccessLogEntry &entry)
{
    const QString date = QLocale::c().toString(QDateTime::fromMSecsSinceEpoch(entry.requestTimeEpochMs, QTimeZone::utc()),
                                               QStringLiteral("ddd MMM dd HH:mm:ss 'UTC' yyyy"));
    QString text = QStringLiteral("Execution log for request %1\n").arg(QString::fromLatin1(entry.requestId));
    if (entry.trace)
        for (const TraceSpan &span : entry.trace->spans)
            for (const QString &line : QString::fromUtf8(span.log).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                text += date + QStringLiteral(" : ") + line + QLatin1Char('\n');
    return text;
}

void appendExecutionLogLines(QByteArray &out, const AccessLogEntry &entry)
{
    if (!entry.trace)
        return;
    QByteArray prefix;
    for (const TraceSpan &span : entry.trace->spans) {
        const QByteArrayView log(span.log);
        qsizetype from = 0;
        while (from < log.size()) {
            qsizetype end = log.indexOf('\n', from);
            if (end < 0)
                end = log.size();
            const QByteArrayView line = log.sliced(from, end - from);
            from = end + 1;
            if (line.isEmpty())
                continue;
            if (prefix.isEmpty())
                prefix = QDateTime::fromMSecsSinceEpoch(entry.requestTimeEpochMs, Qt::UTC)
                             .toString(Qt::ISODateWithMs) // ...Z
                             .toLatin1() +
                         " (" + entry.requestId + ") ";
            out += prefix;
            out += line;
            out += '\n';
        }
    }
}

} // namespace gw
