#pragma once
// Runs the open project in the gateway: start, stop, and deploys after edits (debounced, never
// blocking the window: the gateway's control plane binds and compiles on its own thread). Knows
// the deploy state and its last error, for the window to show.
#include "gateway/endpoint.h"
#include "model/item_id.h"

#include <QObject>
#include <nlohmann/json.hpp>
#include <QTimer>

namespace gw {
class Gateway;
}

namespace gw::ui {

class ProjectDocument;

class GatewayController : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Deploying, Running };
    Q_ENUM(State)

    GatewayController(Gateway *gateway, ProjectDocument *document, QObject *parent = nullptr);

    void start();
    void stop();
    // Edits deploy by themselves after this quiet time (a stage with autoDeploy).
    void setDebounceMs(int ms) { m_debounce.setInterval(ms); }
    // Restarts the warm processes of one function (its code changed); the others keep theirs.
    void restartFunction(const QString &name);

    State state() const { return m_state; }
    bool isRunning() const { return m_state != State::Stopped; }
    // Why the last deploy failed ("" when it did not): the version before it keeps serving.
    QString lastError() const { return m_lastError; }
    QVector<Endpoint> endpoints() const;
    // The URL an API's stage answers at ("" when it is not served).
    QString urlOf(const QString &apiKey, const QString &stage = QStringLiteral("$default")) const;
    int deploys() const { return m_deploys; }
    Gateway *gateway() const { return m_gateway; }

signals:
    void stateChanged(gw::ui::GatewayController::State state);
    void deployed(const gw::DeployResult &result);
    void functionRestarted(const QString &name);

private:
    void deployNow();
    void onDocumentChanged();
    void onDeployFinished(const DeployResult &result);
    void setState(State state);

    Gateway *m_gateway;
    ProjectDocument *m_document;
    QTimer m_debounce;
    State m_state = State::Stopped;
    QString m_lastError;
    bool m_inFlight = false; // a deploy is running
    bool m_again = false;    // edits came while it ran: deploy once more after it
    int m_deploys = 0;
    nlohmann::json m_deployedDesign; // what the last deploy sent (console left out)
};

} // namespace gw::ui
