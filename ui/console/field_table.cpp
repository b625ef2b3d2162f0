#include "field_table.h"

#include <QAction>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw::ui {

namespace {
enum Column { On, Name, Value, File };
}

FieldTable::FieldTable(bool withFileColumn, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(0, 4, this);
    m_table->setHorizontalHeaderLabels({QString(), tr("Name"), tr("Value"), tr("File")});
    m_table->horizontalHeader()->setSectionResizeMode(On, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(Value, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(File, QHeaderView::ResizeToContents);
    m_table->setColumnWidth(Name, 160);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setColumnHidden(File, !withFileColumn);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *remove = new QAction(tr("Remove row"), m_table);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(remove);
    connect(remove, &QAction::triggered, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0 || row == m_table->rowCount() - 1)
            return; // the last row is where a new one is typed
        m_table->removeRow(row);
        emit edited();
    });
    layout->addWidget(m_table);
    connect(m_table, &QTableWidget::itemChanged, this, &FieldTable::onChanged);
    addEmptyRow();
}

void FieldTable::setFileColumnVisible(bool visible) { m_table->setColumnHidden(File, !visible); }

void FieldTable::addEmptyRow()
{
    const bool was = m_filling;
    m_filling = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *on = new QTableWidgetItem;
    on->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    on->setCheckState(Qt::Checked);
    on->setToolTip(tr("Sent when ticked"));
    m_table->setItem(row, On, on);
    m_table->setItem(row, Name, new QTableWidgetItem);
    m_table->setItem(row, Value, new QTableWidgetItem);
    auto *file = new QTableWidgetItem;
    file->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    file->setCheckState(Qt::Unchecked);
    file->setToolTip(tr("The value is a file's path: its content is sent as the part"));
    m_table->setItem(row, File, file);
    m_filling = was;
}

void FieldTable::setFields(const std::vector<ConsoleField> &fields)
{
    m_filling = true;
    m_table->setRowCount(0);
    for (const ConsoleField &f : fields) {
        addEmptyRow();
        const int row = m_table->rowCount() - 1;
        m_table->item(row, On)->setCheckState(f.enabled ? Qt::Checked : Qt::Unchecked);
        m_table->item(row, Name)->setText(QString::fromStdString(f.name));
        m_table->item(row, Value)->setText(QString::fromStdString(f.value));
        m_table->item(row, File)->setCheckState(f.file ? Qt::Checked : Qt::Unchecked);
    }
    addEmptyRow();
    m_filling = false;
}

std::vector<ConsoleField> FieldTable::fields() const
{
    std::vector<ConsoleField> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, Name) ? m_table->item(row, Name)->text() : QString();
        const QString value = m_table->item(row, Value) ? m_table->item(row, Value)->text() : QString();
        if (name.isEmpty() && value.isEmpty())
            continue;
        ConsoleField f;
        f.name = name.toStdString();
        f.value = value.toStdString();
        f.enabled = m_table->item(row, On)->checkState() == Qt::Checked;
        f.file = !m_table->isColumnHidden(File) && m_table->item(row, File)->checkState() == Qt::Checked;
        out.push_back(std::move(f));
    }
    return out;
}

void FieldTable::onChanged()
{
    if (m_filling)
        return;
    const int last = m_table->rowCount() - 1;
    if (last >= 0 && (!m_table->item(last, Name)->text().isEmpty() || !m_table->item(last, Value)->text().isEmpty()))
        addEmptyRow();
    emit edited();
}

} // namespace gw::ui
