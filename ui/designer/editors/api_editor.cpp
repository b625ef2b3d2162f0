#include "api_editor.h"

#include "gateway_responses_table.h"
#include "request_validators_table.h"

#include "part_json_edit.h"
#include "pipeline/model_schemas.h"
#include "project_document.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QPushButton>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace gw::ui {

ApiEditor::ApiEditor(ProjectDocument *document, QWidget *parent) : ItemEditor(document, tr("API"), parent)
{
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_form->addRow(tr("Name"), m_name);
    m_type = new QLabel(this);
    m_form->addRow(tr("Type"), m_type);
    m_apiId = new QLabel(this);
    m_apiId->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_apiId->setToolTip(tr("The API id the service would give it: it appears in domain names and ARNs"));
    m_form->addRow(tr("API id"), m_apiId);
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("a free port, chosen at each start"));
    m_form->addRow(tr("Port"), m_port);
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("description"));
    m_form->addRow(tr("Description"), m_description);
    m_url = new QLabel(this);
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(tr("URL"), m_url);

    // REST: models, validators, binary media types, gateway responses.
    auto *models = new QHBoxLayout;
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("model"));
    auto *addModelButton = new QPushButton(tr("Add model…"), this);
    auto *removeModelButton = new QPushButton(tr("Remove"), this);
    models->addWidget(m_model, 1);
    models->addWidget(addModelButton);
    models->addWidget(removeModelButton);
    m_form->addRow(tr("Models"), models);
    m_restRows.push_back(m_form->rowCount() - 1);
    m_modelType = new QLineEdit(this);
    m_modelType->setObjectName(QStringLiteral("modelContentType"));
    m_form->addRow(tr("Content type"), m_modelType);
    m_restRows.push_back(m_form->rowCount() - 1);
    m_schema = new PartJsonEdit([this](const Json &schema, QString *error) { return applySchema(schema, error); }, this);
    m_schema->setObjectName(QStringLiteral("modelSchema"));
    m_schema->setToolTip(tr("JSON Schema draft 4; another model is $ref'd as https://apigateway.amazonaws.com/restapis/API_ID/models/NAME"));
    m_form->addRow(tr("Schema"), m_schema);
    m_restRows.push_back(m_form->rowCount() - 1);
    m_validators = new RequestValidatorsTable(this);
    m_validators->setObjectName(QStringLiteral("requestValidators"));
    m_form->addRow(tr("Request validators"), m_validators);
    m_restRows.push_back(m_form->rowCount() - 1);
    m_validators->setUsage([this](const std::string &id) {
        QStringList users;
        if (const Api *a = api(); a && a->rest())
            for (const RestResource &resource : a->rest()->resources)
                for (const RestMethod &method : resource.methods)
                    if (method.requestValidator == id)
                        users << QString::fromStdString(method.httpMethod + ' ' + resource.path);
        return users;
    });
    connect(m_validators, &RequestValidatorsTable::refused, this, &ApiEditor::setProblem);
    connect(m_validators, &RequestValidatorsTable::edited, this, [this](const std::vector<RequestValidator> &validators) {
        editRest([&](RestApiSpec &rest) { rest.requestValidators = validators; }, tr("request validators"));
    });
    m_gatewayResponses = new GatewayResponsesTable(this);
    m_gatewayResponses->setObjectName(QStringLiteral("gatewayResponses"));
    m_form->addRow(tr("Gateway responses"), m_gatewayResponses);
    m_restRows.push_back(m_form->rowCount() - 1);
    // Each cell finished is an undo step of its own (a row's status and template are two edits).
    connect(m_gatewayResponses, &GatewayResponsesTable::edited, this, [this](const Json &responses) {
        editRest([&](RestApiSpec &rest) { rest.gatewayResponses = responses; }, tr("gateway responses"));
    });
    m_restSettings = new PartJsonEdit([this](const Json &settings, QString *error) { return applyRestSettings(settings, error); }, this);
    m_restSettings->setObjectName(QStringLiteral("restSettings"));
    m_form->addRow(tr("Validators, binary\nmedia, gateway\nresponses"), m_restSettings);
    m_restRows.push_back(m_form->rowCount() - 1);
    connect(m_model, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading)
            load();
    });
    connect(m_modelType, &QLineEdit::editingFinished, this, [this] {
        const Api *a = api();
        const int index = m_model->currentIndex();
        if (!a || !a->rest() || index < 0 || size_t(index) >= a->rest()->models.size())
            return;
        Api edited = *a;
        edited.rest()->models[size_t(index)].contentType = m_modelType->text().trimmed().toStdString();
        commit(edited, EditField::ApiModels, tr("Model %1").arg(m_model->currentText()));
    });
    connect(addModelButton, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Add model"), tr("Name (letters and digits)"), QLineEdit::Normal, QString(), &ok);
        if (ok)
            addModel(name.trimmed());
    });
    connect(removeModelButton, &QPushButton::clicked, this, &ApiEditor::removeModel);

    connect(m_name, &QLineEdit::editingFinished, this, [this] { commitChange(EditField::ApiName); });
    connect(m_port, &QSpinBox::editingFinished, this, [this] { commitChange(EditField::ApiPort); });
    connect(m_description, &QLineEdit::editingFinished, this, [this] { commitChange(EditField::ApiDescription); });
}

const Api *ApiEditor::api() const
{
    return findApiItem(project(), m_item);
}

void ApiEditor::load()
{
    const Api *a = api();
    if (!a)
        return;
    setTitle(QString::fromStdString(a->name));
    m_name->setText(QString::fromStdString(a->name));
    m_type->setText(QString::fromStdString(a->typeName()));
    m_apiId->setText(QString::fromStdString(a->apiId));
    m_port->setValue(a->port);
    m_description->setText(QString::fromStdString(a->description));
    const QString url = m_urlOf ? m_urlOf(QString::fromStdString(a->id)) : QString();
    m_url->setText(url.isEmpty() ? tr("(not served)") : url);
    const RestApiSpec *rest = a->rest();
    for (int row : m_restRows)
        m_form->setRowVisible(row, rest != nullptr);
    if (!rest)
        return;
    QStringList names;
    for (const Model &model : rest->models)
        names << QString::fromStdString(model.name);
    const QString current = m_model->currentText();
    {
        QSignalBlocker block(m_model);
        m_model->clear();
        m_model->addItems(names);
        m_model->setCurrentIndex(names.contains(current) ? int(names.indexOf(current)) : (names.isEmpty() ? -1 : 0));
    }
    const int index = m_model->currentIndex();
    const Model *model = index >= 0 ? &rest->models[size_t(index)] : nullptr;
    m_modelType->setText(model ? QString::fromStdString(model->contentType) : QString());
    m_modelType->setEnabled(model != nullptr);
    m_schema->setEnabled(model != nullptr);
    m_schema->setJson(model ? model->schema : Json::object());
    m_gatewayResponses->setResponses(rest->gatewayResponses);
    m_validators->setValidators(rest->requestValidators);
    m_restSettings->setJson({{"requestValidators", Json(rest->requestValidators)},
                             {"binaryMediaTypes", Json(rest->binaryMediaTypes)},
                             {"gatewayResponses", rest->gatewayResponses.is_object() ? rest->gatewayResponses : Json::object()},
                             {"apiKeySource", rest->apiKeySource}});
}

bool ApiEditor::editRest(const std::function<void(RestApiSpec &)> &change, const QString &part)
{
    // An undo step of its own, as each finished cell of the tables is.
    Project edited = project();
    Api *a = findApiItem(edited, m_item);
    if (!a || !a->rest())
        return false;
    change(*a->rest());
    QString error;
    const bool applied = m_document->apply(edited, tr("Edit %1's %2").arg(QString::fromStdString(a->name), part), &error, m_item);
    setProblem(applied ? QString() : error);
    return applied;
}

bool ApiEditor::applySchema(const Json &schema, QString *error)
{
    const Api *a = api();
    const int index = m_model->currentIndex();
    if (!a || !a->rest() || index < 0 || size_t(index) >= a->rest()->models.size()) {
        *error = tr("no model is chosen");
        return false;
    }
    Api edited = *a;
    edited.rest()->models[size_t(index)].schema = schema;
    // Checked as the deployment compiles it (valijson, draft 4, the other models' $refs).
    ModelSchemas schemas;
    std::string why;
    size_t failed = 0;
    if (!schemas.compile(edited.rest()->models, &why, &failed)) {
        *error = tr("Not applied: %1").arg(QString::fromStdString(why.empty() ? std::string("the schema does not compile") : why));
        return false;
    }
    QString refused;
    if (!m_document->editItem(m_item, edited, EditField::ApiModelSchema, tr("Edit model %1").arg(m_model->currentText()), &refused)) {
        *error = refused;
        return false;
    }
    return true;
}

bool ApiEditor::applyRestSettings(const Json &settings, QString *error)
{
    const Api *a = api();
    if (!a || !a->rest() || !settings.is_object()) {
        *error = tr("a JSON object with requestValidators, binaryMediaTypes, gatewayResponses and apiKeySource is expected");
        return false;
    }
    Api edited = *a;
    RestApiSpec &rest = *edited.rest();
    try {
        if (settings.contains("requestValidators")) {
            std::vector<RequestValidator> validators = settings["requestValidators"].get<std::vector<RequestValidator>>();
            // The same validators keep their identity (the explorer's selection, undo).
            for (size_t i = 0; i < validators.size() && i < rest.requestValidators.size(); ++i)
                validators[i].itemId = rest.requestValidators[i].itemId;
            rest.requestValidators = std::move(validators);
        }
        if (settings.contains("binaryMediaTypes"))
            rest.binaryMediaTypes = settings["binaryMediaTypes"].get<std::vector<std::string>>();
        if (settings.contains("gatewayResponses")) {
            if (!settings["gatewayResponses"].is_object())
                throw std::invalid_argument("gatewayResponses must be an object of response types");
            rest.gatewayResponses = settings["gatewayResponses"];
        }
        if (settings.contains("apiKeySource"))
            rest.apiKeySource = settings["apiKeySource"].get<std::string>();
    } catch (const std::exception &e) {
        *error = tr("Not applied: %1").arg(QString::fromUtf8(e.what()));
        return false;
    }
    QString refused;
    if (!m_document->editItem(m_item, edited, EditField::ApiRestSettings, tr("Edit %1's REST settings").arg(QString::fromStdString(a->name)),
                              &refused)) {
        *error = refused;
        return false;
    }
    return true;
}

bool ApiEditor::addModel(const QString &name)
{
    const Api *a = api();
    if (!a || !a->rest() || name.isEmpty())
        return false;
    for (const Model &m : a->rest()->models)
        if (QString::fromStdString(m.name) == name) {
            setProblem(tr("A model named %1 exists already").arg(name));
            return false;
        }
    Api edited = *a;
    Model model;
    model.name = name.toStdString();
    model.schema = {{"$schema", "http://json-schema.org/draft-04/schema#"}, {"type", "object"}, {"properties", Json::object()}};
    edited.rest()->models.push_back(model);
    if (!commit(edited, EditField::Json, tr("Add model %1").arg(name)))
        return false;
    m_model->setCurrentText(name);
    return true;
}

bool ApiEditor::removeModel()
{
    const Api *a = api();
    const int index = m_model->currentIndex();
    if (!a || !a->rest() || index < 0 || size_t(index) >= a->rest()->models.size())
        return false;
    Api edited = *a;
    const QString name = m_model->currentText();
    edited.rest()->models.erase(edited.rest()->models.begin() + index);
    return commit(edited, EditField::Json, tr("Remove model %1").arg(name));
}

void ApiEditor::commitChange(EditField field)
{
    const Api *a = api();
    if (!a)
        return;
    Api edited = *a;
    edited.name = m_name->text().trimmed().toStdString();
    edited.port = m_port->value();
    edited.description = m_description->text().toStdString();
    commit(edited, field, tr("API %1").arg(QString::fromStdString(a->name)));
}

} // namespace gw::ui
