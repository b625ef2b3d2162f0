#pragma once
// The Traffic panel: the live access log with status, route and text filters, pause and clear,
// and the selected request's details beside it.
#include "observability/access_log_entry.h"

#include <QWidget>

class QComboBox;
class QNetworkAccessManager;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace gw::ui {

class AccessLogModel;
class RequestDetails;
class TrafficFilterModel;

class TrafficPanel : public QWidget {
    Q_OBJECT
public:
    TrafficPanel(AccessLogModel *model, QWidget *parent = nullptr);
    // New rows, unless paused (then they wait, and come in on resume).
    void append(const QVector<AccessLogEntry> &batch);
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void setRoutes(const QStringList &routeKeys); // the route filter's choices
    struct StageChoice {
        QString label; // "orders / $default"
        QByteArray apiId;
        QByteArray stage; // empty: every stage of the API
    };
    void setStages(const QList<StageChoice> &choices); // the API / stage filter's choices

    // The rows the filters show, oldest first: as JSON Lines (the default JSON access-log format,
    // one request a line) and as HAR 1.2 (the requests whose bodies were captured).
    QByteArray shownAsJsonLines() const;
    QByteArray shownAsHar() const;
    // The shown rows as each one's stage logs it (its accessLogFormat, or the default JSON one).
    QByteArray shownInStageFormat() const;
    // Only the stage-format column (each row as its stage's access log prints it), or the compact columns.
    void setStageFormatView(bool on);
    bool isStageFormatView() const;
    // Sends the selected request again, as captured: its answer comes in as a new row. False when
    // nothing replayable is selected (no row, no captured request, a WebSocket event).
    bool replaySelected();
    // Selects the row of a request by its id ($context.requestId or extendedRequestId), clearing
    // the filters if they hide it. False when it is not in the log (yet).
    bool selectRequest(const QByteArray &requestId);
    // Only this route's rows (its key; "" for every route).
    void showRoute(const QString &routeKey);

signals:
    // "Open in console": the selected request, to edit and send again from the console.
    void openInConsoleRequested(const gw::AccessLogEntry &entry);

public:

    QTableView *view() const { return m_view; }
    TrafficFilterModel *filter() const { return m_filter; }
    RequestDetails *details() const { return m_details; }

private:
    void updateCounts();
    void exportShown(bool har);
    void exportShownInStageFormat();
    AccessLogModel *m_model;
    TrafficFilterModel *m_filter;
    QTableView *m_view;
    RequestDetails *m_details;
    QComboBox *m_route;
    QComboBox *m_apiStage;
    QComboBox *m_outcome;
    QToolButton *m_stageFormat;
    QLineEdit *m_search;
    QToolButton *m_pause;
    QToolButton *m_replay;
    QToolButton *m_openInConsole;
    QNetworkAccessManager *m_network = nullptr;
    QLabel *m_counts;
    QVector<AccessLogEntry> m_held;
    bool m_paused = false;
};

} // namespace gw::ui
