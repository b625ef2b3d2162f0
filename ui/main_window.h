#pragma once
// The designer's window: menus, toolbar and layout. The work is elsewhere: the gateway
// controller runs the project, the editors edit items (one page per kind), the monitor shows
// the traffic.
#include "designer/add_item_dialog.h"
#include "model/item_id.h"

#include <QMainWindow>
#include <QMessageBox>
#include <functional>

class QTreeView;
class QTableView;
class QLabel;
class QTabWidget;
class QStackedWidget;
class QAction;
class QMenu;
class QPlainTextEdit;
class QLineEdit;

namespace gw {
class Gateway;
}

namespace gw::ui {

class ProjectDocument;
class ProjectTreeModel;
class ItemEditor;
class JsonItemEditor;
class CodeEditor;
class AccessLogModel;
class RequestDetails;
class GatewayController;
class TrafficPanel;
class MetricsPanel;
class CommandPalette;
class ProblemsModel;
class WebSocketSessionsPanel;
class WebSocketClientPanel;
class RequestConsole;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ProjectDocument *document, Gateway *gateway, QWidget *parent = nullptr);
    ~MainWindow() override;

    AccessLogModel *accessLogModel() const { return m_logModel; }
    ProjectTreeModel *treeModel() const { return m_treeModel; }
    GatewayController *controller() const { return m_controller; }
    JsonItemEditor *jsonEditor() const { return m_json; }
    RequestDetails *requestDetails() const { return m_details; }
    QTableView *accessLogView() const { return m_log; }
    TrafficPanel *trafficPanel() const { return m_traffic; }
    MetricsPanel *metricsPanel() const { return m_metrics; }
    ProblemsModel *problemsModel() const { return m_problemsModel; }
    QTableView *problemsView() const { return m_problems; }
    WebSocketSessionsPanel *webSocketSessions() const { return m_wsSessions; }
    WebSocketClientPanel *webSocketClient() const { return m_wsClient; }
    QTabWidget *bottomTabs() const { return m_bottom; }
    RequestConsole *requestConsole() const { return m_console; }
    // Copies the local CA's certificate (what a browser or wscat trusts for wss://) to path.
    bool exportLocalCa(const QString &path, QString *error);
    // The page showing an item of this kind ("route", "integration", ...), or null.
    ItemEditor *editorFor(const QString &kind) const;
    ItemEditor *currentEditor() const;

    void startGateway(); // deploys in the background; the status bar tells how it went
    void stopGateway();
    bool openProject(const QString &path);
    void addRoute();
    void addFunction();
    void deleteSelected();
    void selectItem(ItemId id);
    // Save acts on the focused document: the code when the code editor has the focus, else the project.
    void saveFocused();
    void showCommandPalette();
    void showAddDialog(AddItemDialog::Kind kind);
    bool applyAddDialog(const AddItemDialog &dialog); // writes its files, then one undoable step
    bool attachNewIntegration(const AddItemDialog &dialog, ItemId route); // adds it and points the route at it
    CommandPalette *commandPalette() const { return m_palette; }
    // The explorer's context actions.
    void addRouteAt(ItemId api, const QString &path);
    void duplicateItem(ItemId id);
    // Renames a route, integration, function, stage or API; references follow. False (and why) when refused.
    bool renameItem(ItemId id, const QString &newName, QString *error);
    // REST: a resource (with a MOCK GET to start from) or a method on one; its id, or kNoItem with *error.
    ItemId addResource(ItemId api, const QString &path, QString *error);
    ItemId addMethod(ItemId resource, const QString &httpMethod, QString *error);
    // Puts a route or REST method in the console (API, first stage, method, path) and shows it.
    bool openInConsole(ItemId routeOrMethod);
    void showConsole();
    QString curlFor(ItemId route) const; // a command line that calls the route on the running gateway (wscat for WebSocket routes)
    bool saveProject();
    bool saveAll();
    bool saveProjectAs(const QString &path);
    CodeEditor *codeEditor() const { return m_code; }
    QAction *deleteAction() const { return m_deleteAction; }
    // Every question that guards unsaved work goes through this (tests answer it).
    using Asker = std::function<QMessageBox::StandardButton(const QString &title, const QString &text,
                                                            QMessageBox::StandardButtons buttons)>;
    void setAsker(Asker asker) { m_ask = std::move(asker); }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setupActions();
    void setupViews();
    void setupGatewayWiring();
    void onSelectionChanged();
    void onDocumentChanged();
    void showDeployState();
    void updateTitle();
    void rememberRecent(const QString &path);
    void rebuildRecentMenu();
    void showMessage(const QString &text);
    bool maybeSave();
    bool settleCode();     // unsaved code: saved, dropped or kept (false: keep it)
    bool settleJson();     // JSON typed but not applied: likewise
    void updateDeleteAction();
    void applyTreeFilter(const QString &text);
    void onChangedOnDisk(const QString &path);
    ItemId routeItemByKey(const QString &routeKey) const;
    void restoreLayout();
    void saveLayout() const;
    void showTreeMenu(const QPoint &at);

    void updateTabMarkers();
    ItemId selectedItem() const;
    void openCodeOf(ItemId function);

    ProjectDocument *m_document;
    Gateway *m_gateway;
    GatewayController *m_controller;
    ProjectTreeModel *m_treeModel;
    AccessLogModel *m_logModel;
    QTreeView *m_tree;
    TrafficPanel *m_traffic;
    MetricsPanel *m_metrics;
    QTableView *m_log;
    RequestDetails *m_details;
    ProblemsModel *m_problemsModel;
    QTableView *m_problems;
    QPlainTextEdit *m_output;
    QTabWidget *m_webSockets;
    RequestConsole *m_console = nullptr;
    WebSocketSessionsPanel *m_wsSessions;
    WebSocketClientPanel *m_wsClient;
    QTabWidget *m_bottom;
    QTabWidget *m_tabs;
    QStackedWidget *m_pages;
    QWidget *m_emptyPage;
    std::vector<ItemEditor *> m_editors;
    JsonItemEditor *m_fallback;
    JsonItemEditor *m_json;
    CodeEditor *m_code;
    QLabel *m_state;
    QAction *m_startAction;
    QAction *m_stopAction;
    QMenu *m_recentMenu;
    QAction *m_deleteAction = nullptr;
    QAction *m_copyUrlAction = nullptr;
    QAction *m_openUrlAction = nullptr;
    QLabel *m_url = nullptr;
    ItemId m_shownItem = kNoItem;
    QLineEdit *m_treeFilter = nullptr;
    ItemEditor *m_cors = nullptr;
    CommandPalette *m_palette = nullptr;
    bool m_reselecting = false;
    Asker m_ask;
};

} // namespace gw::ui
