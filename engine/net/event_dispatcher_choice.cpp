#include "event_dispatcher_choice.h"

#include <QProcessEnvironment>
#include <QtGlobal>

namespace gw {

namespace {
// QThreadPrivate::createEventDispatcher reads this for every thread but the main one.
constexpr char kVariable[] = "QT_NO_THREADED_GLIB";
bool g_setByUs = false;
} // namespace

void preferLightEventDispatcherForThreads()
{
    if (qEnvironmentVariableIsSet(kVariable))
        return;
    qputenv(kVariable, "1");
    g_setByUs = true;
}

void removeEventDispatcherChoice(QProcessEnvironment &environment)
{
    if (g_setByUs)
        environment.remove(QLatin1String(kVariable));
}

} // namespace gw
