#include "request_validators_table.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw::ui {

RequestValidatorsTable::RequestValidatorsTable(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("requestValidatorsTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Validates body"), tr("Validates parameters")});
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setMinimumHeight(m_table->horizontalHeader()->height() + m_table->verticalHeader()->defaultSectionSize() * 3);
    layout->addWidget(m_table);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add validator"), this);
    add->setObjectName(QStringLiteral("addValidator"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeValidator"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] { addValidator(tr("validator %1").arg(m_validators.size() + 1)); });
    connect(remove, &QPushButton::clicked, this, &RequestValidatorsTable::removeCurrent);
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_filling || item->row() >= int(m_validators.size()))
            return;
        RequestValidator &v = m_validators[size_t(item->row())];
        switch (item->column()) {
        case Name: {
            const std::string name = item->text().trimmed().toStdString();
            if (name.empty()) { // a validator keeps a name
                QSignalBlocker block(m_table);
                item->setText(QString::fromStdString(v.name));
                return;
            }
            v.name = name;
            break;
        }
        case Body: v.validateRequestBody = item->checkState() == Qt::Checked; break;
        case Parameters: v.validateRequestParameters = item->checkState() == Qt::Checked; break;
        default: return;
        }
        emit edited(m_validators);
    });
}

void RequestValidatorsTable::setValidators(const std::vector<RequestValidator> &validators)
{
    m_validators = validators;
    fill();
}

void RequestValidatorsTable::fill()
{
    m_filling = true;
    m_table->setRowCount(int(m_validators.size()));
    for (int row = 0; row < int(m_validators.size()); ++row) {
        const RequestValidator &v = m_validators[size_t(row)];
        auto *name = new QTableWidgetItem(QString::fromStdString(v.name));
        name->setToolTip(tr("id %1: what methods name as their requestValidator").arg(QString::fromStdString(v.id)));
        m_table->setItem(row, Name, name);
        for (auto [column, on] : {std::pair{Body, v.validateRequestBody}, std::pair{Parameters, v.validateRequestParameters}}) {
            auto *check = new QTableWidgetItem;
            check->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            check->setCheckState(on ? Qt::Checked : Qt::Unchecked);
            m_table->setItem(row, column, check);
        }
    }
    m_filling = false;
}

void RequestValidatorsTable::addValidator(const QString &name)
{
    // The service's ids are six lower-case letters and digits ("a1b2c3").
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string id;
    const auto taken = [this](const std::string &candidate) {
        for (const RequestValidator &v : m_validators)
            if (v.id == candidate)
                return true;
        return false;
    };
    do {
        id.clear();
        for (int i = 0; i < 6; ++i)
            id += kAlphabet[QRandomGenerator::global()->bounded(int(sizeof kAlphabet - 1))];
    } while (taken(id));
    RequestValidator v;
    v.id = id;
    v.name = name.toStdString();
    v.validateRequestBody = true;
    v.validateRequestParameters = true;
    m_validators.push_back(std::move(v));
    fill();
    emit edited(m_validators);
}

bool RequestValidatorsTable::removeCurrent()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= int(m_validators.size()))
        return false;
    const RequestValidator &v = m_validators[size_t(row)];
    if (const QStringList users = m_usedBy ? m_usedBy(v.id) : QStringList(); !users.isEmpty()) {
        emit refused(tr("Not removed: %1 validates %2").arg(QString::fromStdString(v.name), users.join(QStringLiteral(", "))));
        return false;
    }
    m_validators.erase(m_validators.begin() + row);
    fill();
    emit edited(m_validators);
    return true;
}

} // namespace gw::ui
