#pragma once
// Which access-log rows the traffic panel shows: status classes, one API or stage, one route, free text.
#include <QSortFilterProxyModel>

namespace gw::ui {

class TrafficFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit TrafficFilterModel(QObject *parent = nullptr);
    // Status classes shown, by hundreds: 2 for 2xx ... 5 for 5xx (1xx and 3xx go with 2xx).
    void setStatusClassShown(int hundreds, bool shown);
    bool isStatusClassShown(int hundreds) const;
    void setRoute(const QString &routeKey); // "" for every route
    // One API's requests ($context.apiId), optionally one stage of it; "" for every API.
    void setApiStage(const QByteArray &apiId, const QByteArray &stage = {});
    void setText(const QString &text);      // in method, path, route, request id, error or outcome; "" for all
    // How the requests ended: every outcome, only the gateway's or backend's faults (5xx-like:
    // function errors, timeouts, unreachable backends), only the ones the gateway refused (not
    // found, throttled, invalid), or one outcome exactly.
    enum OutcomeChoice { AnyOutcome = -1, ServerFaults = -2, Refused = -3 }; // >= 0: one gw::Outcome
    void setOutcome(int choice);
    int outcome() const { return m_outcome; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    static int classOf(int status);
    bool m_shown[6] = {true, true, true, true, true, true};
    QString m_route;
    QByteArray m_apiId;
    QByteArray m_stage;
    QString m_text;
    int m_outcome = AnyOutcome;
};

} // namespace gw::ui
