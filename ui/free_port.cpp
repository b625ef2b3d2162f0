#include "free_port.h"

#include <QTcpServer>

namespace gw::ui {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace gw::ui
