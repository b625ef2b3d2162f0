#pragma once
// A REST API's gateway responses as the console's Gateway Responses page lists them: every
// response type the service has, its default status and message, and what this API answers
// instead: a status code and an application/json template (empty: the default). A type's headers
// (responseParameters) and other content types' templates stay as they are in the file (the
// JSON below the table edits them).
#include "model/project.h"

#include <QWidget>

class QTableWidget;

namespace gw::ui {

class GatewayResponsesTable : public QWidget {
    Q_OBJECT
public:
    enum Column { Type, Default, Status, Template, ColumnCount };
    explicit GatewayResponsesTable(QWidget *parent = nullptr);
    void setResponses(const Json &gatewayResponses);
    QTableWidget *table() const { return m_table; }

signals:
    // The whole gatewayResponses object after a finished edit.
    void edited(const Json &gatewayResponses);

private:
    void cellEdited(int row, int column);

    QTableWidget *m_table;
    Json m_responses = Json::object();
    bool m_filling = false;
};

} // namespace gw::ui
