#include "integration_editor.h"

#include "common/limits.h"
#include "integrations/backend_uri_template.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace gw::ui {

IntegrationEditor::IntegrationEditor(ProjectDocument *document, QWidget *parent)
    : ItemEditor(document, tr("Integration"), parent)
{
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("type"));
    m_type->addItem(tr("Lambda function (AWS_PROXY)"), QStringLiteral("AWS_PROXY"));
    m_type->addItem(tr("HTTP endpoint (HTTP_PROXY)"), QStringLiteral("HTTP_PROXY"));
    m_form->addRow(tr("Type"), m_type);
    m_function = new QComboBox(this);
    m_function->setObjectName(QStringLiteral("function"));
    m_function->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_function->setMinimumContentsLength(24);
    m_form->addRow(tr("Function"), m_function);
    m_payload = new QComboBox(this);
    m_payload->setObjectName(QStringLiteral("payload"));
    m_payload->addItems({QStringLiteral("2.0"), QStringLiteral("1.0")});
    m_payload->setToolTip(tr("The Lambda event's format: 2.0 (rawPath, cookies) or 1.0 (multiValueHeaders)"));
    m_form->addRow(tr("Payload format"), m_payload);
    m_uri = new QLineEdit(this);
    m_uri->setObjectName(QStringLiteral("uri"));
    m_uri->setPlaceholderText(QStringLiteral("http://127.0.0.1:9000/items/{proxy}"));
    m_form->addRow(tr("URI"), m_uri);
    m_uriHint = new QLabel(this);
    m_uriHint->setStyleSheet(QStringLiteral("color: #c62828"));
    m_form->addRow(QString(), m_uriHint);
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("method"));
    m_method->addItems({QStringLiteral("ANY"), QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS")});
    m_method->setToolTip(tr("ANY sends the client's method"));
    m_form->addRow(tr("Method"), m_method);
    m_serverName = new QLineEdit(this);
    m_serverName->setObjectName(QStringLiteral("serverNameToVerify"));
    m_serverName->setPlaceholderText(tr("the URI's host"));
    // HTTP APIs have no insecureSkipVerification (a REST API setting): a private CA is trusted instead.
    m_serverName->setToolTip(tr("The name the backend's certificate must carry, sent as SNI. The certificate's issuer "
                                "must be trusted by the system or listed in the PEM file SSL_CERT_FILE names."));
    m_form->addRow(tr("Server name"), m_serverName);
    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setRange(50, limits::kMaxHttpApiIntegrationTimeoutMs); // HTTP API quota: 50 ms to 30 s
    m_timeout->setSuffix(tr(" ms"));
    m_form->addRow(tr("Timeout"), m_timeout);
    m_usedBy = new QLabel(this);
    m_usedBy->setObjectName(QStringLiteral("usedBy"));
    m_form->addRow(tr("Used by"), m_usedBy);

    connect(m_type, &QComboBox::activated, this, [this] { commitChange(EditField::IntegrationType); });
    connect(m_function, &QComboBox::activated, this, [this] { commitChange(EditField::IntegrationTarget); });
    connect(m_payload, &QComboBox::activated, this, [this] { commitChange(EditField::IntegrationPayloadFormat); });
    connect(m_method, &QComboBox::activated, this, [this] { commitChange(EditField::IntegrationMethod); });
    connect(m_uri, &QLineEdit::editingFinished, this, [this] { commitChange(EditField::IntegrationTarget); });
    connect(m_uri, &QLineEdit::textEdited, this, [this](const QString &text) {
        const BackendUriTemplate uri(text.toStdString());
        m_uriHint->setText(uri.isValid() ? QString() : uri.error());
    });
    connect(m_timeout, &QSpinBox::editingFinished, this, [this] { commitChange(EditField::IntegrationTimeout); });
    connect(m_serverName, &QLineEdit::editingFinished, this, [this] { commitChange(EditField::IntegrationTls); });
}

const Integration *IntegrationEditor::integration() const
{
    return findIntegrationItem(project(), m_item);
}

void IntegrationEditor::showFieldsFor(const QString &type)
{
    const bool lambda = type == QLatin1String("AWS_PROXY");
    for (QWidget *w : {static_cast<QWidget *>(m_function), static_cast<QWidget *>(m_payload)}) {
        w->setVisible(lambda);
        m_form->labelForField(w)->setVisible(lambda);
    }
    for (QWidget *w : {static_cast<QWidget *>(m_uri), static_cast<QWidget *>(m_method),
                       static_cast<QWidget *>(m_serverName)}) {
        w->setVisible(!lambda);
        m_form->labelForField(w)->setVisible(!lambda);
    }
    m_uriHint->setVisible(!lambda);
}

void IntegrationEditor::load()
{
    const Integration *i = integration();
    if (!i)
        return;
    setTitle(QString::fromStdString(i->id));
    const QString type = QString::fromStdString(i->type);
    if (m_type->findData(type) < 0)
        m_type->addItem(type, type); // MOCK, AWS, HTTP: shown as they are (not served on HTTP APIs yet)
    m_type->setCurrentIndex(m_type->findData(type));
    m_function->clear();
    for (const Function &function : project().functions)
        m_function->addItem(QString::fromStdString(function.name));
    const QString function = QString::fromStdString(functionNameFromReference(i->function.value_or("")));
    if (!function.isEmpty() && m_function->findText(function) < 0)
        m_function->addItem(function);
    m_function->setCurrentText(function);
    m_payload->setCurrentText(QString::fromStdString(i->payloadFormatVersion));
    m_uri->setText(QString::fromStdString(i->uri.value_or("")));
    m_uriHint->clear();
    m_method->setCurrentText(QString::fromStdString(i->method));
    m_timeout->setValue(i->timeoutInMillis);
    m_serverName->setText(QString::fromStdString(i->tlsConfig ? i->tlsConfig->serverNameToVerify.value_or("") : ""));
    showFieldsFor(type);
    QStringList users;
    if (const Api *api = apiOfItem(project(), m_item))
        for (const Route &route : api->routes())
            if (route.integration == i->id)
                users << QString::fromStdString(route.routeKey);
    m_usedBy->setText(users.isEmpty() ? tr("no route") : users.join(QLatin1Char('\n')));
}

void IntegrationEditor::commitChange(EditField field)
{
    const Integration *i = integration();
    if (!i)
        return;
    Integration edited = *i;
    edited.type = m_type->currentData().toString().toStdString();
    if (edited.type == "AWS_PROXY") {
        const QString function = m_function->currentText();
        edited.function = function.isEmpty() ? std::optional<std::string>() : std::optional(function.toStdString());
        edited.payloadFormatVersion = m_payload->currentText().toStdString();
    } else {
        const QString uri = m_uri->text().trimmed();
        edited.uri = uri.isEmpty() ? std::optional<std::string>() : std::optional(uri.toStdString());
        edited.method = m_method->currentText().toStdString();
        const QString serverName = m_serverName->text().trimmed();
        // A file's insecureSkipVerification is kept as written (validate says HTTP APIs ignore it).
        const bool keptSkip = i->tlsConfig && i->tlsConfig->insecureSkipVerification;
        if (keptSkip || !serverName.isEmpty()) {
            TlsConfig tls;
            tls.insecureSkipVerification = keptSkip;
            if (!serverName.isEmpty())
                tls.serverNameToVerify = serverName.toStdString();
            edited.tlsConfig = tls;
        } else {
            edited.tlsConfig.reset();
        }
    }
    edited.timeoutInMillis = m_timeout->value();
    if (field == EditField::IntegrationType)
        showFieldsFor(QString::fromStdString(edited.type));
    commit(edited, field, tr("Integration %1").arg(QString::fromStdString(i->id)));
}

} // namespace gw::ui
