#pragma once
// Which frames the frames view shows: one connection's (or all), one route's, or those whose text
// contains a phrase.
#include <QSortFilterProxyModel>

namespace gw::ui {

class WebSocketFramesFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setConnection(const QByteArray &connectionId); // empty: every connection
    void setRoute(const QString &routeKey);             // empty: every route
    void setText(const QString &text);
    QByteArray connection() const { return m_connection; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QByteArray m_connection;
    QString m_route;
    QString m_text;
};

} // namespace gw::ui
