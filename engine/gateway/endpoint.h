#pragma once
// Where an API's stage answers (what serve's ready line and the window show).
#include <QMetaType>
#include <QString>
#include <QVector>

namespace gw {

struct Endpoint {
    QString apiName;
    QString apiKey;     // the API's "id" in the project
    QString type;       // HTTP | REST | WEBSOCKET
    QString stage;
    QString url;
    quint16 port = 0;
    // REST: the deployment the stage serves, empty while it serves the design as it is (no
    // snapshot deployed: every edit is live); its canary's deployment and share, if it has one.
    QString deployment;
    QString canaryDeployment;
    double canaryPercent = 0;
};

// How a deploy ended: the endpoints now served, or why nothing changed.
struct DeployResult {
    quint64 id = 0;
    bool ok = false;
    QString error;
    QVector<Endpoint> endpoints;
    double compileMs = 0;
    double bindMs = 0;
};

} // namespace gw

Q_DECLARE_METATYPE(gw::DeployResult)
