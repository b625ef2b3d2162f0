#pragma once
// A REST API's request validators as the console lists them: a name and what each checks (the
// body against its model, the required parameters). Methods name a validator by its id, which
// stays as it is; a new validator gets a fresh id of the service's form.
#include "model/project.h"

#include <QWidget>

#include <functional>

class QTableWidget;

namespace gw::ui {

class RequestValidatorsTable : public QWidget {
    Q_OBJECT
public:
    enum Column { Name, Body, Parameters, ColumnCount };
    explicit RequestValidatorsTable(QWidget *parent = nullptr);
    void setValidators(const std::vector<RequestValidator> &validators);
    QTableWidget *table() const { return m_table; }
    // Adds a validator (a fresh id, the name given) and reports the list.
    void addValidator(const QString &name);
    // Removes the current row's validator unless usedBy names what uses it; false then.
    bool removeCurrent();
    // What uses a validator id ("GET /pets/{petId}"), to refuse removing it.
    void setUsage(std::function<QStringList(const std::string &id)> usedBy) { m_usedBy = std::move(usedBy); }

signals:
    void edited(const std::vector<RequestValidator> &validators);
    void refused(const QString &why);

private:
    void fill();

    QTableWidget *m_table;
    std::vector<RequestValidator> m_validators;
    std::function<QStringList(const std::string &)> m_usedBy;
    bool m_filling = false;
};

} // namespace gw::ui
