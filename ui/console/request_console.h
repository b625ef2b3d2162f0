#pragma once
// The request console (the window's right dock): build a request as in Postman or Bruno (method,
// URL with {{variables}} and path parameters, query, headers, auth helpers, body in six modes),
// send it with Ctrl+Enter, see the answer with its timings and jump to its row in the traffic;
// copy it as curl or paste a curl line; save it in the project's collection; run it as a load test.
#include "console_history.h"
#include "console_sender.h"
#include "load_generator.h"
#include "model/item_id.h"
#include "io/console_request_wire.h"
#include "observability/access_log_entry.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QLabel;
class QStackedWidget;
class QCheckBox;
class QSpinBox;
class QDoubleSpinBox;
class QFormLayout;
class QPlainTextEdit;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;
class QListWidget;
class QProgressBar;
class QsciScintilla;

namespace gw::ui {

class ProjectDocument;
class GatewayController;
class FieldTable;
class LatencyHistogramView;

class RequestConsole : public QWidget {
    Q_OBJECT
public:
    RequestConsole(ProjectDocument *document, GatewayController *controller, QWidget *parent = nullptr);
    ~RequestConsole() override;

    // The editor's request, and putting one in it.
    ConsoleRequest currentRequest() const;
    void loadRequest(const ConsoleRequest &request, ItemId savedAs = kNoItem);
    // A route of an HTTP API or a method of a REST API: its API, first stage, method and path.
    bool loadRoute(ItemId routeOrMethod);
    // A logged request (from the window or from outside it), as it was sent.
    bool loadCaptured(const AccessLogEntry &entry);
    // Reads a curl command line into the editor; false (and why) when it is not one.
    bool pasteCurl(const QString &line, QString *error);
    // The request as a curl command line, variables substituted.
    QString curlCommand() const;
    // The active environment's variables, with baseUrl for the request's API and stage unless the
    // environment sets it.
    ConsoleVariables variables(const ConsoleRequest &request) const;
    void send();
    // Saves the editor's request into the project's collection (one undo step): over the one it
    // was loaded from, or as a new one named name in folder.
    bool saveToCollection(const QString &name, const QString &folder, QString *error);
    void setActiveEnvironment(const QString &name); // one undo step; "" for none
    bool startLoadRun(QString *error);
    void stopLoadRun();

    // For tests and the window.
    QLineEdit *urlEdit() const { return m_url; }
    QComboBox *methodBox() const { return m_method; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *timingsLabel() const { return m_timings; }
    QPlainTextEdit *responseBody() const { return m_responseBody; }
    QTableWidget *responseHeaders() const { return m_responseHeaders; }
    QTreeWidget *collectionTree() const { return m_collection; }
    QListWidget *historyList() const { return m_historyList; }
    ConsoleHistory &history() { return *m_history; }
    ConsoleSender *sender() const { return m_sender; }
    LoadGenerator *loadGenerator() const { return m_load; }
    QSpinBox *loadRequests() const { return m_loadRequests; }
    QSpinBox *loadConcurrency() const { return m_loadConcurrency; }
    QLabel *loadStatusCounts() const { return m_loadCounts; }
    QProgressBar *loadProgress() const { return m_loadProgress; }
    QComboBox *environmentBox() const { return m_environment; }
    FieldTable *pathParametersTable() const { return m_pathParams; }
    const ConsoleResponse &lastResponse() const { return m_lastResponse; }
    ItemId savedItem() const { return m_savedAs; }
    QLabel *problemLabel() const { return m_problem; }

signals:
    void showInTrafficRequested(const QByteArray &requestId, qint64 sentAtMs);
    void message(const QString &text);

private:
    void buildRequestEditor(QWidget *into);
    void buildResponseView(QWidget *into);
    void buildLoadView(QWidget *into);
    void buildCollectionView(QWidget *into);
    void refreshTargets();
    void refreshEnvironments();
    void refreshCollection();
    void refreshHistory();
    void onTargetPicked(int index);
    void onUrlEdited();
    void onQueryEdited();
    void syncPathParameters();
    void onAuthTypeChanged();
    void onBodyModeChanged();
    void showResponse(const ConsoleResponse &response);
    void showProblem(const QString &text);
    void editEnvironments();
    void deleteSaved(ItemId id);
    void formatBody();
    void findInBody();
    ConsoleWireRequest wireForCurrent(QString *problem) const;

    ProjectDocument *m_document;
    GatewayController *m_controller;
    ConsoleSender *m_sender;
    LoadGenerator *m_load;
    std::unique_ptr<ConsoleHistory> m_history;
    ItemId m_savedAs = kNoItem; // the collection entry the editor holds, if any
    ConsoleRequest m_picked;    // api, stage, route of the last pick (kept through edits)
    ConsoleResponse m_lastResponse;
    ConsoleRequest m_sentRequest;
    bool m_syncing = false;
    int m_urlLength = 0; // the URL field's length before the last edit (a paste adds more than one)

    QComboBox *m_environment;
    QComboBox *m_target;
    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QLabel *m_problem;
    FieldTable *m_pathParams;
    QLabel *m_pathParamsLabel;
    QTabWidget *m_requestTabs;
    FieldTable *m_query;
    FieldTable *m_headers;
    QComboBox *m_authType;
    QStackedWidget *m_authStack;
    QLineEdit *m_apiKeyHeader, *m_apiKeyValue, *m_bearer, *m_basicUser, *m_basicPassword;
    QLineEdit *m_sigAccessKey, *m_sigSecret, *m_sigToken, *m_sigRegion, *m_sigService;
    QComboBox *m_bodyMode;
    QStackedWidget *m_bodyStack;
    QsciScintilla *m_bodyText;
    FieldTable *m_formFields;
    QLineEdit *m_bodyFile;
    QCheckBox *m_compressed, *m_insecure, *m_follow;
    QSpinBox *m_timeout;

    QTabWidget *m_responseTabs;
    QLabel *m_status;
    QLabel *m_timings;
    QPushButton *m_showInTraffic;
    QPlainTextEdit *m_responseBody;
    QLineEdit *m_bodySearch;
    QTableWidget *m_responseHeaders;

    QSpinBox *m_loadRequests, *m_loadDuration, *m_loadConcurrency;
    QDoubleSpinBox *m_loadRate;
    QComboBox *m_loadMode;
    QPushButton *m_loadStart, *m_loadStop;
    QProgressBar *m_loadProgress;
    LatencyHistogramView *m_histogram;
    QLabel *m_loadCounts;
    QString m_loadStartedAt;
    ItemId m_loadFor = kNoItem;

    QTreeWidget *m_collection;
    QLineEdit *m_historySearch;
    QListWidget *m_historyList;
};

} // namespace gw::ui
