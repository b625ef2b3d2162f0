#include "method_editor.h"

#include "designer/logged_request_sample.h"
#include "monitor/access_log_model.h"

#include "designer/template_preview_panel.h"
#include "project_document.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>

#include <regex>

namespace gw::ui {

using Part = MethodExecutionView::Part;

namespace {
// The JSON of each part, as the file writes those fields.
Json methodRequestJson(const RestMethod &m)
{
    const Json all = Json(m);
    Json part = Json::object();
    for (const char *key : {"authorizationType", "authorizer", "apiKeyRequired", "requestValidator", "requestParameters", "requestModels"})
        part[key] = all.contains(key) ? all[key] : Json();
    return part;
}

const char *const kBackendKeys[] = {"type", "function", "uri", "httpMethod", "timeoutInMillis", "credentials", "tlsConfig"};
const char *const kRequestKeys[] = {"requestParameters", "passthroughBehavior", "contentHandling"};

Json integrationPart(const RestMethod &m, const char *const *keys, size_t count)
{
    Json part = Json::object();
    const Json all = m.integration ? Json(*m.integration) : Json::object();
    for (size_t i = 0; i < count; ++i)
        part[keys[i]] = all.contains(keys[i]) ? all[keys[i]] : Json();
    return part;
}

QString responseLabel(const IntegrationResponse &r)
{
    return r.selectionPattern.empty() ? QObject::tr("%1 (default)").arg(QString::fromStdString(r.statusCode))
                                      : QObject::tr("%1 /%2/").arg(QString::fromStdString(r.statusCode), QString::fromStdString(r.selectionPattern));
}
} // namespace

MethodEditor::MethodEditor(ProjectDocument *document, QWidget *parent) : ItemEditor(document, tr("REST method"), parent)
{
    m_view = new MethodExecutionView(this);
    m_form->addRow(m_view);
    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("methodParts"));
    m_form->addRow(m_pages);
    connect(m_view, &MethodExecutionView::partRequested, this, &MethodEditor::showPart);

    const auto page = [this](const QString &intro) {
        auto *w = new QWidget(m_pages);
        auto *layout = new QVBoxLayout(w);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *label = new QLabel(intro, w);
        label->setWordWrap(true);
        layout->addWidget(label);
        m_pages->addWidget(w);
        return layout;
    };
    for (int p = 0; p < MethodExecutionView::PartCount; ++p)
        m_json[p] = new PartJsonEdit([this, p](const Json &json, QString *error) { return commitPart(Part(p), json, error); }, this);

    QVBoxLayout *methodRequest = page(tr("Authorization, API key, the request validator, required parameters "
                                         "(\"method.request.querystring.q\": true) and the model per content type."));
    methodRequest->addWidget(m_json[Part::MethodRequest]);

    QVBoxLayout *integrationRequest = page(tr("Parameter mapping (\"integration.request.header.x\": \"method.request.querystring.q\"), "
                                              "passthrough and content handling; then the mapping template per Content-Type."));
    // The template is what this page is mostly for: the other settings fold away.
    const auto folded = [this](QVBoxLayout *layout, PartJsonEdit *json, const QString &title) {
        auto *toggle = new QToolButton(this);
        toggle->setText(title);
        toggle->setCheckable(true);
        toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        toggle->setArrowType(Qt::RightArrow);
        toggle->setAutoRaise(true);
        json->setVisible(false);
        connect(toggle, &QToolButton::toggled, this, [toggle, json](bool open) {
            json->setVisible(open);
            toggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        });
        layout->addWidget(toggle);
        layout->addWidget(json);
    };
    folded(integrationRequest, m_json[Part::IntegrationRequest], tr("Parameter mapping, passthrough, content handling (JSON)"));
    auto *requestRow = new QHBoxLayout;
    requestRow->addWidget(new QLabel(tr("Template for"), this));
    m_requestType = new QComboBox(this);
    m_requestType->setObjectName(QStringLiteral("requestTemplateType"));
    requestRow->addWidget(m_requestType, 1);
    auto *addRequest = new QPushButton(tr("Add content type…"), this);
    requestRow->addWidget(addRequest);
    integrationRequest->addLayout(requestRow);
    m_requestTemplate = new TemplatePreviewPanel(this);
    m_requestTemplate->setLoggedSamples([this] { return loggedSamples(false); });
    integrationRequest->addWidget(m_requestTemplate, 1);

    QVBoxLayout *backend = page(tr("What the integration calls: its type (AWS_PROXY, AWS, HTTP, HTTP_PROXY, MOCK), "
                                   "the function or URI, the method and the timeout."));
    m_backendNote = new QLabel(this);
    m_backendNote->setWordWrap(true);
    backend->addWidget(m_backendNote);
    backend->addWidget(m_json[Part::Backend]);

    QVBoxLayout *integrationResponse = page(tr("The responses selected by status (HTTP, MOCK) or by the error message "
                                               "(Lambda) as a whole-string regular expression, with header mappings; then the "
                                               "chosen response's template per content type."));
    folded(integrationResponse, m_json[Part::IntegrationResponse], tr("Responses, selection patterns, header mappings (JSON)"));
    auto *responseRow = new QHBoxLayout;
    responseRow->addWidget(new QLabel(tr("Template of"), this));
    m_responseChoice = new QComboBox(this);
    m_responseChoice->setObjectName(QStringLiteral("responseChoice"));
    responseRow->addWidget(m_responseChoice, 1);
    m_responseType = new QComboBox(this);
    m_responseType->setObjectName(QStringLiteral("responseTemplateType"));
    responseRow->addWidget(m_responseType, 1);
    auto *addResponse = new QPushButton(tr("Add content type…"), this);
    responseRow->addWidget(addResponse);
    integrationResponse->addLayout(responseRow);
    m_responseTemplate = new TemplatePreviewPanel(this);
    m_responseTemplate->setLoggedSamples([this] { return loggedSamples(true); });
    m_responseTemplate->setBodyLabel(tr("Sample: the backend's answer is \"body\" ($input)"));
    integrationResponse->addWidget(m_responseTemplate, 1);

    QVBoxLayout *methodResponse = page(tr("The statuses the method declares, with their headers "
                                          "(\"method.response.header.X\": false) and models."));
    methodResponse->addWidget(m_json[Part::MethodResponse]);

    connect(m_requestType, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading)
            loadTemplates();
    });
    connect(m_responseChoice, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading)
            loadTemplates();
    });
    connect(m_responseType, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading)
            loadTemplates();
    });
    connect(m_requestTemplate, &TemplatePreviewPanel::edited, this,
            [this](const QString &text) { commitTemplate(Part::IntegrationRequest, text); });
    connect(m_responseTemplate, &TemplatePreviewPanel::edited, this,
            [this](const QString &text) { commitTemplate(Part::IntegrationResponse, text); });
    const auto askType = [this](Part part) {
        bool ok = false;
        const QString type = QInputDialog::getText(this, tr("Add a mapping template"), tr("Content type"), QLineEdit::Normal,
                                                   QStringLiteral("application/json"), &ok);
        if (ok && !type.trimmed().isEmpty())
            addTemplate(part, type.trimmed());
    };
    connect(addRequest, &QPushButton::clicked, this, [askType] { askType(Part::IntegrationRequest); });
    connect(addResponse, &QPushButton::clicked, this, [askType] { askType(Part::IntegrationResponse); });
    showPart(Part::MethodRequest);
}

const RestMethod *MethodEditor::method(const RestResource **resource) const
{
    return findMethodItem(project(), m_item, resource);
}

const Api *MethodEditor::api() const
{
    return apiOfItem(project(), m_item);
}

void MethodEditor::showPart(Part part)
{
    m_view->setCurrentPart(part);
    m_pages->setCurrentIndex(int(part));
}

bool MethodEditor::commitPart(Part part, const Json &json, QString *error)
{
    const RestMethod *current = method();
    if (!current) {
        *error = tr("the method no longer exists");
        return false;
    }
    try {
        Json all = Json(*current);
        EditField field = EditField::MethodRequest;
        QString what;
        switch (part) {
        case Part::MethodRequest:
            for (auto it = json.begin(); it != json.end(); ++it)
                all[it.key()] = *it;
            what = tr("Edit method request of %1");
            break;
        case Part::IntegrationRequest:
        case Part::Backend: {
            Json integration = all.contains("integration") && all["integration"].is_object() ? all["integration"] : Json::object();
            for (auto it = json.begin(); it != json.end(); ++it)
                integration[it.key()] = *it;
            all["integration"] = integration;
            field = part == Part::Backend ? EditField::IntegrationTarget : EditField::MethodIntegrationRequest;
            what = part == Part::Backend ? tr("Edit backend of %1") : tr("Edit integration request of %1");
            break;
        }
        case Part::IntegrationResponse:
            if (!all.contains("integration") || !all["integration"].is_object()) {
                *error = tr("the method has no integration yet: choose one on the Backend box first");
                return false;
            }
            all["integration"]["integrationResponses"] = json;
            field = EditField::MethodIntegrationResponses;
            what = tr("Edit integration responses of %1");
            break;
        case Part::MethodResponse:
            all["methodResponses"] = json;
            field = EditField::MethodResponses;
            what = tr("Edit method responses of %1");
            break;
        case Part::PartCount: return false;
        }
        // Nulls are the file's "not set": dropped so that optional fields read as absent.
        for (auto it = all.begin(); it != all.end();)
            it = it->is_null() ? all.erase(it) : std::next(it);
        if (all.contains("integration"))
            for (auto it = all["integration"].begin(); it != all["integration"].end();)
                it = it->is_null() ? all["integration"].erase(it) : std::next(it);
        RestMethod after = all.get<RestMethod>();
        after.itemId = m_item;
        QString why;
        const bool ok = m_document->editItem(m_item, after, field, what.arg(QString::fromStdString(current->httpMethod)), &why);
        if (!ok)
            *error = why;
        return ok;
    } catch (const Json::exception &e) {
        *error = tr("not a valid %1: %2").arg(QStringLiteral("method part"), QString::fromUtf8(e.what()));
        return false;
    }
}

void MethodEditor::commitTemplate(Part part, const QString &text)
{
    const RestMethod *current = method();
    if (!current || !current->integration)
        return;
    RestMethod after = *current;
    const std::string type = (part == Part::IntegrationRequest ? m_requestType : m_responseType)->currentText().toStdString();
    if (type.empty())
        return;
    if (part == Part::IntegrationRequest) {
        after.integration->requestTemplates[type] = text.toStdString();
    } else {
        const int response = m_responseChoice->currentIndex();
        if (response < 0 || size_t(response) >= after.integration->integrationResponses.size())
            return;
        after.integration->integrationResponses[size_t(response)].responseTemplates[type] = text.toStdString();
    }
    commit(after, EditField::MethodTemplate, tr("Edit %1 template").arg(QString::fromStdString(type)));
}

bool MethodEditor::addTemplate(Part part, const QString &contentType)
{
    const RestMethod *current = method();
    if (!current)
        return false;
    RestMethod after = *current;
    if (!after.integration)
        after.integration = RestIntegration{};
    const std::string type = contentType.toStdString();
    if (part == Part::IntegrationRequest) {
        after.integration->requestTemplates.emplace(type, std::string());
    } else {
        if (after.integration->integrationResponses.empty())
            after.integration->integrationResponses.push_back(IntegrationResponse{});
        const int response = std::max(0, m_responseChoice->currentIndex());
        after.integration->integrationResponses[size_t(std::min<size_t>(size_t(response), after.integration->integrationResponses.size() - 1))]
            .responseTemplates.emplace(type, std::string());
    }
    if (!commit(after, EditField::Json, tr("Add %1 template").arg(contentType)))
        return false;
    QComboBox *combo = part == Part::IntegrationRequest ? m_requestType : m_responseType;
    combo->setCurrentText(contentType);
    loadTemplates();
    return true;
}

QString MethodEditor::defaultSample(bool forResponse) const
{
    const RestResource *resource = nullptr;
    const RestMethod *m = method(&resource);
    const Api *a = api();
    Json sample = Json::object();
    sample["body"] = forResponse ? R"({"id": "1", "items": [1, 2, 3]})" : R"({"name": "example"})";
    Json path = Json::object();
    if (resource) {
        static const std::regex kParameter(R"(\{([^}+]+)\+?\})");
        for (std::sregex_iterator it(resource->path.begin(), resource->path.end(), kParameter), end; it != end; ++it)
            path[(*it)[1].str()] = "1";
    }
    sample["path"] = path;
    sample["querystring"] = Json::object();
    sample["headers"] = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    Json variables = Json::object();
    if (a && !a->stages.empty())
        for (const auto &[name, value] : a->stages.front().stageVariables)
            variables[name] = value;
    sample["stageVariables"] = variables;
    sample["context"] = {{"stage", a && !a->stages.empty() ? a->stages.front().name : std::string("dev")},
                         {"resourcePath", resource ? resource->path : std::string("/")},
                         {"httpMethod", m ? m->httpMethod : std::string("GET")},
                         {"requestId", "c0ffee00-0000-4000-8000-000000000000"},
                         {"apiId", a ? a->apiId : std::string()},
                         {"accountId", project().accountId}};
    return QString::fromStdString(sample.dump(2));
}

QList<TemplatePreviewPanel::LoggedSample> MethodEditor::loggedSamples(bool forResponse) const
{
    QList<TemplatePreviewPanel::LoggedSample> out;
    const RestResource *resource = nullptr;
    const RestMethod *m = method(&resource);
    const Api *a = api();
    if (!m_traffic || !m || !resource || !a)
        return out;
    // The method's requests are its route's in the log ("GET /pets/{petId}"), on any stage.
    const QByteArray routeKey = QByteArray::fromStdString(m->httpMethod + ' ' + resource->path);
    const QByteArray apiId = QByteArray::fromStdString(a->apiId);
    constexpr int kShown = 15;
    for (int row = m_traffic->rowCount() - 1; row >= 0 && out.size() < kShown; --row) {
        const AccessLogEntry &entry = m_traffic->entryAt(row);
        if (entry.apiId != apiId || entry.routeKey != routeKey)
            continue;
        StringMap variables;
        for (const Stage &stage : a->stages)
            if (QByteArrayView(stage.name) == entry.stage)
                variables = stage.stageVariables;
        out.push_back({loggedRequestLabel(entry), loggedRequestSample(entry, resource->path, forResponse, variables)});
    }
    return out;
}

void MethodEditor::loadTemplates()
{
    const RestMethod *m = method();
    const bool loading = m_loading;
    m_loading = true;
    const auto refill = [](QComboBox *combo, const QStringList &items) {
        const QString current = combo->currentText();
        QSignalBlocker block(combo);
        if (combo->count() != items.size() || [&] {
                for (int i = 0; i < items.size(); ++i)
                    if (combo->itemText(i) != items[i])
                        return true;
                return false;
            }()) {
            combo->clear();
            combo->addItems(items);
        }
        const int keep = items.indexOf(current);
        combo->setCurrentIndex(keep >= 0 ? keep : (items.isEmpty() ? -1 : 0));
    };
    QStringList requestTypes, responses, responseTypes;
    const RestIntegration *integration = m && m->integration ? &*m->integration : nullptr;
    if (integration) {
        for (const auto &[type, text] : integration->requestTemplates)
            requestTypes << QString::fromStdString(type);
        for (const IntegrationResponse &r : integration->integrationResponses)
            responses << responseLabel(r);
    }
    refill(m_requestType, requestTypes);
    refill(m_responseChoice, responses);
    const int chosen = m_responseChoice->currentIndex();
    if (integration && chosen >= 0 && size_t(chosen) < integration->integrationResponses.size())
        for (const auto &[type, text] : integration->integrationResponses[size_t(chosen)].responseTemplates)
            responseTypes << QString::fromStdString(type);
    refill(m_responseType, responseTypes);
    const auto templateOf = [&](Part part) -> std::optional<std::string> {
        if (!integration)
            return std::nullopt;
        if (part == Part::IntegrationRequest) {
            const auto it = integration->requestTemplates.find(m_requestType->currentText().toStdString());
            return it == integration->requestTemplates.end() ? std::nullopt : std::optional(it->second);
        }
        if (chosen < 0 || size_t(chosen) >= integration->integrationResponses.size())
            return std::nullopt;
        const StringMap &templates = integration->integrationResponses[size_t(chosen)].responseTemplates;
        const auto it = templates.find(m_responseType->currentText().toStdString());
        return it == templates.end() ? std::nullopt : std::optional(it->second);
    };
    for (Part part : {Part::IntegrationRequest, Part::IntegrationResponse}) {
        TemplatePreviewPanel *panel = part == Part::IntegrationRequest ? m_requestTemplate : m_responseTemplate;
        const std::optional<std::string> text = templateOf(part);
        panel->setEnabledTemplate(text.has_value());
        panel->setTemplateText(text ? QString::fromStdString(*text) : QString());
    }
    m_loading = loading;
}

void MethodEditor::load()
{
    const RestResource *resource = nullptr;
    const RestMethod *m = method(&resource);
    const Api *a = api();
    if (!m || !resource || !a || !a->rest())
        return;
    setTitle(QStringLiteral("%1 %2").arg(QString::fromStdString(m->httpMethod), QString::fromStdString(resource->path)));
    m_view->showMethod(*a->rest(), *resource, *m);
    m_json[Part::MethodRequest]->setJson(methodRequestJson(*m));
    m_json[Part::IntegrationRequest]->setJson(integrationPart(*m, kRequestKeys, std::size(kRequestKeys)));
    m_json[Part::Backend]->setJson(integrationPart(*m, kBackendKeys, std::size(kBackendKeys)));
    m_json[Part::IntegrationResponse]->setJson(m->integration ? Json(m->integration->integrationResponses) : Json::array());
    m_json[Part::MethodResponse]->setJson(Json(m->methodResponses));
    m_backendNote->setText(MethodExecutionView::summaryOf(Part::Backend, *a->rest(), *m).replace(QLatin1Char('\n'), QStringLiteral(" · ")));
    if (m_sampleFor != m_item) {
        m_sampleFor = m_item;
        m_requestTemplate->setSample(defaultSample(false));
        m_responseTemplate->setSample(defaultSample(true));
    }
    loadTemplates();
}

} // namespace gw::ui
