#include "method_execution_view.h"

#include "model/aws_integration_uri.h"

#include <QGridLayout>
#include <QLabel>
#include <QToolButton>

namespace gw::ui {

namespace {
QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QString keysOf(const StringMap &map)
{
    QStringList keys;
    for (const auto &[key, value] : map)
        keys << q(key);
    return keys.isEmpty() ? QObject::tr("none") : keys.join(QStringLiteral(", "));
}

const char *const kTitles[] = {QT_TRANSLATE_NOOP("MethodExecutionView", "Method Request"),
                               QT_TRANSLATE_NOOP("MethodExecutionView", "Integration Request"),
                               QT_TRANSLATE_NOOP("MethodExecutionView", "Backend"),
                               QT_TRANSLATE_NOOP("MethodExecutionView", "Integration Response"),
                               QT_TRANSLATE_NOOP("MethodExecutionView", "Method Response")};
} // namespace

MethodExecutionView::MethodExecutionView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("methodExecution"));
    // The console's layout: the request path on top going right, the response path below coming
    // back, the backend at the right end of both.
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 4, 0, 8);
    const auto arrow = [this](const QString &text) {
        auto *label = new QLabel(text, this);
        label->setAlignment(Qt::AlignCenter);
        return label;
    };
    for (int part = 0; part < PartCount; ++part) {
        auto *b = new QToolButton(this);
        b->setObjectName(QStringLiteral("part-%1").arg(part));
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setCheckable(true);
        b->setMinimumHeight(fontMetrics().height() * 4);
        b->setMinimumWidth(fontMetrics().averageCharWidth() * 22);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        b->setStyleSheet(QStringLiteral("QToolButton { border: 1px solid palette(mid); border-radius: 4px; padding: 4px 8px; text-align: left; }"
                                        "QToolButton:hover { border-color: palette(highlight); }"
                                        "QToolButton:checked { border: 2px solid palette(highlight); }"));
        connect(b, &QToolButton::clicked, this, [this, part] {
            setCurrentPart(Part(part));
            emit partRequested(Part(part));
        });
        m_boxes << b;
    }
    grid->addWidget(arrow(tr("Client →")), 0, 0);
    grid->addWidget(m_boxes[MethodRequest], 0, 1);
    grid->addWidget(arrow(QStringLiteral("→")), 0, 2);
    grid->addWidget(m_boxes[IntegrationRequest], 0, 3);
    grid->addWidget(arrow(QStringLiteral("→")), 0, 4);
    grid->addWidget(m_boxes[Backend], 0, 5, 2, 1);
    grid->addWidget(arrow(tr("← Client")), 1, 0);
    grid->addWidget(m_boxes[MethodResponse], 1, 1);
    grid->addWidget(arrow(QStringLiteral("←")), 1, 2);
    grid->addWidget(m_boxes[IntegrationResponse], 1, 3);
    grid->addWidget(arrow(QStringLiteral("←")), 1, 4);
    setCurrentPart(MethodRequest);
}

QString MethodExecutionView::summaryOf(Part part, const RestApiSpec &rest, const RestMethod &method)
{
    const RestIntegration *integration = method.integration ? &*method.integration : nullptr;
    switch (part) {
    case MethodRequest: {
        QString auth = q(method.authorizationType);
        if (method.authorizer)
            auth += QLatin1Char(' ') + q(*method.authorizer);
        QString validator = tr("no validator");
        if (method.requestValidator)
            for (const RequestValidator &v : rest.requestValidators)
                if (v.id == *method.requestValidator)
                    validator = tr("validates %1").arg(v.validateRequestBody && v.validateRequestParameters ? tr("body and parameters")
                                                       : v.validateRequestBody                              ? tr("body")
                                                                                                            : tr("parameters"));
        return tr("Auth: %1 · API key: %2\n%3").arg(auth, method.apiKeyRequired ? tr("required") : tr("no"), validator);
    }
    case IntegrationRequest:
        if (!integration)
            return tr("No integration: 500");
        if (integration->type == "AWS_PROXY" || integration->type == "HTTP_PROXY")
            return tr("%1 (proxy)\nthe request as it came").arg(q(integration->type));
        return tr("%1 · %2 templates: %3").arg(q(integration->type), q(integration->passthroughBehavior), keysOf(integration->requestTemplates));
    case Backend: {
        if (!integration)
            return tr("none");
        if (integration->type == "MOCK")
            return tr("Mock\nstatusCode from the template");
        if (integration->function && !integration->function->empty())
            return tr("Lambda\n%1").arg(q(functionNameFromReference(*integration->function)));
        if (integration->uri) {
            if (auto fn = lambdaFunctionOfUri(*integration->uri))
                return tr("Lambda\n%1").arg(q(functionNameFromReference(*fn)));
            if (auto aws = parseAwsIntegrationUri(*integration->uri))
                return tr("AWS %1\n%2").arg(q(aws->service), q(aws->target));
            return tr("%1 %2").arg(q(integration->httpMethod), q(*integration->uri));
        }
        return tr("%1\nno target").arg(q(integration->type));
    }
    case IntegrationResponse: {
        if (!integration)
            return tr("—");
        if (integration->type == "AWS_PROXY" || integration->type == "HTTP_PROXY")
            return tr("passed through (proxy)");
        QStringList responses;
        for (const gw::IntegrationResponse &r : integration->integrationResponses)
            responses << (r.selectionPattern.empty() ? q(r.statusCode) + tr(" default") : q(r.statusCode) + QStringLiteral(" /") + q(r.selectionPattern) + QLatin1Char('/'));
        return responses.isEmpty() ? tr("no responses: 500") : responses.join(QStringLiteral("\n"));
    }
    case MethodResponse: {
        QStringList statuses;
        for (const gw::MethodResponse &r : method.methodResponses)
            statuses << q(r.statusCode);
        return statuses.isEmpty() ? tr("no method responses declared") : tr("HTTP status: %1").arg(statuses.join(QStringLiteral(", ")));
    }
    case PartCount: break;
    }
    return {};
}

void MethodExecutionView::showMethod(const RestApiSpec &rest, const RestResource &resource, const RestMethod &method)
{
    Q_UNUSED(resource);
    for (int part = 0; part < PartCount; ++part)
        m_boxes[part]->setText(tr(kTitles[part]) + QLatin1Char('\n') + summaryOf(Part(part), rest, method));
}

void MethodExecutionView::setCurrentPart(Part part)
{
    m_current = part;
    for (int i = 0; i < PartCount; ++i)
        m_boxes[i]->setChecked(i == part);
}

QStringList MethodExecutionView::boxTexts() const
{
    QStringList texts;
    for (QToolButton *b : m_boxes)
        texts << b->text();
    return texts;
}

} // namespace gw::ui
