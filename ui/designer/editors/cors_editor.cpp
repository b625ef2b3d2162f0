#include "cors_editor.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace gw::ui {

namespace {
QString joined(const std::vector<std::string> &items)
{
    QStringList out;
    for (const std::string &item : items)
        out << QString::fromStdString(item);
    return out.join(QStringLiteral(", "));
}

std::vector<std::string> split(const QString &text)
{
    std::vector<std::string> out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out.push_back(part.trimmed().toStdString());
    return out;
}
} // namespace

CorsEditor::CorsEditor(ProjectDocument *document, QWidget *parent) : ItemEditor(document, tr("CORS"), parent)
{
    m_enabled = new QCheckBox(tr("the gateway answers preflights and adds CORS headers"), this);
    m_enabled->setObjectName(QStringLiteral("corsEnabled"));
    m_form->addRow(tr("CORS"), m_enabled);
    auto line = [this](const char *name, const QString &label, const QString &placeholder) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QLatin1String(name));
        edit->setPlaceholderText(placeholder);
        m_form->addRow(label, edit);
        connect(edit, &QLineEdit::editingFinished, this, &CorsEditor::commitChange);
        return edit;
    };
    m_origins = line("allowOrigins", tr("Allowed origins"), QStringLiteral("https://app.example.com, http://localhost:3000"));
    m_origins->setToolTip(tr("Exact origins, or *, https://* or http://*"));
    m_methods = line("allowMethods", tr("Allowed methods"), QStringLiteral("GET, POST"));
    m_headers = line("allowHeaders", tr("Allowed headers"), QStringLiteral("content-type, authorization"));
    m_expose = line("exposeHeaders", tr("Exposed headers"), QStringLiteral("x-request-id"));
    m_maxAge = new QSpinBox(this);
    m_maxAge->setObjectName(QStringLiteral("maxAge"));
    m_maxAge->setRange(-1, 86400);
    m_maxAge->setSpecialValueText(tr("not sent"));
    m_maxAge->setSuffix(tr(" s"));
    m_form->addRow(tr("Max age"), m_maxAge);
    m_credentials = new QCheckBox(tr("allow credentials (cookies, Authorization)"), this);
    m_credentials->setObjectName(QStringLiteral("allowCredentials"));
    m_form->addRow(tr("Credentials"), m_credentials);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("preflightPreview"));
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(tr("Preflight answer"), m_preview);
    connect(m_enabled, &QCheckBox::toggled, this, &CorsEditor::commitChange);
    connect(m_credentials, &QCheckBox::toggled, this, &CorsEditor::commitChange);
    connect(m_maxAge, &QSpinBox::editingFinished, this, &CorsEditor::commitChange);
}

void CorsEditor::load()
{
    const Api *api = findApiItem(project(), m_item);
    const HttpApiSpec *http = api ? api->http() : nullptr;
    if (!http)
        return;
    setTitle(tr("CORS of %1").arg(QString::fromStdString(api->name)));
    const Cors *cors = http->cors ? &*http->cors : nullptr;
    m_enabled->setChecked(cors != nullptr);
    m_origins->setText(cors ? joined(cors->allowOrigins) : QString());
    m_methods->setText(cors ? joined(cors->allowMethods) : QString());
    m_headers->setText(cors ? joined(cors->allowHeaders) : QString());
    m_expose->setText(cors ? joined(cors->exposeHeaders) : QString());
    m_maxAge->setValue(cors && cors->maxAge ? *cors->maxAge : -1);
    m_credentials->setChecked(cors && cors->allowCredentials);
    for (QWidget *w : {static_cast<QWidget *>(m_origins), static_cast<QWidget *>(m_methods), static_cast<QWidget *>(m_headers),
                       static_cast<QWidget *>(m_expose), static_cast<QWidget *>(m_maxAge), static_cast<QWidget *>(m_credentials)})
        w->setEnabled(cors != nullptr);
    showPreview(cors);
}

void CorsEditor::showPreview(const Cors *cors)
{
    // What a browser's preflight from the first allowed origin gets back (HttpApiCorsPreflightStage).
    if (!cors || cors->allowOrigins.empty()) {
        m_preview->setText(cors ? tr("no origin allowed: preflights get no CORS headers") : tr("preflights reach the routes"));
        return;
    }
    QStringList lines{QStringLiteral("HTTP/1.1 204 No Content")};
    const QString origin = QString::fromStdString(cors->allowOrigins.front());
    lines << QStringLiteral("access-control-allow-origin: %1").arg(origin);
    if (!cors->allowMethods.empty())
        lines << QStringLiteral("access-control-allow-methods: %1").arg(joined(cors->allowMethods));
    if (!cors->allowHeaders.empty())
        lines << QStringLiteral("access-control-allow-headers: %1").arg(joined(cors->allowHeaders));
    if (cors->maxAge)
        lines << QStringLiteral("access-control-max-age: %1").arg(*cors->maxAge);
    if (cors->allowCredentials)
        lines << QStringLiteral("access-control-allow-credentials: true");
    m_preview->setText(lines.join(QLatin1Char('\n')));
}

void CorsEditor::commitChange()
{
    const Api *api = findApiItem(project(), m_item);
    if (!api || !api->http())
        return;
    Api edited = *api;
    HttpApiSpec *http = edited.http();
    if (!m_enabled->isChecked()) {
        http->cors.reset();
    } else {
        Cors cors = http->cors.value_or(Cors{});
        if (!http->cors) {
            cors.allowOrigins = {"*"}; // what the console starts with
            cors.allowMethods = {"*"};
            cors.allowHeaders = {"*"};
        } else {
            cors.allowOrigins = split(m_origins->text());
            cors.allowMethods = split(m_methods->text());
            cors.allowHeaders = split(m_headers->text());
            cors.exposeHeaders = split(m_expose->text());
            cors.maxAge = m_maxAge->value() < 0 ? std::optional<int>() : std::optional<int>(m_maxAge->value());
            cors.allowCredentials = m_credentials->isChecked();
        }
        http->cors = cors;
    }
    commit(edited, EditField::ApiCors, tr("CORS of %1").arg(QString::fromStdString(api->name)));
}

} // namespace gw::ui
