// Composition root: CLI subcommands run headless; anything else opens the designer.
#include "cli_commands.h"

#include "designer_app.h"
#include "net/event_dispatcher_choice.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char *argv[])
{
    gw::preferLightEventDispatcherForThreads(); // before any thread starts
    const QString command = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        std::printf("gatewright %s\n", GATEWRIGHT_VERSION);
        return gw::kExitOk;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        std::fputs(qPrintable(gw::usageText()), stdout);
        return gw::kExitOk;
    }
    if (command == QLatin1String("serve") || command == QLatin1String("validate") || command == QLatin1String("invoke") ||
        command == QLatin1String("deploy")) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("gatewright"));
        QCoreApplication::setApplicationVersion(QStringLiteral(GATEWRIGHT_VERSION));
        const QStringList arguments = QCoreApplication::arguments();
        if (command == QLatin1String("serve"))
            return gw::runServeCommand(arguments);
        if (command == QLatin1String("invoke"))
            return gw::runInvokeCommand(arguments);
        if (command == QLatin1String("deploy"))
            return gw::runDeployCommand(arguments);
        return gw::runValidateCommand(arguments);
    }
    if (command.startsWith(QLatin1Char('-')) && command != QLatin1String("-platform")) {
        std::fprintf(stderr, "gatewright: unknown option %s\n\n%s", argv[1], qPrintable(gw::usageText()));
        return gw::kExitBadInput;
    }
    return gw::ui::runDesignerApp(argc, argv);
}
