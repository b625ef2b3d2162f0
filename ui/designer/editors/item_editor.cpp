#include "item_editor.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace gw::ui {

ItemEditor::ItemEditor(ProjectDocument *document, const QString &kindTitle, QWidget *parent)
    : QWidget(parent), m_document(document)
{
    auto *layout = new QVBoxLayout(this);
    m_kind = new QLabel(kindTitle, this);
    m_kind->setObjectName(QStringLiteral("kind"));
    QPalette muted = m_kind->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_kind->setPalette(muted);
    layout->addWidget(m_kind);
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->addLayout(m_form);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c62828"));
    m_problem->hide();
    layout->addWidget(m_problem);
    layout->addStretch(1);
    connect(document, &ProjectDocument::changed, this, &ItemEditor::reload);
}

void ItemEditor::showItem(ItemId id)
{
    setProblem(QString()); // the page's draft problem belonged to the item it showed
    m_item = id;
    reload();
}

void ItemEditor::reload()
{
    if (m_item == kNoItem || !locateItem(project(), m_item))
        return;
    m_loading = true;
    const QList<QWidget *> fields = findChildren<QWidget *>();
    for (QWidget *field : fields)
        field->blockSignals(true);
    load();
    for (QWidget *field : fields)
        field->blockSignals(false);
    m_loading = false;
}

QString ItemEditor::problemText() const
{
    return m_problem->text();
}

void ItemEditor::setProblem(const QString &text)
{
    if (text != m_problem->text() || text.isEmpty())
        emit draftProblemChanged(m_item, text);
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
    if (!text.isEmpty())
        emit message(tr("Not applied: %1").arg(text));
}

void ItemEditor::setTitle(const QString &text)
{
    m_title->setText(text);
}

const Project &ItemEditor::project() const
{
    return m_document->project();
}

} // namespace gw::ui
