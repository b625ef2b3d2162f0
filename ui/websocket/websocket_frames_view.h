#pragma once
// The frames of one connection (or all): a table with route and text filters and follow mode,
// and the selected frame pretty-printed with its route, latency and the function's log lines.
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QTableView;

namespace gw::ui {

class WebSocketFramesModel;
class WebSocketFramesFilter;

class WebSocketFramesView : public QWidget {
    Q_OBJECT
public:
    WebSocketFramesView(WebSocketFramesModel *model, QWidget *parent = nullptr);
    WebSocketFramesFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QPlainTextEdit *details() const { return m_details; }
    void setRoutes(const QStringList &routeKeys);
    void setConnectionColumnShown(bool shown);
    bool isFollowing() const;

private:
    void showSelected();
    void followIfAsked();

    WebSocketFramesModel *m_model;
    WebSocketFramesFilter *m_filter;
    QComboBox *m_route;
    QLineEdit *m_search;
    QCheckBox *m_follow;
    QTableView *m_table;
    QPlainTextEdit *m_details;
};

} // namespace gw::ui
