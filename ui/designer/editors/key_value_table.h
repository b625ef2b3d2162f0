#pragma once
// A table of names and values (environment, stage variables) with add and remove; every change
// the user finishes is reported as the whole map.
#include <QWidget>

#include <map>
#include <string>

class QTableWidget;

namespace gw::ui {

class KeyValueTable : public QWidget {
    Q_OBJECT
public:
    KeyValueTable(const QString &keyTitle, const QString &valueTitle, QWidget *parent = nullptr);
    void setValues(const std::map<std::string, std::string> &values);
    std::map<std::string, std::string> values() const;
    QTableWidget *table() const { return m_table; }

signals:
    void edited(const std::map<std::string, std::string> &values);

private:
    QTableWidget *m_table;
    bool m_filling = false;
};

} // namespace gw::ui
