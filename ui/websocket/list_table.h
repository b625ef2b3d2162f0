#pragma once
// The WebSocket views' tables: one selected row at a time, compact rows, no wrapping, the last
// column taking the rest, and column widths given in digits of the table's own font.
#include <QString>

#include <initializer_list>
#include <utility>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace gw::ui {

// widths: {column, digits} pairs.
QTableView *makeListTable(QWidget *parent, const QString &objectName, QAbstractItemModel *model,
                          std::initializer_list<std::pair<int, int>> widths);

} // namespace gw::ui
