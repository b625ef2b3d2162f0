#pragma once
// A function resolved for running: the program to start and the environment Lambda gives it.
#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace gw {

struct FunctionSpec {
    QString name;
    QString runtime;         // python3 | nodejs | command
    QString handler;
    QString program;         // resolved executable
    QStringList arguments;
    QString codeDir;         // absolute
    int timeoutMs = 3000;
    int memorySize = 128;
    int maxConcurrency = 10;
    // reservedConcurrency was set: an invocation beyond it is throttled at once, as Lambda does;
    // without it the local pool queues (Lambda would just scale out).
    bool throttleBeyondConcurrency = false;
    QByteArray arn;
    QString region;
    QList<QPair<QString, QString>> environment; // the user's variables

    bool sameProcessAs(const FunctionSpec &other) const; // settings that need a fresh process when changed
};

} // namespace gw
