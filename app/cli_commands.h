#pragma once
// The command-line contract (a stable interface: tests and users script it).
#include <QStringList>

namespace gw {

int runServeCommand(const QStringList &arguments);    // gatewright serve PROJECT [--host H] [--port P] [--access-log FILE|-]
int runValidateCommand(const QStringList &arguments); // gatewright validate PROJECT
// gatewright invoke PROJECT --api NAME [--stage S] --method M --path P [-H H]... [--data TEXT|@FILE]
int runInvokeCommand(const QStringList &arguments);
// gatewright deploy PROJECT --api NAME --stage S [--description D] [--canary-percent P]
int runDeployCommand(const QStringList &arguments);
QString usageText();

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

} // namespace gw
