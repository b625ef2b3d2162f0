#include "websocket_frames_filter.h"

#include "websocket_frames_model.h"

namespace gw::ui {

void WebSocketFramesFilter::setConnection(const QByteArray &connectionId)
{
    if (connectionId == m_connection)
        return;
    m_connection = connectionId;
    invalidateRowsFilter();
}

void WebSocketFramesFilter::setRoute(const QString &routeKey)
{
    if (routeKey == m_route)
        return;
    m_route = routeKey;
    invalidateRowsFilter();
}

void WebSocketFramesFilter::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateRowsFilter();
}

bool WebSocketFramesFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_connection.isEmpty() && row.data(WebSocketFramesModel::ConnectionIdRole).toByteArray() != m_connection)
        return false;
    if (!m_route.isEmpty() && row.data(WebSocketFramesModel::RouteRole).toString() != m_route)
        return false;
    if (!m_text.isEmpty() && !row.data(WebSocketFramesModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace gw::ui
