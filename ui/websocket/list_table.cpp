#include "list_table.h"

#include <QHeaderView>
#include <QTableView>

namespace gw::ui {

QTableView *makeListTable(QWidget *parent, const QString &objectName, QAbstractItemModel *model,
                          std::initializer_list<std::pair<int, int>> widths)
{
    auto *table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->setWordWrap(false);
    table->horizontalHeader()->setStretchLastSection(true);
    const int digit = table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    for (const auto &[column, digits] : widths)
        table->setColumnWidth(column, digit * digits);
    return table;
}

} // namespace gw::ui
