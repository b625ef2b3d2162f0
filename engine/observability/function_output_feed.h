#pragma once
// Collects the lines functions print (and their START/END/REPORT) from the runtime thread; the
// owner drains them in batches at the access log's pace, so no thread is woken per line.
#include <QByteArray>
#include <QMetaType>
#include <QMutex>
#include <QString>
#include <QVector>

namespace gw {

struct FunctionOutputLine {
    QString functionName;
    QByteArray requestId;
    QString text;
};

class FunctionOutputFeed {
public:
    void push(FunctionOutputLine line);
    QVector<FunctionOutputLine> drain();
    // Lines beyond this between two drains are dropped (and counted): memory stays bounded when
    // a function prints without end and nobody drains.
    void setCapacity(int capacity) { m_capacity = capacity; }
    qint64 dropped() const;

private:
    mutable QMutex m_mutex;
    QVector<FunctionOutputLine> m_lines;
    int m_capacity = 100000;
    qint64 m_dropped = 0;
};

} // namespace gw

Q_DECLARE_METATYPE(gw::FunctionOutputLine)
