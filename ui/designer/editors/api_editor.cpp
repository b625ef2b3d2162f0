#include "api_editor.h"

#include <QFormLayout>
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
