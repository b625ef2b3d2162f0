#include "gateway_controller.h"

#include "gateway/gateway.h"
#include "project_document.h"
#include "runtime/function_runtime.h"

namespace gw::ui {

namespace {
// What the gateway serves: the project without the console's requests and environments.
nlohmann::json servedDesignOf(const Project &project)
{
    nlohmann::json j = project;
    j.erase("console");
    return j;
}
} // namespace

GatewayController::GatewayController(Gateway *gateway, ProjectDocument *document, QObject *parent)
    : QObject(parent), m_gateway(gateway), m_document(document)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &GatewayController::deployNow);
    connect(document, &ProjectDocument::changed, this, &GatewayController::onDocumentChanged);
    connect(gateway, &Gateway::deployFinished, this, &GatewayController::onDeployFinished);
    connect(gateway, &Gateway::runningChanged, this, [this](bool running) {
        if (!running)
            setState(State::Stopped);
    });
}

void GatewayController::start()
{
    if (m_state != State::Stopped)
        return;
    m_lastError.clear();
    deployNow();
}

void GatewayController::stop()
{
    m_debounce.stop();
    m_again = false;
    m_gateway->stop();
    m_inFlight = false;
    setState(State::Stopped);
}

void GatewayController::restartFunction(const QString &name)
{
    if (FunctionRuntime *runtime = m_gateway->runtime()) {
        runtime->recycle(name);
        emit functionRestarted(name);
    }
}

QVector<Endpoint> GatewayController::endpoints() const
{
    return m_gateway->endpoints();
}

QString GatewayController::urlOf(const QString &apiKey, const QString &stage) const
{
    for (const Endpoint &endpoint : m_gateway->endpoints())
        if (endpoint.apiKey == apiKey && endpoint.stage == stage)
            return endpoint.url;
    return {};
}

void GatewayController::deployNow()
{
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    ++m_deploys;
    m_deployedDesign = servedDesignOf(m_document->project());
    setState(State::Deploying);
    m_gateway->deploy(m_document->project(), m_document->baseDir());
}

void GatewayController::onDocumentChanged()
{
    if (m_state == State::Stopped)
        return;
    if (servedDesignOf(m_document->project()) == m_deployedDesign)
        return; // a saved request or an environment changed: nothing to deploy
    m_debounce.start(); // a burst of edits is one deploy
}

void GatewayController::onDeployFinished(const DeployResult &result)
{
    m_inFlight = false;
    m_lastError = result.ok ? QString() : result.error;
    if (!m_gateway->isRunning()) {
        setState(State::Stopped); // the first deploy failed: nothing serves
    } else {
        setState(State::Running);
        if (std::exchange(m_again, false))
            deployNow();
    }
    emit deployed(result);
}

void GatewayController::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace gw::ui
