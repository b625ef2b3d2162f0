#include "item_form.h"

#include "../project_document.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>

namespace gw::ui {

using nlohmann::json;

ItemForm::ItemForm(ProjectDocument *document, QWidget *parent) : QWidget(parent), m_document(document)
{
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(tr("Select an item in the project tree"), this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_formHost = new QWidget(this);
    m_form = new QFormLayout(m_formHost);
    layout->addWidget(m_formHost);
    auto *applyForm = new QPushButton(tr("Apply form"), this);
    applyForm->setObjectName(QStringLiteral("applyForm"));
    connect(applyForm, &QPushButton::clicked, this, &ItemForm::applyFromForm);
    layout->addWidget(applyForm, 0, Qt::AlignRight);
    layout->addWidget(new QLabel(tr("JSON of this item"), this));
    m_json = new QsciScintilla(this);
    m_json->setLexer(new QsciLexerJSON(m_json));
    m_json->setMarginLineNumbers(0, true);
    m_json->setMarginWidth(0, QStringLiteral("0000"));
    m_json->setTabWidth(2);
    layout->addWidget(m_json, 1);
    auto *applyJson = new QPushButton(tr("Apply JSON"), this);
    connect(applyJson, &QPushButton::clicked, this, &ItemForm::applyFromEditor);
    layout->addWidget(applyJson, 0, Qt::AlignRight);
    connect(document, &ProjectDocument::changed, this, &ItemForm::rebuild);
}

void ItemForm::showItem(const QString &pointer)
{
    m_pointer = pointer;
    rebuild();
}

void ItemForm::rebuild()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    const json project = json(m_document->project());
    json::json_pointer pointer(m_pointer.toStdString());
    if (m_pointer.isEmpty() || !project.contains(pointer)) {
        m_title->setText(tr("Select an item in the project tree"));
        m_json->setText(QString());
        return;
    }
    const json &item = project.at(pointer);
    m_title->setText(QString::fromStdString(item.value("name", item.value("routeKey", item.value("id", m_pointer.toStdString())))));
    for (auto it = item.begin(); it != item.end(); ++it) {
        QWidget *editor = nullptr;
        if (it->is_boolean()) {
            auto *box = new QCheckBox(m_formHost);
            box->setChecked(it->get<bool>());
            editor = box;
        } else if (it->is_number_integer()) {
            auto *spin = new QSpinBox(m_formHost);
            spin->setRange(0, 1 << 30);
            spin->setValue(it->get<int>());
            editor = spin;
        } else if (it->is_string()) {
            editor = new QLineEdit(QString::fromStdString(it->get<std::string>()), m_formHost);
        } else {
            continue; // lists and objects: edit them in the JSON below
        }
        editor->setObjectName(QString::fromStdString(it.key()));
        m_form->addRow(QString::fromStdString(it.key()), editor);
        m_fields.emplace_back(it.key(), editor);
    }
    m_json->setText(QString::fromStdString(item.dump(2)));
}

bool ItemForm::applyItem(const json &item, QString *error)
{
    json project = json(m_document->project());
    project[json::json_pointer(m_pointer.toStdString())] = item;
    Project edited;
    try {
        edited = project.get<Project>();
    } catch (const json::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    return m_document->apply(edited, tr("Edit %1").arg(m_title->text()), error);
}

bool ItemForm::applyJsonText(const QString &text, QString *error)
{
    const json item = json::parse(text.toStdString(), nullptr, false);
    if (item.is_discarded()) {
        *error = tr("The JSON of this item is not valid JSON");
        return false;
    }
    return applyItem(item, error);
}

void ItemForm::applyFromForm()
{
    if (m_pointer.isEmpty())
        return;
    json item = json(m_document->project()).at(json::json_pointer(m_pointer.toStdString()));
    for (const auto &[key, widget] : m_fields) {
        if (auto *box = qobject_cast<QCheckBox *>(widget))
            item[key] = box->isChecked();
        else if (auto *spin = qobject_cast<QSpinBox *>(widget))
            item[key] = spin->value();
        else if (auto *line = qobject_cast<QLineEdit *>(widget))
            item[key] = line->text().toStdString();
    }
    QString error;
    if (!applyItem(item, &error))
        emit message(tr("Not applied: %1").arg(error));
    else
        emit message(tr("Applied"));
}

void ItemForm::applyFromEditor()
{
    QString error;
    if (!applyJsonText(m_json->text(), &error))
        emit message(tr("Not applied: %1").arg(error));
    else
        emit message(tr("Applied"));
}

} // namespace gw::ui
