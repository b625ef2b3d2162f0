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

} // namespace gw
