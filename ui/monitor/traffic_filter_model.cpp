#include "traffic_filter_model.h"

#include "access_log_model.h"

namespace gw::ui {

TrafficFilterModel::TrafficFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
}

int TrafficFilterModel::classOf(int status)
{
    const int hundreds = status / 100;
    return hundreds == 4 || hundreds == 5 ? hundreds : 2;
}

void TrafficFilterModel::setStatusClassShown(int hundreds, bool shown)
{
    if (hundreds < 0 || hundreds > 5 || m_shown[hundreds] == shown)
        return;
    m_shown[hundreds] = shown;
    invalidateRowsFilter();
}

bool TrafficFilterModel::isStatusClassShown(int hundreds) const
{
    return hundreds >= 0 && hundreds <= 5 && m_shown[hundreds];
}

void TrafficFilterModel::setRoute(const QString &routeKey)
{
    if (m_route == routeKey)
        return;
    m_route = routeKey;
    invalidateRowsFilter();
}

void TrafficFilterModel::setApiStage(const QByteArray &apiId, const QByteArray &stage)
{
    if (m_apiId == apiId && m_stage == stage)
        return;
    m_apiId = apiId;
    m_stage = stage;
    invalidateRowsFilter();
}

void TrafficFilterModel::setText(const QString &text)
{
    if (m_text == text)
        return;
    m_text = text;
    invalidateRowsFilter();
}

void TrafficFilterModel::setOutcome(int choice)
{
    if (m_outcome == choice)
        return;
    m_outcome = choice;
    invalidateRowsFilter();
}

bool TrafficFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *log = static_cast<const AccessLogModel *>(sourceModel());
    const AccessLogEntry &e = log->entryAt(sourceRow);
    if (!m_shown[classOf(e.status)])
        return false;
    if (!m_route.isEmpty() && QString::fromUtf8(e.routeKey) != m_route)
        return false;
    if (!m_apiId.isEmpty() && (e.apiId != m_apiId || (!m_stage.isEmpty() && e.stage != m_stage)))
        return false;
    if (m_outcome == ServerFaults && !isServerFault(e.outcome))
        return false;
    if (m_outcome == Refused && (e.outcome == Outcome::Ok || isServerFault(e.outcome)))
        return false;
    if (m_outcome >= 0 && int(e.outcome) != m_outcome)
        return false;
    if (m_text.isEmpty())
        return true;
    for (const QString &field : {QString::fromLatin1(e.methodLabel()), QString::fromUtf8(e.path), QString::fromUtf8(e.routeKey),
                                 QString::fromLatin1(e.requestId), e.integrationErrorMessage, QString::number(e.status),
                                 QString::fromLatin1(e.reason())})
        if (field.contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace gw::ui
