#include "json_item_editor.h"

#include <QFormLayout>
#include <QPushButton>
#include <QTimer>
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
// "line 3, column 7: <what the parser expected>" for text that is not JSON.
QString parseProblemOf(const std::string &text)
{
    try {
        const Json parsed = Json::parse(text);
        Q_UNUSED(parsed);
    } catch (const Json::parse_error &e) {
        const size_t offset = std::min(e.byte > 0 ? e.byte - 1 : 0, text.size());
        int line = 1;
        size_t lineStart = 0;
        for (size_t i = 0; i < offset; ++i)
            if (text[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        QString what = QString::fromUtf8(e.what());
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 2: ...".
        if (const int colon = what.indexOf(QStringLiteral(": "), what.indexOf(QStringLiteral("column"))); colon >= 0)
            what = what.mid(colon + 2);
        return QObject::tr("JSON line %1, column %2: %3").arg(line).arg(int(offset - lineStart) + 1).arg(what);
    }
    return {};
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
    // Live and two-way: a pause in typing applies valid JSON (problems show under it); the form
    // and the explorer follow, and edits elsewhere come back here.
    m_live = new QTimer(this);
    m_live->setSingleShot(true);
    m_live->setInterval(700);
    connect(m_json, &QsciScintilla::textChanged, this, [this] {
        if (!m_loading && m_json->isModified())
            m_live->start();
    });
    connect(m_live, &QTimer::timeout, this, [this] {
        const std::string text = m_json->text().toStdString();
        if (!Json::accept(text)) {
            // Still being typed: nothing to apply yet, but say where it stops being JSON.
            setProblem(parseProblemOf(text));
            return;
        }
        QString error;
        applyJsonText(m_json->text(), &error);
    });
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
    // The text the user is typing stays as typed (cursor and all) when it already says this.
    const Json typed = Json::parse(m_json->text().toStdString(), nullptr, false);
    if (!typed.is_discarded() && typed == item && m_shownFor == m_item) {
        m_json->setModified(false);
        return;
    }
    m_shownFor = m_item;
    m_live->stop();
    m_json->setText(QString::fromStdString(item.dump(2)));
    m_json->setModified(false);
    setProblem(QString()); // what was typed and not applied is gone
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
