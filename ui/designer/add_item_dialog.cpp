#include "add_item_dialog.h"

#include "free_port.h"
#include "model/project_items.h"
#include "model/project_loader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gw::ui {

namespace {
const QStringList kMethods{QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("PATCH"),
                           QStringLiteral("DELETE"), QStringLiteral("ANY"), QStringLiteral("$default")};
} // namespace

QByteArray functionTemplate(const std::string &runtime, const QString &name)
{
    if (runtime == "nodejs")
        return QStringLiteral("exports.handler = async (event) => {\n"
                              "  return {\n"
                              "    statusCode: 200,\n"
                              "    headers: {\"content-type\": \"application/json\"},\n"
                              "    body: JSON.stringify({message: \"Hello from %1\", path: event.rawPath}),\n"
                              "  };\n"
                              "};\n").arg(name).toUtf8();
    return QStringLiteral("import json\n\n\n"
                          "def handler(event, context):\n"
                          "    return {\n"
                          "        \"statusCode\": 200,\n"
                          "        \"headers\": {\"content-type\": \"application/json\"},\n"
                          "        \"body\": json.dumps({\"message\": \"Hello from %1\", \"path\": event.get(\"rawPath\")}),\n"
                          "    }\n").arg(name).toUtf8();
}

AddItemDialog::AddItemDialog(Kind kind, const Project &project, const QString &baseDir, ItemId api, QWidget *parent)
    : QDialog(parent), m_kind(kind), m_project(project), m_baseDir(baseDir), m_api(api)
{
    setObjectName(QStringLiteral("addItemDialog"));
    if (m_api == kNoItem || !findApiItem(project, m_api))
        for (const Api &a : project.apis)
            if (a.apiType() == ApiType::Http) {
                m_api = a.itemId;
                break;
            }
    auto *layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    layout->addLayout(m_form);
    const Api *target = findApiItem(m_project, m_api);
    QStringList integrations{tr("(none)")};
    if (target)
        for (const Integration &i : target->integrations())
            integrations << QString::fromStdString(i.id);
    QStringList functions;
    for (const Function &f : project.functions)
        functions << QString::fromStdString(f.name);
    switch (kind) {
    case Kind::Route:
        setWindowTitle(tr("Add route"));
        combo("method", tr("Method"), kMethods);
        line("path", tr("Path"), QStringLiteral("/items/{id}"))->setToolTip(tr("{name} is one segment; {name+} (last) the rest"));
        combo("integration", tr("Integration"), integrations)->setCurrentIndex(integrations.size() > 1 ? 1 : 0);
        break;
    case Kind::Integration:
        setWindowTitle(tr("Add integration"));
        line("id", tr("Id"), QStringLiteral("items"));
        combo("type", tr("Type"), {QStringLiteral("AWS_PROXY"), QStringLiteral("HTTP_PROXY")});
        combo("function", tr("Function"), functions);
        line("uri", tr("URI (HTTP_PROXY)"), QStringLiteral("http://127.0.0.1:9000/{proxy}"));
        combo("payload", tr("Payload format"), {QStringLiteral("2.0"), QStringLiteral("1.0")});
        break;
    case Kind::Function:
        setWindowTitle(tr("Add function"));
        line("name", tr("Name"), QStringLiteral("items"));
        combo("runtime", tr("Runtime"), {QStringLiteral("python3"), QStringLiteral("nodejs")});
        m_alsoRoute = new QCheckBox(tr("also create an integration and a route"), this);
        m_alsoRoute->setObjectName(QStringLiteral("alsoRoute"));
        m_alsoRoute->setChecked(target != nullptr);
        m_alsoRoute->setEnabled(target != nullptr);
        m_form->addRow(QString(), m_alsoRoute);
        connect(m_alsoRoute, &QCheckBox::toggled, this, &AddItemDialog::rebuild);
        line("routeKey", tr("Route"), QStringLiteral("GET /items"));
        break;
    case Kind::Stage:
        setWindowTitle(tr("Add stage"));
        line("name", tr("Name"), QStringLiteral("dev"));
        break;
    case Kind::Api:
        setWindowTitle(tr("Add API"));
        line("name", tr("Name"), QStringLiteral("my-api"));
        combo("type", tr("Type"), {QStringLiteral("HTTP"), QStringLiteral("REST"), QStringLiteral("WEBSOCKET")});
        break;
    }
    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problem"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #c62828"));
    layout->addWidget(m_problemLabel);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    rebuild();
}

QLineEdit *AddItemDialog::line(const char *name, const QString &label, const QString &text)
{
    auto *edit = new QLineEdit(text, this);
    edit->setObjectName(QLatin1String(name));
    m_form->addRow(label, edit);
    m_fields[QLatin1String(name)] = edit;
    connect(edit, &QLineEdit::textChanged, this, &AddItemDialog::rebuild);
    return edit;
}

QComboBox *AddItemDialog::combo(const char *name, const QString &label, const QStringList &items)
{
    auto *box = new QComboBox(this);
    box->setObjectName(QLatin1String(name));
    box->addItems(items);
    m_form->addRow(label, box);
    m_fields[QLatin1String(name)] = box;
    connect(box, &QComboBox::currentIndexChanged, this, &AddItemDialog::rebuild);
    return box;
}

void AddItemDialog::rebuild()
{
    if (!m_buttons)
        return; // still being built: the constructor rebuilds once at its end
    auto text = [this](const char *name) -> std::string {
        QWidget *w = m_fields.count(QLatin1String(name)) ? m_fields.at(QLatin1String(name)) : nullptr;
        if (auto *e = qobject_cast<QLineEdit *>(w))
            return e->text().trimmed().toStdString();
        if (auto *c = qobject_cast<QComboBox *>(w))
            return c->currentText().toStdString();
        return {};
    };
    m_result = m_project;
    m_files.clear();
    m_problem.clear();
    Api *api = findApiItem(m_result, m_api);
    switch (m_kind) {
    case Kind::Route: {
        if (!api || !api->mutableRoutes()) {
            m_problem = tr("Add an HTTP API first");
            break;
        }
        Route route;
        route.routeKey = text("method") == "$default" ? "$default" : text("method") + " " + text("path");
        if (text("integration") != tr("(none)").toStdString() && !text("integration").empty())
            route.integration = text("integration");
        m_created = route.itemId;
        api->mutableRoutes()->push_back(route);
        break;
    }
    case Kind::Integration: {
        if (!api || !api->mutableIntegrations()) {
            m_problem = tr("Add an HTTP API first");
            break;
        }
        Integration integration;
        integration.id = text("id");
        integration.type = text("type");
        if (integration.type == "AWS_PROXY") {
            integration.function = text("function");
            integration.payloadFormatVersion = text("payload");
        } else {
            integration.uri = text("uri");
        }
        m_fields.at(QStringLiteral("function"))->setEnabled(integration.type == "AWS_PROXY");
        m_fields.at(QStringLiteral("payload"))->setEnabled(integration.type == "AWS_PROXY");
        m_fields.at(QStringLiteral("uri"))->setEnabled(integration.type != "AWS_PROXY");
        m_created = integration.itemId;
        api->mutableIntegrations()->push_back(integration);
        break;
    }
    case Kind::Function: {
        Function function;
        function.name = text("name");
        function.runtime = text("runtime");
        function.codeDir = "functions/" + function.name;
        const QString source = QString::fromStdString(function.codeDir) +
                               (function.runtime == "nodejs" ? QStringLiteral("/app.js") : QStringLiteral("/app.py"));
        if (!QFile::exists(QDir(m_baseDir).absoluteFilePath(source)))
            m_files[source] = functionTemplate(function.runtime, QString::fromStdString(function.name));
        m_created = function.itemId;
        m_result.functions.push_back(function);
        const bool also = m_alsoRoute && m_alsoRoute->isChecked();
        m_fields.at(QStringLiteral("routeKey"))->setEnabled(also);
        if (also && api && api->mutableRoutes()) {
            Integration integration;
            integration.id = function.name;
            integration.function = function.name;
            Route route;
            route.routeKey = text("routeKey");
            route.integration = integration.id;
            api->mutableIntegrations()->push_back(integration);
            api->mutableRoutes()->push_back(route);
        }
        break;
    }
    case Kind::Stage: {
        if (!api) {
            m_problem = tr("Add an API first");
            break;
        }
        Stage stage;
        stage.name = text("name");
        m_created = stage.itemId;
        api->stages.push_back(stage);
        break;
    }
    case Kind::Api: {
        Api created;
        created.name = text("name");
        created.id = text("name");
        const std::string type = text("type");
        created.setType(type == "REST" ? ApiType::Rest : type == "WEBSOCKET" ? ApiType::WebSocket : ApiType::Http);
        created.apiId = generateApiId();
        created.port = freeLoopbackPort(); // stable from the start: the URL does not change between runs
        Stage stage;
        stage.name = created.apiType() == ApiType::Http ? "$default" : "dev";
        created.stages.push_back(stage);
        m_created = created.itemId;
        m_result.apis.push_back(created);
        break;
    }
    }
    if (m_problem.isEmpty())
        if (auto problem = checkProject(m_result))
            m_problem = QString::fromStdString(problem->message);
    m_problemLabel->setText(m_problem);
    m_problemLabel->setVisible(!m_problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
}

Project AddItemDialog::result() const
{
    return m_result;
}

QString AddItemDialog::description() const
{
    return windowTitle();
}

bool AddItemDialog::writeFiles(QString *error) const
{
    for (const auto &[relative, content] : m_files) {
        const QString path = QDir(m_baseDir).absoluteFilePath(relative);
        if (QFile::exists(path))
            continue; // never overwrite code
        QFile file(path);
        if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
            return false;
        }
    }
    return true;
}

} // namespace gw::ui
