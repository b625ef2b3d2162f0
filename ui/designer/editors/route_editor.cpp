#include "route_editor.h"

#include "designer/route_flow_strip.h"

#include "model/route_key.h"

#include <QRegularExpression>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace gw::ui {

namespace {
const QStringList kMethods = {QStringLiteral("GET"),    QStringLiteral("POST"), QStringLiteral("PUT"),
                              QStringLiteral("PATCH"),  QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                              QStringLiteral("OPTIONS"), QStringLiteral("ANY")};
constexpr char kDefaultRoute[] = "$default";
} // namespace

RouteEditor::RouteEditor(ProjectDocument *document, QWidget *parent) : ItemEditor(document, tr("Route"), parent)
{
    auto *keyRow = new QHBoxLayout;
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("method"));
    m_method->addItems(kMethods);
    m_method->addItem(QString::fromLatin1(kDefaultRoute));
    m_method->setToolTip(tr("$default catches every request no other route matches"));
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("path"));
    m_path->setPlaceholderText(QStringLiteral("/orders/{orderId}"));
    m_path->setToolTip(tr("{name} matches one path segment; {name+} (last) matches the rest of the path"));
    keyRow->addWidget(m_method);
    keyRow->addWidget(m_path, 1);
    m_form->addRow(tr("Method and path"), keyRow);
    m_flow = new RouteFlowStrip(this);
    m_form->insertRow(0, m_flow);
    connect(m_flow, &RouteFlowStrip::itemRequested, this, &RouteEditor::itemRequested);
    connect(m_flow, &RouteFlowStrip::authorizationRequested, this, [this] { m_authorization->setFocus(); });
    m_pathHint = new QLabel(this);
    m_pathHint->setObjectName(QStringLiteral("pathHint"));
    m_pathHint->setWordWrap(true);
    m_form->addRow(QString(), m_pathHint);
    m_integration = new QComboBox(this);
    m_integration->setObjectName(QStringLiteral("integration"));
    // Items come and go with the API: a fixed, readable width instead of the width at first show.
    m_integration->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_integration->setMinimumContentsLength(40);
    m_form->addRow(tr("Integration"), m_integration);
    m_authorization = new QComboBox(this);
    m_authorization->setObjectName(QStringLiteral("authorization"));
    m_authorization->addItems({QStringLiteral("NONE"), QStringLiteral("JWT"), QStringLiteral("CUSTOM"), QStringLiteral("AWS_IAM")});
    m_form->addRow(tr("Authorization"), m_authorization);
    m_authorizer = new QComboBox(this);
    m_authorizer->setObjectName(QStringLiteral("authorizer"));
    m_authorizer->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_authorizer->setMinimumContentsLength(24);
    m_form->addRow(tr("Authorizer"), m_authorizer);
    m_url = new QLabel(this);
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(tr("Invoke URL"), m_url);

    connect(m_method, &QComboBox::activated, this, [this] { commitRouteKey(EditField::RouteMethod); });
    connect(m_path, &QLineEdit::editingFinished, this, [this] { commitRouteKey(EditField::RouteKey); });
    connect(m_path, &QLineEdit::textEdited, this, [this](const QString &text) {
        // Checked as typed, committed when finished.
        std::string why;
        if (parseRoutePath(text.toStdString(), &why)) {
            m_pathHint->setText(describePathParameters(text));
            m_pathHint->setStyleSheet(QString());
        } else {
            m_pathHint->setText(QString::fromStdString(why));
            m_pathHint->setStyleSheet(QStringLiteral("color: #c62828"));
        }
    });
    connect(m_integration, &QComboBox::activated, this, &RouteEditor::commitIntegration);
    connect(m_authorization, &QComboBox::activated, this, &RouteEditor::commitAuthorization);
    connect(m_authorizer, &QComboBox::activated, this, &RouteEditor::commitAuthorization);
}

QString describePathParameters(const QString &path)
{
    // Each {name} is one segment, {name+} the rest of the path: both arrive in pathParameters.
    static const QRegularExpression parameter(QStringLiteral("\\{([^}+]+)(\\+?)\\}"));
    QStringList parts;
    for (auto it = parameter.globalMatch(path); it.hasNext();) {
        const auto match = it.next();
        const QString name = match.captured(1).toHtmlEscaped();
        parts << (match.captured(2).isEmpty()
                      ? QObject::tr("<b style='color:#1565c0'>{%1}</b> one path segment").arg(name)
                      : QObject::tr("<b style='color:#6a1b9a'>{%1+}</b> the rest of the path (greedy: /a/b/c)").arg(name));
    }
    if (parts.isEmpty())
        return {};
    return QObject::tr("Path parameters (in the event's pathParameters): %1").arg(parts.join(QStringLiteral(" · ")));
}

void RouteEditor::reloadLater()
{
    // The picker shows the route's integration again (the choice was an action, not a value).
    QMetaObject::invokeMethod(this, [this] { showItem(m_item); }, Qt::QueuedConnection);
}

const Route *RouteEditor::route() const
{
    return findRouteItem(project(), m_item);
}

const Api *RouteEditor::api() const
{
    return apiOfItem(project(), m_item);
}

void RouteEditor::load()
{
    const Route *r = route();
    const Api *a = api();
    if (!r || !a)
        return;
    setTitle(QString::fromStdString(r->routeKey));
    m_flow->showRoute(project(), m_item);
    const bool isDefault = r->routeKey == kDefaultRoute;
    const RouteKeyParse parsed = parseRouteKey(r->routeKey);
    m_method->setCurrentText(isDefault ? QString::fromLatin1(kDefaultRoute)
                                       : QString::fromStdString(parsed.key ? parsed.key->method : std::string("GET")));
    m_path->setText(isDefault ? QString() : QString::fromStdString(parsed.key ? parsed.key->path : std::string()));
    m_path->setEnabled(!isDefault);
    m_pathHint->setStyleSheet(QString());
    m_pathHint->setText(isDefault ? tr("$default answers every request no other route matches")
                                  : describePathParameters(m_path->text()));
    m_integration->clear();
    m_integration->addItem(tr("— none —"), QString());
    for (const Integration &integration : a->integrations()) {
        const std::string target = integration.type == "AWS_PROXY" ? integration.function.value_or("") : integration.uri.value_or("");
        m_integration->addItem(QStringLiteral("%1  (%2 %3)").arg(QString::fromStdString(integration.id),
                                                                 QString::fromStdString(integration.type),
                                                                 QString::fromStdString(target)),
                               QString::fromStdString(integration.id));
    }
    m_integration->addItem(tr("New integration…"), QStringLiteral("\x01new"));
    m_integration->setCurrentIndex(std::max(0, m_integration->findData(QString::fromStdString(r->integration.value_or("")))));
    m_authorization->setCurrentText(QString::fromStdString(r->authorizationType));
    m_authorizer->clear();
    m_authorizer->addItem(tr("— none —"), QString());
    for (const Authorizer &authorizer : a->authorizers)
        m_authorizer->addItem(QString::fromStdString(authorizer.name.empty() ? authorizer.id : authorizer.name),
                              QString::fromStdString(authorizer.id));
    m_authorizer->setCurrentIndex(std::max(0, m_authorizer->findData(QString::fromStdString(r->authorizer.value_or("")))));
    m_authorizer->setEnabled(r->authorizationType == "JWT" || r->authorizationType == "CUSTOM");
    QString url = m_urlOf ? m_urlOf(QString::fromStdString(a->id)) : QString();
    if (!url.isEmpty() && !isDefault && parsed.key)
        url += QString::fromStdString(parsed.key->path);
    m_url->setText(url.isEmpty() ? tr("(the gateway is not serving this API)") : url);
}

void RouteEditor::commitRouteKey(EditField field)
{
    const Route *r = route();
    if (!r)
        return;
    Route edited = *r;
    const QString method = m_method->currentText();
    if (method == QLatin1String(kDefaultRoute)) {
        edited.routeKey = kDefaultRoute;
    } else {
        QString path = m_path->text().trimmed();
        if (path.isEmpty())
            path = QStringLiteral("/");
        if (!path.startsWith(QLatin1Char('/')))
            path.prepend(QLatin1Char('/'));
        edited.routeKey = (method + QLatin1Char(' ') + path).toStdString();
    }
    commit(edited, field, tr("Route %1").arg(QString::fromStdString(edited.routeKey)));
}

void RouteEditor::commitIntegration()
{
    const Route *r = route();
    if (!r)
        return;
    Route edited = *r;
    const QString id = m_integration->currentData().toString();
    if (id == QLatin1String("\x01new")) {
        reloadLater();
        emit newIntegrationRequested(m_item);
        return;
    }
    edited.integration = id.isEmpty() ? std::optional<std::string>() : std::optional(id.toStdString());
    commit(edited, EditField::RouteIntegration, tr("Integration of %1").arg(QString::fromStdString(r->routeKey)));
}

void RouteEditor::commitAuthorization()
{
    const Route *r = route();
    if (!r)
        return;
    Route edited = *r;
    edited.authorizationType = m_authorization->currentText().toStdString();
    const QString authorizer = m_authorizer->currentData().toString();
    edited.authorizer = authorizer.isEmpty() || edited.authorizationType == "NONE" || edited.authorizationType == "AWS_IAM"
                            ? std::optional<std::string>()
                            : std::optional(authorizer.toStdString());
    commit(edited, EditField::RouteAuthorization, tr("Authorization of %1").arg(QString::fromStdString(r->routeKey)));
}

} // namespace gw::ui
