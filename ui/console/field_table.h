#pragma once
// The console's name/value tables (query parameters, headers, form fields): a checkbox to switch a
// row off without losing it, and an empty last row to type a new one into. Multipart tables have a
// "File" column: the value is then a file's path.
#include "model/console_workspace.h"

#include <QWidget>

#include <vector>

class QTableWidget;

namespace gw::ui {

class FieldTable : public QWidget {
    Q_OBJECT
public:
    FieldTable(bool withFileColumn, QWidget *parent = nullptr);
    void setFields(const std::vector<ConsoleField> &fields); // does not emit edited
    std::vector<ConsoleField> fields() const;                // rows with a name, in order
    void setFileColumnVisible(bool visible);
    QTableWidget *table() const { return m_table; }

signals:
    void edited();

private:
    void addEmptyRow();
    void onChanged();
    QTableWidget *m_table;
    bool m_filling = false;
};

} // namespace gw::ui
