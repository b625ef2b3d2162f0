#include "json_item_editor.h"

#include <QFormLayout>
#include <QPushButton>
#include <QVBoxLayout>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>

namespace gw::ui {

namespace {
// The item's text with its identity kept: parsed items get fresh ids otherwise.
template <typename Item> Item parsedKeepingId(const Json &json, ItemId id)
{
    Item item = json.get<Item>();
    item.itemId = id;
    return item;
}
} // namespace

JsonItemEditor::JsonItemEditor(ProjectDocument *document, QWidget *parent) : ItemEditor(document, tr("Item (JSON)"), parent)
{
    m_json = new QsciScintilla(this);
    m_json->setObjectName(QStringLiteral("json"));
    m_json->setLexer(new QsciLexerJSON(m_json));
    m_json->setMarginLineNumbers(0, true);
    m_json->setMarginWidth(0, QStringLiteral("0000"));
    m_json->setTabWidth(2);
    m_json->setMinimumHeight(260);
    m_form->addRow(m_json);
    connect(m_json, &QsciScintilla::modificationChanged, this, &JsonItemEditor::unappliedChanged);
    auto *apply = new QPushButton(tr("Apply JSON"), this);
    apply->setObjectName(QStringLiteral("applyJson"));
    m_form->addRow(QString(), apply);
    connect(apply, &QPushButton::clicked, this, [this] {
        QString error;
        if (applyJsonText(m_json->text(), &error))
            emit message(tr("Applied"));
    });
}

QString JsonItemEditor::text() const
{
    return m_json->text();
}

void JsonItemEditor::load()
{
    const auto where = locateItem(project(), m_item);
    if (!where)
        return;
    m_kind = where->kind;
    const Json item = Json(project()).at(Json::json_pointer(where->pointer));
    setTitle(QString::fromStdString(item.value("name", item.value("routeKey", item.value("id", item.value("path", where->pointer))))));
    m_json->setText(QString::fromStdString(item.dump(2)));
    m_json->setModified(false);
}

bool JsonItemEditor::hasUnappliedText() const
{
    return m_json->isModified();
}

bool JsonItemEditor::applyJsonText(const QString &text, QString *error)
{
    const auto where = locateItem(project(), m_item);
    if (!where) {
        *error = tr("the item no longer exists");
        setProblem(*error);
        return false;
    }
    const Json json = Json::parse(text.toStdString(), nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        *error = tr("The JSON of this item is not a valid JSON object");
        setProblem(*error);
        return false;
    }
    bool ok = false;
    try {
        const QString what = tr("Edit %1 (JSON)").arg(QString::fromStdString(where->pointer));
        switch (where->kind) {
        case ItemKind::Route:
            ok = m_document->editItem(m_item, parsedKeepingId<Route>(json, m_item), EditField::Json, what, error);
            break;
        case ItemKind::Integration:
            ok = m_document->editItem(m_item, parsedKeepingId<Integration>(json, m_item), EditField::Json, what, error);
            break;
        case ItemKind::Function:
            ok = m_document->editItem(m_item, parsedKeepingId<Function>(json, m_item), EditField::Json, what, error);
            break;
        case ItemKind::Stage:
            ok = m_document->editItem(m_item, parsedKeepingId<Stage>(json, m_item), EditField::Json, what, error);
            break;
        case ItemKind::Api:
            ok = m_document->editItem(m_item, parsedKeepingId<Api>(json, m_item), EditField::Json, what, error);
            break;
        case ItemKind::Authorizer:
        case ItemKind::Resource:
        case ItemKind::Method: {
            Project edited = project();
            Api &api = edited.apis[size_t(where->api)];
            if (where->kind == ItemKind::Authorizer)
                api.authorizers[size_t(where->index)] = parsedKeepingId<Authorizer>(json, m_item);
            else if (where->kind == ItemKind::Resource)
                api.rest()->resources[size_t(where->index)] = parsedKeepingId<RestResource>(json, m_item);
            else
                api.rest()->resources[size_t(where->resource)].methods[size_t(where->index)] =
                    parsedKeepingId<RestMethod>(json, m_item);
            ok = m_document->apply(edited, what, error, m_item);
            break;
        }
        }
    } catch (const Json::exception &e) {
        *error = QString::fromUtf8(e.what());
        ok = false;
    }
    setProblem(ok ? QString() : *error);
    if (ok)
        m_json->setModified(false);
    return ok;
}

} // namespace gw::ui
