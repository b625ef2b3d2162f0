#include "key_value_table.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw::ui {

KeyValueTable::KeyValueTable(const QString &keyTitle, const QString &valueTitle, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(0, 2, this);
    m_table->setHorizontalHeaderLabels({keyTitle, valueTitle});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setMinimumHeight(110);
    layout->addWidget(m_table);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    add->setObjectName(QStringLiteral("add"));
    remove->setObjectName(QStringLiteral("remove"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem);
        m_table->setItem(row, 1, new QTableWidgetItem);
        m_table->editItem(m_table->item(row, 0)); // a row without a name is not saved until it has one
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_table->removeRow(row);
        emit edited(values());
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            emit edited(values());
    });
}

void KeyValueTable::setValues(const std::map<std::string, std::string> &values)
{
    m_filling = true;
    m_table->setRowCount(0);
    for (const auto &[key, value] : values) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(key)));
        m_table->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(value)));
    }
    m_filling = false;
}

std::map<std::string, std::string> KeyValueTable::values() const
{
    std::map<std::string, std::string> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *key = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        if (key && !key->text().trimmed().isEmpty())
            out[key->text().trimmed().toStdString()] = value ? value->text().toStdString() : std::string();
    }
    return out;
}

} // namespace gw::ui
