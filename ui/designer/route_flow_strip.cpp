#include "route_flow_strip.h"

#include "model/project_items.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace gw::ui {

RouteFlowStrip::RouteFlowStrip(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("routeFlow"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 8);
    const QStringList names{QStringLiteral("client"), QStringLiteral("route"), QStringLiteral("authorization"),
                            QStringLiteral("integration"), QStringLiteral("target"), QStringLiteral("response")};
    for (int i = 0; i < names.size(); ++i) {
        if (i > 0) {
            auto *arrow = new QLabel(QStringLiteral("→"), this);
            arrow->setAlignment(Qt::AlignCenter);
            layout->addWidget(arrow);
        }
        QToolButton *b = box(names[i]);
        layout->addWidget(b);
        m_boxes << b;
    }
    layout->addStretch(1);
    connect(m_boxes[2], &QToolButton::clicked, this, &RouteFlowStrip::authorizationRequested);
    connect(m_boxes[3], &QToolButton::clicked, this, [this] {
        if (m_integration != kNoItem)
            emit itemRequested(m_integration);
    });
    connect(m_boxes[4], &QToolButton::clicked, this, [this] {
        if (m_function != kNoItem)
            emit itemRequested(m_function);
    });
}

QToolButton *RouteFlowStrip::box(const QString &name)
{
    auto *b = new QToolButton(this);
    b->setObjectName(QStringLiteral("flow-") + name);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setAutoRaise(false);
    b->setMinimumHeight(fontMetrics().height() * 3);
    b->setStyleSheet(QStringLiteral("QToolButton { border: 1px solid palette(mid); border-radius: 4px; padding: 4px 8px; }"
                                    "QToolButton:hover { border-color: palette(highlight); }"));
    return b;
}

void RouteFlowStrip::showRoute(const Project &project, ItemId routeId)
{
    const Route *route = findRouteItem(project, routeId);
    const Api *api = apiOfItem(project, routeId);
    m_integration = m_function = kNoItem;
    if (!route || !api)
        return;
    auto q = [](const std::string &s) { return QString::fromStdString(s); };
    m_boxes[0]->setText(tr("Client\nrequest"));
    m_boxes[1]->setText(tr("Route\n%1").arg(q(route->routeKey)));
    QString auth = q(route->authorizationType);
    if (route->authorizer)
        auth += QLatin1Char(' ') + q(*route->authorizer);
    m_boxes[2]->setText(tr("Authorization\n%1").arg(auth));
    m_boxes[2]->setToolTip(route->authorizationType == "NONE" ? tr("Anyone may call this route")
                                                              : tr("Not enforced yet: validate warns about it"));
    const Integration *integration = nullptr;
    if (route->integration)
        for (const Integration &i : api->integrations())
            if (i.id == *route->integration)
                integration = &i;
    if (!integration) {
        m_boxes[3]->setText(tr("Integration\nnone"));
        m_boxes[4]->setText(tr("Target\n—"));
        m_boxes[5]->setText(tr("Response\n404 Not Found"));
        m_boxes[3]->setToolTip(tr("A route without an integration answers 404, as on the service"));
        return;
    }
    m_integration = integration->itemId;
    m_boxes[3]->setText(tr("Integration\n%1 · %2").arg(q(integration->id), q(integration->type)));
    m_boxes[3]->setToolTip(tr("Open the integration"));
    if (integration->type == "AWS_PROXY") {
        const std::string name = functionNameFromReference(integration->function.value_or(""));
        const Function *function = project.findFunction(name);
        m_function = function ? function->itemId : kNoItem;
        m_boxes[4]->setText(function ? tr("Lambda function\n%1 · %2").arg(q(name), q(function->runtime))
                                     : tr("Lambda function\n%1 (missing)").arg(q(name)));
        m_boxes[4]->setToolTip(tr("Open the function"));
        m_boxes[5]->setText(tr("Response\npayload %1").arg(q(integration->payloadFormatVersion)));
    } else {
        m_boxes[4]->setText(tr("Backend\n%1").arg(q(integration->uri.value_or(""))));
        m_boxes[4]->setToolTip(QString());
        m_boxes[5]->setText(integration->responseParameters.empty() ? tr("Response\nas the backend sends it")
                                                                    : tr("Response\nmapped"));
    }
}

QStringList RouteFlowStrip::boxTexts() const
{
    QStringList out;
    for (const QToolButton *b : m_boxes)
        out << b->text().replace(QLatin1Char('\n'), QLatin1Char(' '));
    return out;
}

} // namespace gw::ui
