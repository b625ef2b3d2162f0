#include "main_window.h"

#include "designer/code_editor.h"
#include "designer/editors/api_editor.h"
#include "designer/editors/function_editor.h"
#include "designer/editors/integration_editor.h"
#include "designer/editors/json_item_editor.h"
#include "designer/editors/route_editor.h"
#include "designer/editors/stage_editor.h"
#include "designer/project_tree_model.h"
#include "gateway/gateway.h"
#include "gateway_controller.h"
#include "monitor/access_log_model.h"
#include "monitor/latency_split_delegate.h"
#include "monitor/request_details.h"
#include "project_document.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>

namespace gw::ui {

MainWindow::MainWindow(ProjectDocument *document, Gateway *gateway, QWidget *parent)
    : QMainWindow(parent), m_document(document), m_gateway(gateway),
      m_controller(new GatewayController(gateway, document, this)), m_treeModel(new ProjectTreeModel(this)),
      m_logModel(new AccessLogModel(50000, this))
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/gatewright.svg")));
    setupViews();
    setupActions();
    setupGatewayWiring();
    connect(document, &ProjectDocument::changed, this, &MainWindow::onDocumentChanged);
    connect(document, &ProjectDocument::itemChanged, this, &MainWindow::selectItem);
    connect(document->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(document, &ProjectDocument::fileChanged, this, [this](const QString &path) {
        rememberRecent(path);
        updateTitle();
    });
    onDocumentChanged();
    updateTitle();
    resize(1280, 820);
}

void MainWindow::setupViews()
{
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("projectTree"));
    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    auto *treeDock = new QDockWidget(tr("Project"), this);
    treeDock->setObjectName(QStringLiteral("projectDock"));
    treeDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, treeDock);
    // Wide enough for a route key and its integration side by side.
    resizeDocks({treeDock}, {380}, Qt::Horizontal);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onSelectionChanged);
    connect(m_treeModel, &QAbstractItemModel::modelReset, this, [this] { m_tree->expandToDepth(2); });

    // One page per kind of item; kinds without a page of their own are edited as JSON.
    auto *route = new RouteEditor(m_document, this);
    auto *api = new ApiEditor(m_document, this);
    const auto urlOf = [this](const QString &apiKey) { return m_controller->urlOf(apiKey); };
    route->setUrlLookup(urlOf);
    api->setUrlLookup(urlOf);
    m_editors = {route, new IntegrationEditor(m_document, this), new FunctionEditor(m_document, this),
                 new StageEditor(m_document, this), api};
    m_fallback = new JsonItemEditor(m_document, this);
    m_pages = new QStackedWidget(this);
    m_emptyPage = new QLabel(tr("Select an item in the project tree"), this);
    static_cast<QLabel *>(m_emptyPage)->setAlignment(Qt::AlignCenter);
    m_pages->addWidget(m_emptyPage);
    for (ItemEditor *editor : m_editors) {
        auto *scroll = new QScrollArea(this);
        scroll->setWidget(editor);
        scroll->setWidgetResizable(true);
        m_pages->addWidget(scroll);
        connect(editor, &ItemEditor::message, this, &MainWindow::showMessage);
    }
    m_pages->addWidget(m_fallback);
    connect(m_fallback, &ItemEditor::message, this, &MainWindow::showMessage);
    m_json = new JsonItemEditor(m_document, this);
    connect(m_json, &ItemEditor::message, this, &MainWindow::showMessage);

    m_code = new CodeEditor(this);
    connect(m_code, &CodeEditor::saved, this, [this](const QString &path) {
        // Only the function whose code this is gets fresh processes; the others stay warm.
        const QString file = QDir::cleanPath(path);
        for (const Function &function : m_document->project().functions) {
            const QString dir = QDir::cleanPath(QDir(m_document->baseDir()).absoluteFilePath(QString::fromStdString(function.codeDir)));
            if (file.startsWith(dir + QLatin1Char('/'))) {
                m_controller->restartFunction(QString::fromStdString(function.name));
                showMessage(tr("Saved %1; function %2 restarts its warm processes").arg(path, QString::fromStdString(function.name)));
            }
        }
    });
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_pages, tr("Item"));
    m_tabs->addTab(m_json, tr("JSON"));
    m_tabs->addTab(m_code, tr("Code"));

    m_log = new QTableView(this);
    m_log->setObjectName(QStringLiteral("accessLog"));
    m_log->setModel(m_logModel);
    m_log->verticalHeader()->setVisible(false);
    m_log->verticalHeader()->setDefaultSectionSize(m_log->fontMetrics().height() + 6);
    m_log->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_log->setItemDelegateForColumn(AccessLogModel::Split, new LatencySplitDelegate(m_log));
    m_log->horizontalHeader()->setStretchLastSection(true);
    m_log->setColumnWidth(AccessLogModel::Path, 150);
    m_log->setColumnWidth(AccessLogModel::Route, 150);
    m_log->setColumnWidth(AccessLogModel::Split, 140);
    m_details = new RequestDetails(this);
    connect(m_log->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            m_details->showEntry(m_logModel->entryAt(current.row()));
    });
    auto *logSplit = new QSplitter(Qt::Horizontal, this);
    logSplit->addWidget(m_log);
    logSplit->addWidget(m_details);
    logSplit->setStretchFactor(0, 3);
    logSplit->setStretchFactor(1, 2);

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("gatewayState"));
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_tabs);
    vertical->addWidget(logSplit);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    setCentralWidget(vertical);
    statusBar()->addPermanentWidget(m_state);
}

void MainWindow::setupActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolbar"));
    QAction *open = file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        if (!maybeSave())
            return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(), tr("Gatewright projects (*.gatewright.json *.json)"));
        if (!path.isEmpty())
            openProject(path);
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    QAction *save = file->addAction(tr("&Save"), QKeySequence::Save, this, [this] {
        QString error;
        if (!m_document->save(&error))
            QMessageBox::warning(this, tr("Save failed"), error);
    });
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save project as"), m_document->filePath(), tr("Gatewright projects (*.gatewright.json)"));
        QString error;
        if (!path.isEmpty() && !m_document->saveAs(path, &error))
            QMessageBox::warning(this, tr("Save failed"), error);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *addRouteAction = edit->addAction(tr("Add &route"), this, &MainWindow::addRoute);
    QAction *addFunctionAction = edit->addAction(tr("Add &function"), this, &MainWindow::addFunction);
    QAction *deleteAction = edit->addAction(tr("&Delete item"), this, &MainWindow::deleteSelected);
    // Delete acts on the project tree only, never on whatever else has the focus (the log).
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_tree->addAction(deleteAction);

    QMenu *gatewayMenu = menuBar()->addMenu(tr("&Gateway"));
    m_startAction = gatewayMenu->addAction(tr("&Start"), this, &MainWindow::startGateway);
    m_startAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_stopAction = gatewayMenu->addAction(tr("S&top"), this, &MainWindow::stopGateway);
    gatewayMenu->addAction(tr("&Clear access log"), m_logModel, &AccessLogModel::clear);

    for (QAction *action : {open, save})
        bar->addAction(action);
    bar->addSeparator();
    bar->addAction(undo);
    bar->addAction(redo);
    bar->addSeparator();
    bar->addAction(addRouteAction);
    bar->addAction(addFunctionAction);
    bar->addAction(deleteAction);
    bar->addSeparator();
    bar->addAction(m_startAction);
    bar->addAction(m_stopAction);
    rebuildRecentMenu();
}

void MainWindow::setupGatewayWiring()
{
    connect(m_gateway, &Gateway::accessLogBatch, this, [this](const QVector<AccessLogEntry> &batch) {
        // Follow new rows only while the user is at the bottom (like Wireshark's packet list).
        QScrollBar *scroll = m_log->verticalScrollBar();
        const bool atBottom = scroll->value() >= scroll->maximum() - 2;
        m_logModel->appendBatch(batch);
        if (atBottom)
            m_log->scrollToBottom();
    });
    connect(m_controller, &GatewayController::stateChanged, this, &MainWindow::showDeployState);
    connect(m_controller, &GatewayController::deployed, this, [this](const DeployResult &result) {
        showDeployState();
        if (!result.ok)
            showMessage(tr("Not deployed: %1").arg(result.error));
        if (ItemEditor *editor = currentEditor())
            editor->showItem(editor->item()); // URLs may have changed
    });
    connect(m_gateway, &Gateway::endpointsChanged, this, &MainWindow::showDeployState);
    showDeployState();
}

void MainWindow::showDeployState()
{
    const auto state = m_controller->state();
    m_startAction->setEnabled(state == GatewayController::State::Stopped);
    m_stopAction->setEnabled(state != GatewayController::State::Stopped);
    QStringList urls;
    for (const Endpoint &endpoint : m_controller->endpoints())
        urls << QStringLiteral("%1 (%2): %3").arg(endpoint.apiName, endpoint.stage, endpoint.url);
    QString text;
    switch (state) {
    case GatewayController::State::Stopped:
        text = m_controller->lastError().isEmpty() ? tr("● Stopped") : tr("● Stopped: %1").arg(m_controller->lastError());
        break;
    case GatewayController::State::Deploying: text = tr("● Deploying…"); break;
    case GatewayController::State::Running:
        text = tr("● Running  %1").arg(urls.join(QStringLiteral("   ")));
        if (!m_controller->lastError().isEmpty())
            text += tr("  ·  last edit not deployed: %1").arg(m_controller->lastError());
        break;
    }
    m_state->setText(text);
}

void MainWindow::startGateway()
{
    m_controller->start();
}

void MainWindow::stopGateway()
{
    m_controller->stop();
    showMessage(tr("Gateway stopped"));
}

bool MainWindow::openProject(const QString &path)
{
    QString error;
    const bool wasRunning = m_controller->isRunning();
    if (!m_document->open(path, &error)) {
        QMessageBox::warning(this, tr("Cannot open project"), error);
        return false;
    }
    if (wasRunning) {
        m_controller->stop();
        m_controller->start();
    }
    return true;
}

void MainWindow::onDocumentChanged()
{
    const ItemId current = selectedItem();
    m_treeModel->setProject(m_document->project());
    if (current != kNoItem)
        m_tree->selectionModel()->setCurrentIndex(m_treeModel->indexForItem(current), QItemSelectionModel::ClearAndSelect);
    updateTitle();
}

ItemId MainWindow::selectedItem() const
{
    const QModelIndex current = m_tree->currentIndex();
    return current.sibling(current.row(), 0).data(ProjectTreeModel::ItemIdRole).value<quint64>();
}

void MainWindow::selectItem(ItemId id)
{
    const QModelIndex index = m_treeModel->indexForItem(id);
    if (index.isValid())
        m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

ItemEditor *MainWindow::editorFor(const QString &kind) const
{
    for (ItemEditor *editor : m_editors) {
        static const char *const kNames[] = {"function", "api", "route", "integration", "stage", "authorizer", "resource", "method"};
        if (kind == QLatin1String(kNames[int(editor->kind())]))
            return editor;
    }
    return nullptr;
}

ItemEditor *MainWindow::currentEditor() const
{
    for (ItemEditor *editor : m_editors)
        if (m_pages->currentWidget() == editor->parentWidget()->parentWidget())
            return editor;
    return m_pages->currentWidget() == m_fallback ? m_fallback : nullptr;
}

void MainWindow::onSelectionChanged()
{
    const QModelIndex current = m_tree->currentIndex();
    const ItemId id = current.sibling(current.row(), 0).data(ProjectTreeModel::ItemIdRole).value<quint64>();
    const QString kind = current.sibling(current.row(), 0).data(ProjectTreeModel::KindRole).toString();
    m_json->showItem(id);
    if (id == kNoItem) {
        m_pages->setCurrentWidget(m_emptyPage);
        return;
    }
    if (ItemEditor *editor = editorFor(kind)) {
        editor->showItem(id);
        m_pages->setCurrentWidget(editor->parentWidget()->parentWidget()); // its scroll area
    } else {
        m_fallback->showItem(id);
        m_pages->setCurrentWidget(m_fallback);
    }
    if (kind == QLatin1String("function"))
        openCodeOf(id);
}

void MainWindow::openCodeOf(ItemId id)
{
    const Function *function = findFunctionItem(m_document->project(), id);
    if (!function)
        return;
    const QString codeDir = QDir(m_document->baseDir()).absoluteFilePath(QString::fromStdString(function->codeDir));
    m_code->openHandler(codeDir, QString::fromStdString(function->runtime), QString::fromStdString(function->handler));
}

void MainWindow::updateTitle()
{
    const QString name = QString::fromStdString(m_document->project().name);
    setWindowTitle(QStringLiteral("%1%2 — Gatewright").arg(name, m_document->isModified() ? QStringLiteral(" *") : QString()));
}

void MainWindow::addRoute()
{
    Project edited = m_document->project();
    for (Api &api : edited.apis) {
        std::vector<Route> *routes = api.apiType() == ApiType::Http ? api.mutableRoutes() : nullptr;
        if (!routes)
            continue;
        int n = 1;
        auto exists = [&](const std::string &key) {
            return std::any_of(routes->begin(), routes->end(), [&](const Route &r) { return r.routeKey == key; });
        };
        while (exists("GET /new-route-" + std::to_string(n)))
            ++n;
        Route route;
        route.routeKey = "GET /new-route-" + std::to_string(n);
        if (!api.integrations().empty())
            route.integration = api.integrations().front().id;
        const ItemId id = route.itemId;
        routes->push_back(route);
        QString error;
        if (!m_document->apply(edited, tr("Add route %1").arg(QString::fromStdString(route.routeKey)), &error, id))
            showMessage(error);
        return;
    }
    showMessage(tr("Add an HTTP API first"));
}

void MainWindow::addFunction()
{
    Project edited = m_document->project();
    int n = 1;
    while (edited.findFunction("function-" + std::to_string(n)))
        ++n;
    Function function;
    function.name = "function-" + std::to_string(n);
    function.codeDir = "functions/" + function.name;
    const QDir dir(QDir(m_document->baseDir()).absoluteFilePath(QString::fromStdString(function.codeDir)));
    if (!dir.exists() && QDir().mkpath(dir.path())) {
        QFile file(dir.absoluteFilePath(QStringLiteral("app.py")));
        if (file.open(QIODevice::WriteOnly))
            file.write("import json\n\n\ndef handler(event, context):\n    return {\"statusCode\": 200, \"body\": json.dumps({\"hello\": \"world\"})}\n");
    }
    const ItemId id = function.itemId;
    edited.functions.push_back(function);
    QString error;
    if (!m_document->apply(edited, tr("Add function %1").arg(QString::fromStdString(function.name)), &error, id))
        showMessage(error);
}

void MainWindow::deleteSelected()
{
    const ItemId id = selectedItem();
    const auto where = locateItem(m_document->project(), id);
    if (!where)
        return;
    Project edited = m_document->project();
    QString what;
    switch (where->kind) {
    case ItemKind::Function:
        what = tr("function %1").arg(QString::fromStdString(edited.functions[size_t(where->index)].name));
        edited.functions.erase(edited.functions.begin() + where->index);
        break;
    case ItemKind::Api:
        what = tr("API %1").arg(QString::fromStdString(edited.apis[size_t(where->index)].name));
        edited.apis.erase(edited.apis.begin() + where->index);
        break;
    case ItemKind::Route: {
        auto *routes = edited.apis[size_t(where->api)].mutableRoutes();
        what = tr("route %1").arg(QString::fromStdString((*routes)[size_t(where->index)].routeKey));
        routes->erase(routes->begin() + where->index);
        break;
    }
    case ItemKind::Integration: {
        auto *integrations = edited.apis[size_t(where->api)].mutableIntegrations();
        what = tr("integration %1").arg(QString::fromStdString((*integrations)[size_t(where->index)].id));
        integrations->erase(integrations->begin() + where->index);
        break;
    }
    case ItemKind::Stage: {
        auto &stages = edited.apis[size_t(where->api)].stages;
        what = tr("stage %1").arg(QString::fromStdString(stages[size_t(where->index)].name));
        stages.erase(stages.begin() + where->index);
        break;
    }
    case ItemKind::Authorizer: {
        auto &authorizers = edited.apis[size_t(where->api)].authorizers;
        what = tr("authorizer %1").arg(QString::fromStdString(authorizers[size_t(where->index)].id));
        authorizers.erase(authorizers.begin() + where->index);
        break;
    }
    case ItemKind::Resource: {
        auto &resources = edited.apis[size_t(where->api)].rest()->resources;
        what = tr("resource %1").arg(QString::fromStdString(resources[size_t(where->index)].path));
        resources.erase(resources.begin() + where->index);
        break;
    }
    case ItemKind::Method: {
        auto &methods = edited.apis[size_t(where->api)].rest()->resources[size_t(where->resource)].methods;
        what = tr("method %1").arg(QString::fromStdString(methods[size_t(where->index)].httpMethod));
        methods.erase(methods.begin() + where->index);
        break;
    }
    }
    QString error;
    if (!m_document->apply(edited, tr("Delete %1").arg(what), &error))
        showMessage(tr("Cannot delete %1: %2").arg(what, error));
    else
        showMessage(tr("Deleted %1 (Undo brings it back)").arg(what));
}

void MainWindow::rememberRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 8)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : recent)
        m_recentMenu->addAction(path, this, [this, path] {
            if (maybeSave())
                openProject(path);
        });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showMessage(const QString &text)
{
    statusBar()->showMessage(text, 8000);
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"), tr("Save the changes to the project?"),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save) {
        QString error;
        if (!m_document->save(&error)) {
            QMessageBox::warning(this, tr("Save failed"), error);
            return false;
        }
    }
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_controller->stop();
    event->accept();
}

} // namespace gw::ui
