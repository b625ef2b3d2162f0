#pragma once
// The designer: project tree, item form and code editor, live endpoints and access log.
#include <QMainWindow>

class QTreeView;
class QTableView;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QAction;
class QMenu;

namespace gw {
class Gateway;
}

namespace gw::ui {

class ProjectDocument;
class ProjectTreeModel;
class ItemForm;
class CodeEditor;
class AccessLogModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ProjectDocument *document, Gateway *gateway, QWidget *parent = nullptr);

    AccessLogModel *accessLogModel() const { return m_logModel; }
    ProjectTreeModel *treeModel() const { return m_treeModel; }
    ItemForm *itemForm() const { return m_form; }
    bool startGateway();
    void stopGateway();
    bool openProject(const QString &path);
    void addRoute();
    void addFunction();
    void deleteSelected();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setupActions();
    void setupViews();
    void setupGatewayWiring();
    void onSelectionChanged();
    void onDocumentChanged();
    void updateEndpoints();
    void updateTitle();
    void rememberRecent(const QString &path);
    void rebuildRecentMenu();
    void showMessage(const QString &text);
    bool maybeSave();

    ProjectDocument *m_document;
    Gateway *m_gateway;
    ProjectTreeModel *m_treeModel;
    AccessLogModel *m_logModel;
    QTreeView *m_tree;
    QTableView *m_log;
    QPlainTextEdit *m_executionLog;
    ItemForm *m_form;
    CodeEditor *m_code;
    QTabWidget *m_tabs;
    QLabel *m_endpoints;
    QAction *m_startAction;
    QAction *m_stopAction;
    QMenu *m_recentMenu;
};

} // namespace gw::ui
