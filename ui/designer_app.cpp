#include "designer_app.h"

#include "gateway/gateway.h"
#include "main_window.h"
#include "project_document.h"
#include "sample_project.h"
#include "designer/palettes.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <cstdio>

namespace gw::ui {

namespace {
bool haveDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}
} // namespace

int runDesignerApp(int argc, char *argv[])
{
    if (!haveDisplay()) {
        std::fprintf(stderr,
                     "gatewright: no display found (DISPLAY/WAYLAND_DISPLAY unset), so the designer cannot open.\n"
                     "Serve a project headless instead:  gatewright serve PROJECT\n"
                     "The bundled sample is resources/samples/orders/orders.gatewright.json.\n");
        return 1;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Gatewright"));
    QApplication::setOrganizationName(QStringLiteral("Gatewright"));
    QApplication::setApplicationVersion(QStringLiteral(GATEWRIGHT_UI_VERSION));

    applyTheme(QSettings().value(QStringLiteral("theme")).toString());
    QString path = app.arguments().size() > 1 ? app.arguments().at(1) : QString();
    if (path.isEmpty()) {
        QString error;
        path = installSampleProject(&error);
        if (path.isEmpty()) {
            std::fprintf(stderr, "gatewright: cannot set up the sample project: %s\n", qPrintable(error));
            return 1;
        }
    }
    ProjectDocument document;
    QString error;
    if (!document.open(path, &error)) {
        std::fprintf(stderr, "gatewright: %s\n", qPrintable(error));
        QMessageBox::critical(nullptr, QObject::tr("Cannot open project"), error);
        return 2;
    }
    GatewayOptions options;
    options.captureBodyLimit = 64 * 1024; // the traffic panel shows what each request carried
    options.webSocketSessions = true;     // the WebSockets panel shows every connection and frame
    Gateway gateway(options);
    MainWindow window(&document, &gateway);
    window.show();
    window.startGateway(); // the project answers requests at once
    return QApplication::exec();
}

} // namespace gw::ui
