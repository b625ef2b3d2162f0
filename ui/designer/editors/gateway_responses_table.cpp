#include "gateway_responses_table.h"

#include "config/gateway_responses.h"

#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw::ui {

namespace {
// The service's types (supported-gateway-response-types.html), not the HTTP layer's own refusals.
constexpr int kTypes = int(GatewayResponseType::RequestHeadersTooLarge);

bool isStatusCode(const QString &text)
{
    bool ok = false;
    const int code = text.toInt(&ok);
    return ok && text.size() == 3 && code >= 100 && code <= 599;
}

// A response's statusCode as the cell shows it ("" when it has none).
QString statusText(const Json &entry)
{
    const auto code = entry.is_object() ? entry.find("statusCode") : entry.end();
    if (!entry.is_object() || code == entry.end())
        return {};
    return code->is_string() ? QString::fromStdString(code->get<std::string>()) : QString::fromStdString(code->dump());
}
} // namespace

GatewayResponsesTable::GatewayResponsesTable(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(kTypes, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("gatewayResponsesTable"));
    m_table->setHorizontalHeaderLabels({tr("Response type"), tr("Default"), tr("Status"), tr("Template (application/json)")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    const GatewayResponses defaults = GatewayResponses::forApiType(ApiType::Rest);
    m_filling = true;
    for (int row = 0; row < kTypes; ++row) {
        const auto type = GatewayResponseType(row);
        auto *name = new QTableWidgetItem(QString::fromLatin1(gatewayResponseTypeName(type)));
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(row, Type, name);
        const GatewayResponseSpec &spec = defaults.spec(type);
        const QString fallback = type == GatewayResponseType::Default4xx   ? tr("4XX types without their own")
                                 : type == GatewayResponseType::Default5xx ? tr("5XX types without their own")
                                                                           : QStringLiteral("%1 %2").arg(spec.status).arg(QString::fromUtf8(spec.message));
        auto *byDefault = new QTableWidgetItem(fallback);
        byDefault->setFlags(byDefault->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(row, Default, byDefault);
        m_table->setItem(row, Status, new QTableWidgetItem);
        m_table->setItem(row, Template, new QTableWidgetItem);
    }
    m_filling = false;
    // The type and the status in full, the default elided, the template taking what is left.
    m_table->resizeColumnToContents(Type);
    m_table->horizontalHeader()->setSectionResizeMode(Default, QHeaderView::Interactive);
    m_table->setColumnWidth(Default, fontMetrics().horizontalAdvance(QLatin1Char('m')) * 16);
    m_table->setColumnWidth(Status, fontMetrics().horizontalAdvance(QStringLiteral("Status")) + 24);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setWordWrap(false);
    for (int row = 0; row < kTypes; ++row)
        m_table->item(row, Default)->setToolTip(m_table->item(row, Default)->text());
    m_table->setMinimumHeight(m_table->horizontalHeader()->height() + m_table->verticalHeader()->defaultSectionSize() * 8);
    layout->addWidget(m_table);
    connect(m_table, &QTableWidget::cellChanged, this, [this](int row, int column) {
        if (!m_filling)
            cellEdited(row, column);
    });
}

void GatewayResponsesTable::setResponses(const Json &gatewayResponses)
{
    m_responses = gatewayResponses.is_object() ? gatewayResponses : Json::object();
    m_filling = true;
    for (int row = 0; row < kTypes; ++row) {
        const std::string type = gatewayResponseTypeName(GatewayResponseType(row));
        QString status, body;
        if (auto entry = m_responses.find(type); entry != m_responses.end() && entry->is_object()) {
            status = statusText(*entry);
            if (auto templates = entry->find("responseTemplates"); templates != entry->end() && templates->is_object())
                if (auto json = templates->find("application/json"); json != templates->end() && json->is_string())
                    body = QString::fromStdString(json->get<std::string>());
        }
        m_table->item(row, Status)->setText(status);
        m_table->item(row, Template)->setText(body);
        m_table->item(row, Status)->setToolTip(QString());
    }
    m_filling = false;
}

void GatewayResponsesTable::cellEdited(int row, int column)
{
    if (column != Status && column != Template)
        return;
    const std::string type = gatewayResponseTypeName(GatewayResponseType(row));
    QTableWidgetItem *cell = m_table->item(row, column);
    const QString text = cell->text().trimmed();
    if (column == Status && !text.isEmpty() && !isStatusCode(text)) {
        // Not applied: the service takes a status code of three digits, 100 to 599.
        QSignalBlocker block(m_table);
        cell->setText(statusText(m_responses.value(type, Json::object())));
        cell->setToolTip(tr("'%1' is not a status code (100 to 599)").arg(text));
        return;
    }
    cell->setToolTip(QString());
    Json entry = m_responses.value(type, Json::object());
    if (!entry.is_object())
        entry = Json::object();
    if (column == Status) {
        if (text.isEmpty())
            entry.erase("statusCode");
        else
            entry["statusCode"] = text.toStdString(); // a string, as the service's API and exports hold it
    } else {
        Json templates = entry.value("responseTemplates", Json::object());
        if (!templates.is_object())
            templates = Json::object();
        if (text.isEmpty())
            templates.erase("application/json");
        else
            templates["application/json"] = cell->text().toStdString();
        if (templates.empty())
            entry.erase("responseTemplates");
        else
            entry["responseTemplates"] = templates;
    }
    if (entry.empty())
        m_responses.erase(type);
    else
        m_responses[type] = entry;
    emit edited(m_responses);
}

} // namespace gw::ui
