#pragma once
// Turns SIGINT/SIGTERM into a Qt signal (self-pipe), so shutdown runs on the event loop.
#include <QObject>

class QSocketNotifier;

namespace gw {

class UnixSignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace gw
