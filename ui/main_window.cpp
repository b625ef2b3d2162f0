#include "main_window.h"

#include "console/request_console.h"
#include "designer/code_editor.h"
#include "designer/editors/api_editor.h"
#include "designer/editors/function_editor.h"
#include "designer/editors/integration_editor.h"
#include "designer/editors/json_item_editor.h"
#include "designer/editors/route_editor.h"
#include "designer/editors/stage_editor.h"
#include "designer/editors/method_editor.h"
#include "designer/project_tree_model.h"
#include "gateway/gateway.h"
#include "runtime/function_runtime.h"
#include "gateway_controller.h"
#include "monitor/access_log_model.h"
#include "monitor/latency_split_delegate.h"
#include "monitor/request_details.h"
#include "monitor/traffic_panel.h"
#include "monitor/metrics_panel.h"
#include "designer/problems_model.h"
#include "designer/explorer_delegate.h"
#include "designer/command_palette.h"
#include "designer/palettes.h"
#include "designer/editors/cors_editor.h"
#include "project_document.h"
#include "net/local_ca.h"
#include "websocket/websocket_client_panel.h"
#include "websocket/websocket_sessions_model.h"
#include "websocket/websocket_sessions_panel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QTimer>
#include <QScreen>
#include <QGuiApplication>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>
#include <set>
#include <QPointer>
#include <QUuid>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
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
#include <QToolButton>
#include <QTreeView>

namespace gw::ui {

MainWindow::MainWindow(ProjectDocument *document, Gateway *gateway, QWidget *parent)
    : QMainWindow(parent), m_document(document), m_gateway(gateway),
      m_controller(new GatewayController(gateway, document, this)), m_treeModel(new ProjectTreeModel(this)),
      m_logModel(new AccessLogModel(100000, this))
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/gatewright.svg")));
    m_ask = [this](const QString &title, const QString &text, QMessageBox::StandardButtons buttons) {
        return QMessageBox::question(this, title, text, buttons);
    };
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
    connect(document, &ProjectDocument::changedOnDisk, this, &MainWindow::onChangedOnDisk);
    onDocumentChanged();
    updateTitle();
    // Explorer, page and console side by side want about 1440 px; a smaller screen gets what it has.
    const QRect screen = QGuiApplication::primaryScreen() ? QGuiApplication::primaryScreen()->availableGeometry() : QRect();
    resize(screen.width() >= 1440 ? 1440 : 1280, screen.height() >= 900 ? 880 : 820);
    if (!m_document->filePath().isEmpty())
        rememberRecent(m_document->filePath()); // also a file given on the command line
    restoreLayout();
}

MainWindow::~MainWindow()
{
    // The children outlive this class's part of the object: nothing they do while they go may call
    // back into it (their lookups and the signals this window listens to).
    m_document->disconnect(this);
    m_gateway->disconnect(this);
    m_controller->disconnect(this);
    m_tree->selectionModel()->disconnect(this);
    for (ItemEditor *editor : m_editors) {
        m_document->disconnect(editor);
        if (auto *route = qobject_cast<RouteEditor *>(editor))
            route->setUrlLookup(nullptr);
        else if (auto *api = qobject_cast<ApiEditor *>(editor))
            api->setUrlLookup(nullptr);
        else if (auto *stage = qobject_cast<StageEditor *>(editor))
            stage->setUrlLookup(nullptr);
        else if (auto *function = qobject_cast<FunctionEditor *>(editor))
            function->setInvoker(nullptr);
    }
    m_logModel->setFunctionLookup(nullptr);
}

void MainWindow::setupViews()
{
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("projectTree"));
    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true);
    m_tree->setItemDelegate(new ExplorerDelegate(m_tree));
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeMenu);
    m_treeFilter = new QLineEdit(this);
    m_treeFilter->setObjectName(QStringLiteral("explorerFilter"));
    m_treeFilter->setPlaceholderText(tr("Filter routes, functions, stages…"));
    m_treeFilter->setClearButtonEnabled(true);
    connect(m_treeFilter, &QLineEdit::textChanged, this, &MainWindow::applyTreeFilter);
    auto *explorer = new QWidget(this);
    auto *explorerLayout = new QVBoxLayout(explorer);
    explorerLayout->setContentsMargins(0, 0, 0, 0);
    explorerLayout->setSpacing(2);
    explorerLayout->addWidget(m_treeFilter);
    explorerLayout->addWidget(m_tree, 1);
    auto *treeDock = new QDockWidget(tr("Explorer"), this);
    treeDock->setObjectName(QStringLiteral("projectDock"));
    treeDock->setWidget(explorer);
    addDockWidget(Qt::LeftDockWidgetArea, treeDock);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onSelectionChanged);
    connect(m_treeModel, &QAbstractItemModel::modelReset, this, [this] {
        m_tree->expandAll();
        applyTreeFilter(m_treeFilter->text());
    });

    // One page per kind of item; kinds without a page of their own are edited as JSON.
    auto *route = new RouteEditor(m_document, this);
    auto *api = new ApiEditor(m_document, this);
    const auto urlOf = [this](const QString &apiKey) { return m_controller->urlOf(apiKey); };
    route->setUrlLookup(urlOf);
    connect(route, &RouteEditor::itemRequested, this, &MainWindow::selectItem);
    connect(route, &RouteEditor::newIntegrationRequested, this, [this](ItemId routeId) {
        const Api *api = apiOfItem(m_document->project(), routeId);
        AddItemDialog dialog(AddItemDialog::Kind::Integration, m_document->project(), m_document->baseDir(),
                             api ? api->itemId : kNoItem, this);
        if (dialog.exec() == QDialog::Accepted)
            attachNewIntegration(dialog, routeId);
    });
    api->setUrlLookup(urlOf);
    m_cors = new CorsEditor(m_document, this);
    auto *functionEditor = new FunctionEditor(m_document, this);
    functionEditor->setInvoker([this](const QString &function, const QByteArray &event,
                                      std::function<void(InvocationResult)> done, QString *whyNot) {
        if (m_controller->state() != GatewayController::State::Running || !m_gateway->runtime()) {
            *whyNot = tr("Start the gateway (F5) to invoke functions");
            return false;
        }
        InvocationRequest request;
        request.payload = event;
        request.requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QPointer<MainWindow> self(this);
        m_gateway->runtime()->invoke(function, request, [self, done](InvocationResult result) {
            // The runtime answers on its thread: the page is updated on the GUI thread.
            QMetaObject::invokeMethod(qApp, [self, done, result] {
                if (self)
                    done(result);
            }, Qt::QueuedConnection);
        });
        return true;
    });
    auto *stageEditor = new StageEditor(m_document, this);
    stageEditor->setUrlLookup([this](const QString &apiKey, const QString &stage) { return m_controller->urlOf(apiKey, stage); });
    auto *methodEditor = new MethodEditor(m_document, this);
    methodEditor->setTraffic(m_logModel); // its template previews take samples from the traffic
    m_editors = {route, new IntegrationEditor(m_document, this), functionEditor, stageEditor, api, m_cors, methodEditor};
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
    connect(m_code, &CodeEditor::openRequested, this, [this](const QString &path) {
        if (path != m_code->filePath() && settleCode())
            m_code->openFile(path);
    });
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("documentTabs"));
    m_tabs->addTab(m_pages, tr("Item"));
    m_tabs->addTab(m_json, tr("JSON"));
    m_tabs->addTab(m_code, tr("Code"));
    connect(m_code, &CodeEditor::modificationChanged, this, &MainWindow::updateTabMarkers);
    connect(m_json, &JsonItemEditor::unappliedChanged, this, &MainWindow::updateTabMarkers);
    connect(m_fallback, &JsonItemEditor::unappliedChanged, this, &MainWindow::updateTabMarkers);

    m_logModel->setFunctionLookup([this](const QByteArray &routeKey) {
        const Route *route = findRouteItem(m_document->project(), routeItemByKey(QString::fromUtf8(routeKey)));
        const Api *api = route ? apiOfItem(m_document->project(), route->itemId) : nullptr;
        if (route && api && route->integration)
            for (const Integration &integration : api->integrations())
                if (integration.id == *route->integration && integration.function)
                    return QString::fromStdString(functionNameFromReference(*integration.function));
        return QString();
    });
    // The request console: build, send, save and load-test requests (UI.md's right dock). Made after
    // the pages, so Tab goes explorer → page → console.
    m_console = new RequestConsole(m_document, m_controller, this);
    auto *consoleDock = new QDockWidget(tr("Console"), this);
    consoleDock->setObjectName(QStringLiteral("consoleDock"));
    consoleDock->setWidget(m_console);
    addDockWidget(Qt::RightDockWidgetArea, consoleDock);
    connect(m_console, &RequestConsole::message, this, &MainWindow::showMessage);
    m_traffic = new TrafficPanel(m_logModel, this);
    connect(m_traffic, &TrafficPanel::openInConsoleRequested, this, [this](const AccessLogEntry &entry) {
        if (m_console->loadCaptured(entry))
            showConsole();
    });
    connect(m_console, &RequestConsole::showInTrafficRequested, this, [this](const QByteArray &requestId, qint64) {
        m_bottom->setCurrentWidget(m_traffic);
        // The access log arrives in batches: the row may come a moment after the answer.
        auto tries = std::make_shared<int>(0);
        auto attempt = std::make_shared<std::function<void()>>();
        *attempt = [this, requestId, tries, attempt] {
            if (m_traffic->selectRequest(requestId))
                return;
            if (++*tries < 20)
                QTimer::singleShot(100, this, *attempt);
            else
                showMessage(tr("Request %1 is not in the traffic (was it sent to this gateway?)").arg(QString::fromLatin1(requestId)));
        };
        (*attempt)();
    });
    m_log = m_traffic->view();
    m_details = m_traffic->details();
    connect(m_details, &RequestDetails::goToRoute, this, [this](const QString &routeKey) {
        if (const ItemId id = routeItemByKey(routeKey); id != kNoItem) {
            selectItem(id);
            m_tabs->setCurrentWidget(m_pages);
        }
    });
    connect(m_details, &RequestDetails::openHandlerOf, this, [this](const QString &routeKey) {
        // The route's integration's function, in the Code tab.
        const Route *route = findRouteItem(m_document->project(), routeItemByKey(routeKey));
        const Api *api = route ? apiOfItem(m_document->project(), route->itemId) : nullptr;
        if (!route || !api || !route->integration)
            return;
        for (const Integration &integration : api->integrations())
            if (integration.id == *route->integration && integration.function)
                if (const Function *f = m_document->project().findFunction(*integration.function)) {
                    selectItem(f->itemId);
                    m_tabs->setCurrentWidget(m_code);
                    return;
                }
        showMessage(tr("Route %1 calls no function").arg(routeKey));
    });
    m_problemsModel = new ProblemsModel(this);
    std::vector<ItemEditor *> pages = m_editors;
    pages.push_back(m_fallback);
    pages.push_back(m_json);
    for (ItemEditor *page : pages)
        connect(page, &ItemEditor::draftProblemChanged, this, [this](ItemId item, const QString &text) {
            m_problemsModel->setDraftProblem(m_document->project(), item, text);
        });
    m_problems = new QTableView(this);
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setModel(m_problemsModel);
    m_problems->verticalHeader()->setVisible(false);
    m_problems->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problems->horizontalHeader()->setStretchLastSection(true);
    m_problems->setColumnWidth(ProblemsModel::Severity, 96);
    m_problems->setColumnWidth(ProblemsModel::Message, 640);
    m_problems->setWordWrap(false);
    // Double-click (or Enter) goes to the item the problem is about.
    connect(m_problems, &QTableView::activated, this, [this](const QModelIndex &index) {
        const ItemId id = index.data(ProblemsModel::ItemIdRole).value<quint64>();
        if (id != kNoItem) {
            selectItem(id);
            m_tree->setFocus();
        }
    });
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("output"));
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(20000); // bounded, like the log
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setPlaceholderText(tr("What the functions print, as they print it"));
    m_bottom = new QTabWidget(this);
    m_bottom->setObjectName(QStringLiteral("bottomTabs"));
    m_bottom->addTab(m_traffic, tr("Traffic"));
    m_metrics = new MetricsPanel(this);
    m_bottom->addTab(m_metrics, tr("Metrics"));
    connect(m_metrics, &MetricsPanel::showRouteInTraffic, this, [this](const QString &routeKey) {
        m_traffic->showRoute(routeKey);
        m_bottom->setCurrentWidget(m_traffic);
    });
    m_bottom->addTab(m_problems, tr("Problems"));
    m_bottom->addTab(m_output, tr("Output"));
    // WebSocket APIs: the gateway's sessions and frames, and a client of the window's own.
    m_webSockets = new QTabWidget(this);
    m_webSockets->setObjectName(QStringLiteral("webSocketTabs"));
    m_webSockets->setDocumentMode(true);
    m_wsSessions = new WebSocketSessionsPanel(m_gateway, m_webSockets);
    m_wsClient = new WebSocketClientPanel(m_webSockets);
    m_webSockets->addTab(m_wsSessions, tr("Sessions"));
    m_webSockets->addTab(m_wsClient, tr("Client"));
    m_bottom->addTab(m_webSockets, tr("WebSockets"));
    connect(m_wsSessions->sessions(), &WebSocketSessionsModel::openCountChanged, this, [this](int open) {
        m_bottom->setTabText(m_bottom->indexOf(m_webSockets), open == 0 ? tr("WebSockets") : tr("WebSockets (%1)").arg(open));
    });
    connect(m_problemsModel, &ProblemsModel::countsChanged, this, [this](int errors, int warnings) {
        m_bottom->setTabText(m_bottom->indexOf(m_problems), errors + warnings == 0 ? tr("Problems")
                                                                                   : tr("Problems (%1)").arg(errors + warnings));
    });

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("gatewayState"));
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_tabs);
    vertical->addWidget(m_bottom);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 1);
    setCentralWidget(vertical);
    statusBar()->addPermanentWidget(m_state);
}

void MainWindow::setupActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolbar"));
    QAction *open = file->addAction(QIcon(QStringLiteral(":/icons/open.svg")), tr("&Open…"), QKeySequence::Open, this, [this] {
        if (!maybeSave())
            return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(), tr("Gatewright projects (*.gatewright.json *.json)"));
        if (!path.isEmpty())
            openProject(path);
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    QAction *save = file->addAction(QIcon(QStringLiteral(":/icons/save.svg")), tr("&Save"), QKeySequence::Save, this,
                                    &MainWindow::saveFocused);
    save->setToolTip(tr("Save the focused document: the code when the code editor has the focus, else the project (Ctrl+S)"));
    file->addAction(tr("Save A&ll"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S), this, &MainWindow::saveAll);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save project as"), m_document->filePath(),
                                                          tr("Gatewright projects (*.gatewright.json)"));
        if (!path.isEmpty())
            saveProjectAs(path);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(QKeySequence::Redo); // Ctrl+Shift+Z and Ctrl+Y
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *addRouteAction = edit->addAction(QIcon(QStringLiteral(":/icons/add-route.svg")), tr("Add &route"), this, &MainWindow::addRoute);
    edit->addAction(QIcon(QStringLiteral(":/icons/add-function.svg")), tr("Add &function"), this, &MainWindow::addFunction);
    m_deleteAction = edit->addAction(QIcon(QStringLiteral(":/icons/delete.svg")), tr("&Delete"), this, &MainWindow::deleteSelected);
    m_deleteAction->setObjectName(QStringLiteral("deleteItem"));
    // Delete acts on the project tree only, never on whatever else has the focus (the log).
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_tree->addAction(m_deleteAction);

    QMenu *gatewayMenu = menuBar()->addMenu(tr("&Gateway"));
    m_startAction = gatewayMenu->addAction(QIcon(QStringLiteral(":/icons/start.svg")), tr("&Start"), this, &MainWindow::startGateway);
    m_startAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_stopAction = gatewayMenu->addAction(QIcon(QStringLiteral(":/icons/stop.svg")), tr("S&top"), this, &MainWindow::stopGateway);
    gatewayMenu->addAction(tr("&Clear traffic"), m_logModel, &AccessLogModel::clear);
    gatewayMenu->addSeparator();
    gatewayMenu->addAction(tr("&Export Local CA Certificate…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the local CA certificate"),
                                                          QDir::home().filePath(QStringLiteral("gatewright-local-ca.pem")),
                                                          tr("PEM certificates (*.pem *.crt)"));
        if (path.isEmpty())
            return;
        QString error;
        if (exportLocalCa(path, &error))
            showMessage(tr("Local CA certificate written to %1: trust it for wss:// (wscat --ca, NODE_EXTRA_CA_CERTS, a browser's authorities)").arg(path));
        else
            QMessageBox::warning(this, tr("Cannot export the CA certificate"), error);
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *palette = view->addAction(tr("&Go to item…"), this, &MainWindow::showCommandPalette);
    palette->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)});
    view->addSeparator();
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("projectDock")))
        view->addAction(dock->toggleViewAction());
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("consoleDock"))) {
        QAction *toggle = dock->toggleViewAction();
        toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
        view->addAction(toggle);
    }
    const struct { const char *text; QWidget *page; int key; } panels[] = {
        {"&Traffic", m_traffic, Qt::Key_1}, {"&Problems", m_problems, Qt::Key_2}, {"&Output", m_output, Qt::Key_3},
        {"&WebSockets", m_webSockets, Qt::Key_4}, {"&Metrics", m_metrics, Qt::Key_6}};
    for (const auto &panel : panels) {
        QWidget *page = panel.page;
        view->addAction(tr(panel.text), QKeySequence(Qt::CTRL | panel.key), this, [this, page] {
            m_bottom->setCurrentWidget(page);
            page->setFocus();
        });
    }
    view->addSeparator();
    view->addAction(tr("&Explorer filter"), QKeySequence(Qt::CTRL | Qt::Key_F), this, [this] {
        m_treeFilter->setFocus();
        m_treeFilter->selectAll();
    });

    QMenu *theme = view->addMenu(tr("T&heme"));
    auto *themes = new QActionGroup(this);
    for (const auto &[key, label] : {std::pair{"system", "&System"}, std::pair{"light", "&Light"}, std::pair{"dark", "&Dark"}}) {
        QAction *choice = theme->addAction(tr(label));
        choice->setCheckable(true);
        choice->setChecked(currentTheme() == QLatin1String(key));
        themes->addAction(choice);
        const QString name = QLatin1String(key);
        connect(choice, &QAction::triggered, this, [name] {
            applyTheme(name);
            QSettings().setValue(QStringLiteral("theme"), name);
        });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        QMessageBox::information(this, tr("Keyboard shortcuts"),
                                 tr("Ctrl+K  go to any item\nCtrl+S  save the focused document (code or project)\n"
                                    "Ctrl+Alt+S  save all\nCtrl+Z / Ctrl+Shift+Z  undo / redo\nDel  delete the item "
                                    "selected in the explorer\nCtrl+F  filter the explorer\nCtrl+1/2/3/4  Traffic, Problems, "
                                    "Output, WebSockets\nCtrl+5  show or hide the console\nCtrl+6  Metrics\nCtrl+Enter  send the console's request\nF5  start the gateway"));
    });
    help->addAction(tr("&About Gatewright"), this, [this] {
        QMessageBox::about(this, tr("About Gatewright"),
                           tr("<b>Gatewright %1</b><br>An API designer, a local API gateway and a test console for "
                              "Amazon API Gateway.<br>Qt %2")
                               .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
    });

    // The toolbar's Undo and Redo keep their label, so no button moves under the mouse; what
    // they would undo is in the tooltip (and in the Edit menu).
    QUndoStack *stack = m_document->undoStack();
    auto *undoButton = new QAction(QIcon(QStringLiteral(":/icons/undo.svg")), tr("Undo"), this);
    undoButton->setObjectName(QStringLiteral("toolbarUndo"));
    auto *redoButton = new QAction(QIcon(QStringLiteral(":/icons/redo.svg")), tr("Redo"), this);
    redoButton->setObjectName(QStringLiteral("toolbarRedo"));
    connect(undoButton, &QAction::triggered, stack, &QUndoStack::undo);
    connect(redoButton, &QAction::triggered, stack, &QUndoStack::redo);
    auto syncUndoButtons = [=] {
        undoButton->setEnabled(stack->canUndo());
        redoButton->setEnabled(stack->canRedo());
        undoButton->setToolTip(stack->canUndo() ? tr("Undo %1 (Ctrl+Z)").arg(stack->undoText()) : tr("Nothing to undo"));
        redoButton->setToolTip(stack->canRedo() ? tr("Redo %1 (Ctrl+Shift+Z)").arg(stack->redoText()) : tr("Nothing to redo"));
    };
    connect(stack, &QUndoStack::indexChanged, this, syncUndoButtons);
    connect(stack, &QUndoStack::cleanChanged, this, syncUndoButtons);
    syncUndoButtons();

    m_copyUrlAction = new QAction(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy URL"), this);
    m_copyUrlAction->setObjectName(QStringLiteral("copyUrl"));
    connect(m_copyUrlAction, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(m_url->text()); });
    m_openUrlAction = new QAction(QIcon(QStringLiteral(":/icons/open-url.svg")), tr("Open URL in the browser"), this);
    connect(m_openUrlAction, &QAction::triggered, this, [this] { QDesktopServices::openUrl(QUrl(m_url->text())); });
    m_url = new QLabel(this);
    m_url->setObjectName(QStringLiteral("gatewayUrl"));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_url->setMinimumWidth(m_url->fontMetrics().horizontalAdvance(QStringLiteral("http://127.0.0.1:65535")) + 8);

    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(18, 18));
    for (QAction *action : {open, save})
        bar->addAction(action);
    bar->addSeparator();
    bar->addAction(undoButton);
    bar->addAction(redoButton);
    bar->addSeparator();
    // One Add menu: each entry a small dialog that makes a valid item.
    auto *addMenu = new QMenu(tr("Add"), this);
    addMenu->setObjectName(QStringLiteral("addMenu"));
    const struct { const char *text; AddItemDialog::Kind kind; } adds[] = {
        {"&Route…", AddItemDialog::Kind::Route},       {"&Integration…", AddItemDialog::Kind::Integration},
        {"&Function…", AddItemDialog::Kind::Function}, {"&Stage…", AddItemDialog::Kind::Stage},
        {"&API…", AddItemDialog::Kind::Api}};
    for (const auto &add : adds) {
        const AddItemDialog::Kind kind = add.kind;
        addMenu->addAction(tr(add.text), this, [this, kind] { showAddDialog(kind); });
    }
    edit->insertMenu(addRouteAction, addMenu);
    auto *addButton = new QToolButton(this);
    addButton->setObjectName(QStringLiteral("addButton"));
    addButton->setText(tr("Add"));
    addButton->setIcon(QIcon(QStringLiteral(":/icons/add-route.svg")));
    addButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    addButton->setPopupMode(QToolButton::InstantPopup);
    addButton->setMenu(addMenu);
    addButton->setToolTip(tr("Add a route, integration, function, stage or API"));
    bar->addWidget(addButton);
    bar->addAction(m_deleteAction);
    bar->addSeparator();
    bar->addAction(m_startAction);
    bar->addAction(m_stopAction);
    bar->addWidget(m_url);
    bar->addAction(m_copyUrlAction);
    bar->addAction(m_openUrlAction);
    for (QAction *action : {m_copyUrlAction, m_openUrlAction}) // icons only: the URL beside them says what they act on
        if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(action)))
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    // Every button keeps one width whatever its state; what Delete deletes is in its tooltip.
    for (QAction *action : bar->actions())
        if (QWidget *button = bar->widgetForAction(action); button && action->isSeparator() == false && button != m_url)
            button->setFixedWidth(button->sizeHint().width());
    rebuildRecentMenu();
}

void MainWindow::setupGatewayWiring()
{
    connect(m_gateway, &Gateway::accessLogBatch, m_traffic, &TrafficPanel::append);
    connect(m_gateway, &Gateway::accessLogBatch, m_metrics, &MetricsPanel::append);
    connect(m_gateway, &Gateway::webSocketBatch, m_wsSessions, &WebSocketSessionsPanel::apply);
    connect(m_gateway, &Gateway::accessLogBatch, m_wsSessions, &WebSocketSessionsPanel::annotate);
    connect(m_gateway, &Gateway::runningChanged, m_wsSessions, [this](bool running) {
        if (!running)
            m_wsSessions->gatewayStopped();
    });
    connect(m_gateway, &Gateway::endpointsChanged, m_wsClient, [this] { m_wsClient->setEndpoints(m_gateway->endpoints()); });
    connect(m_gateway, &Gateway::functionOutputBatch, this, [this](const QVector<FunctionOutputLine> &lines) {
        QStringList text;
        text.reserve(lines.size());
        for (const FunctionOutputLine &line : lines)
            text << QStringLiteral("%1  %2").arg(line.functionName, line.text);
        m_output->appendPlainText(text.join(QLatin1Char('\n')));
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
    connect(m_gateway, &Gateway::functionProcessCount, m_treeModel, &ProjectTreeModel::setProcessCount);
    showDeployState();
}

void MainWindow::showDeployState()
{
    const auto state = m_controller->state();
    m_startAction->setEnabled(state == GatewayController::State::Stopped);
    m_stopAction->setEnabled(state != GatewayController::State::Stopped);
    QStringList urls;
    for (const Endpoint &endpoint : m_controller->endpoints()) {
        QString served;
        // A REST stage serves a deployment; without one, every edit of the design is live.
        if (endpoint.type == QLatin1String("REST"))
            served = endpoint.deployment.isEmpty() ? tr(", design live") : tr(", deployment %1").arg(endpoint.deployment);
        if (!endpoint.canaryDeployment.isEmpty())
            served += tr(" + canary %1 at %2%").arg(endpoint.canaryDeployment).arg(endpoint.canaryPercent);
        urls << QStringLiteral("%1 (%2%3): %4").arg(endpoint.apiName, endpoint.stage, served, endpoint.url);
    }
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
    QHash<QString, quint16> live;
    for (const Endpoint &endpoint : m_controller->endpoints())
        live[endpoint.apiKey + QLatin1Char('/') + endpoint.stage] = endpoint.port;
    m_treeModel->setLiveStages(state == GatewayController::State::Running ? live : QHash<QString, quint16>());
    const QString url = m_controller->endpoints().isEmpty() ? QString() : m_controller->endpoints().first().url;
    m_url->setText(url);
    m_copyUrlAction->setEnabled(!url.isEmpty());
    m_openUrlAction->setEnabled(!url.isEmpty());
}

bool MainWindow::exportLocalCa(const QString &path, QString *error)
{
    const LocalCertificate &ca = localCertificate();
    if (!ca.ok()) {
        *error = ca.error;
        return false;
    }
    QFile::remove(path);
    if (!QFile::copy(ca.caFile, path)) {
        *error = tr("cannot write %1").arg(path);
        return false;
    }
    return true;
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
    m_problemsModel->setProject(m_document->project());
    QStringList routeKeys;
    for (const Api &api : m_document->project().apis)
        for (const Route &route : api.routes())
            routeKeys << QString::fromStdString(route.routeKey);
    m_traffic->setRoutes(routeKeys);
    QList<TrafficPanel::StageChoice> stages;
    for (const Api &api : m_document->project().apis) {
        const QByteArray apiId = QByteArray::fromStdString(api.apiId);
        stages.append({QString::fromStdString(api.name), apiId, {}});
        if (api.stages.size() > 1)
            for (const Stage &stage : api.stages)
                stages.append({QStringLiteral("%1 / %2").arg(QString::fromStdString(api.name), QString::fromStdString(stage.name)), apiId,
                               QByteArray::fromStdString(stage.name)});
    }
    m_traffic->setStages(stages);
    m_metrics->setStages(stages);
    // Each stage's own accessLogFormat, parsed once per edit, for the Traffic panel's stage-format view.
    QHash<QPair<QByteArray, QByteArray>, std::shared_ptr<const AccessLogFormat>> formats;
    for (const Api &api : m_document->project().apis)
        for (const Stage &stage : api.stages)
            if (stage.accessLogFormat)
                formats.insert({QByteArray::fromStdString(api.apiId), QByteArray::fromStdString(stage.name)},
                               std::make_shared<const AccessLogFormat>(QString::fromStdString(*stage.accessLogFormat)));
    m_logModel->setFormatLookup([formats](const QByteArray &apiId, const QByteArray &stage) {
        return formats.value({apiId, stage});
    });
    QStringList webSocketRoutes;
    for (const Api &api : m_document->project().apis)
        if (api.apiType() == ApiType::WebSocket)
            for (const Route &route : api.routes())
                if (!webSocketRoutes.contains(QString::fromStdString(route.routeKey)))
                    webSocketRoutes << QString::fromStdString(route.routeKey);
    m_wsSessions->setRoutes(webSocketRoutes);
    QHash<QString, QString> apiNames;
    for (const Api &api : m_document->project().apis)
        apiNames.insert(QString::fromStdString(api.id), QString::fromStdString(api.name));
    m_wsSessions->setApiNames([apiNames](const QString &key) { return apiNames.value(key, key); });
    m_wsClient->setProject(m_document->project());
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
    if (kind == QLatin1String("cors"))
        return m_cors;
    for (ItemEditor *editor : m_editors) {
        if (editor == m_cors)
            continue;
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
    if (m_reselecting)
        return;
    const QModelIndex current = m_tree->currentIndex();
    const ItemId id = current.sibling(current.row(), 0).data(ProjectTreeModel::ItemIdRole).value<quint64>();
    const QString kind = current.sibling(current.row(), 0).data(ProjectTreeModel::KindRole).toString();
    if (id != m_shownItem && !settleJson()) {
        // Kept: the selection goes back to the item whose JSON is being typed.
        m_reselecting = true;
        m_tree->selectionModel()->setCurrentIndex(m_treeModel->indexForItem(m_shownItem),
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_reselecting = false;
        return;
    }
    m_shownItem = id;
    updateDeleteAction();
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
    const QString runtime = QString::fromStdString(function->runtime), handler = QString::fromStdString(function->handler);
    const QString source = CodeEditor::sourceOf(codeDir, runtime, handler);
    if (m_code->isModified() && source != m_code->filePath() && !settleCode()) {
        showMessage(tr("The Code tab keeps %1 and its unsaved changes").arg(m_code->filePath()));
        return;
    }
    if (source == m_code->filePath() && m_code->isModified())
        return; // the same file, being edited: keep the edits
    m_code->openHandler(codeDir, runtime, handler);
}

bool MainWindow::settleCode()
{
    if (!m_code->isModified())
        return true;
    const auto answer = m_ask(tr("Unsaved code"), tr("%1 has changes that are not saved. Save them?").arg(m_code->filePath()),
                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save) {
        QString error;
        if (!m_code->save(&error)) {
            QMessageBox::warning(this, tr("Save failed"), error);
            return false;
        }
    }
    return true;
}

bool MainWindow::settleJson()
{
    for (JsonItemEditor *editor : {m_json, m_fallback}) {
        if (!editor->hasUnappliedText())
            continue;
        const auto answer = m_ask(tr("JSON not applied"),
                                  tr("The JSON of the selected item was edited but not applied. Apply it?"),
                                  QMessageBox::Apply | QMessageBox::Discard | QMessageBox::Cancel);
        if (answer == QMessageBox::Cancel)
            return false;
        if (answer == QMessageBox::Apply) {
            QString error;
            if (!editor->applyJsonText(editor->text(), &error)) {
                QMessageBox::warning(this, tr("Not applied"), error);
                return false;
            }
        } else {
            editor->showItem(editor->item()); // dropped: the text is the item's again
        }
    }
    return true;
}

void MainWindow::updateTabMarkers()
{
    // A dot marks a document with work that is not saved (or applied) yet.
    m_tabs->setTabText(m_tabs->indexOf(m_code), m_code->isModified() ? tr("Code ●") : tr("Code"));
    m_tabs->setTabText(m_tabs->indexOf(m_json), m_json->hasUnappliedText() ? tr("JSON ●") : tr("JSON"));
}

void MainWindow::updateDeleteAction()
{
    const auto where = locateItem(m_document->project(), m_shownItem);
    m_deleteAction->setEnabled(where.has_value());
    const QModelIndex current = m_treeModel->indexForItem(m_shownItem);
    const QString what = current.isValid() ? current.data(ProjectTreeModel::NameRole).toString() : QString();
    m_deleteAction->setToolTip(where ? tr("Delete %1 (Del in the project tree; Undo brings it back)").arg(what)
                                     : tr("Select an item to delete"));
}

void MainWindow::applyTreeFilter(const QString &text)
{
    // Rows stay where they are (indices are the model's own); the ones that match nothing hide.
    const QString needle = text.trimmed();
    std::function<bool(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        bool any = false;
        for (int r = 0; r < m_treeModel->rowCount(parent); ++r) {
            const QModelIndex child = m_treeModel->index(r, 0, parent);
            const bool self = needle.isEmpty() || child.data(ProjectTreeModel::NameRole).toString().contains(needle, Qt::CaseInsensitive) ||
                              child.siblingAtColumn(1).data().toString().contains(needle, Qt::CaseInsensitive) ||
                              child.data(ProjectTreeModel::PathRole).toString().contains(needle, Qt::CaseInsensitive);
            const bool below = walk(child);
            const bool shown = self || below;
            m_tree->setRowHidden(r, parent, !shown);
            any = any || shown;
        }
        return any;
    };
    walk({});
    if (!needle.isEmpty())
        m_tree->expandAll();
}

QString MainWindow::curlFor(ItemId routeId) const
{
    const Route *route = findRouteItem(m_document->project(), routeId);
    const Api *api = apiOfItem(m_document->project(), routeId);
    if (!route || !api)
        return {};
    QString base = m_controller->urlOf(QString::fromStdString(api->id));
    if (api->apiType() == ApiType::WebSocket) {
        // A WebSocket route is reached by connecting (wscat, from npm) and, for a custom route,
        // sending a message its routeSelectionExpression selects it by.
        if (base.isEmpty())
            base = m_controller->urlOf(QString::fromStdString(api->id),
                                       api->stages.empty() ? QStringLiteral("dev") : QString::fromStdString(api->stages.front().name));
        if (base.isEmpty())
            base = QStringLiteral("ws://127.0.0.1:%1/%2")
                       .arg(api->port)
                       .arg(api->stages.empty() ? QStringLiteral("dev") : QString::fromStdString(api->stages.front().name));
        QString line = QStringLiteral("wscat -c '%1'").arg(base);
        const std::string expression = api->webSocket()->routeSelectionExpression.value_or("");
        const std::string prefix = "$request.body.";
        if (!route->routeKey.empty() && route->routeKey[0] != '$' && expression.rfind(prefix, 0) == 0 &&
            expression.find_first_of("${}", 1) == std::string::npos) {
            // "$request.body.a.b" selects {"a": {"b": KEY}}.
            const QStringList path = QString::fromStdString(expression.substr(prefix.size())).split(QLatin1Char('.'));
            QString message = QStringLiteral("\"%1\"").arg(QString::fromStdString(route->routeKey));
            for (auto it = path.rbegin(); it != path.rend(); ++it)
                message = QStringLiteral("{\"%1\": %2}").arg(*it, message);
            line += QStringLiteral(" -x '%1'").arg(message);
        }
        return line;
    }
    if (base.isEmpty())
        base = QStringLiteral("http://127.0.0.1:%1").arg(api->port);
    const QString key = QString::fromStdString(route->routeKey);
    const int space = key.indexOf(QLatin1Char(' '));
    QString method = space < 0 ? QStringLiteral("GET") : key.left(space);
    if (method == QLatin1String("ANY"))
        method = QStringLiteral("GET");
    QString path = space < 0 ? QStringLiteral("/") : key.mid(space + 1);
    // Path parameters get their own names as values ({proxy+} a sample path): the URL works as is.
    path.replace(QRegularExpression(QStringLiteral("\\{([^}+]+)\\+\\}")), QStringLiteral("\\1/example"));
    path.replace(QRegularExpression(QStringLiteral("\\{([^}]+)\\}")), QStringLiteral("\\1"));
    QString curl = QStringLiteral("curl -i");
    if (method != QLatin1String("GET"))
        curl += QStringLiteral(" -X ") + method;
    if (method == QLatin1String("POST") || method == QLatin1String("PUT") || method == QLatin1String("PATCH"))
        curl += QStringLiteral(" -H 'content-type: application/json' -d '{}'");
    return curl + QStringLiteral(" '") + base + path + QLatin1Char('\'');
}

void MainWindow::showConsole()
{
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("consoleDock"))) {
        dock->show();
        dock->raise();
    }
    m_console->urlEdit()->setFocus();
}

bool MainWindow::openInConsole(ItemId routeOrMethod)
{
    if (!m_console->loadRoute(routeOrMethod)) {
        showMessage(tr("Only routes of HTTP APIs and methods of REST APIs are sent from the console"));
        return false;
    }
    showConsole();
    return true;
}

void MainWindow::addRouteAt(ItemId apiId, const QString &path)
{
    Project edited = m_document->project();
    Api *found = findApiItem(edited, apiId);
    if (!found || !found->mutableRoutes()) {
        showMessage(tr("Routes belong to an HTTP or WebSocket API"));
        return;
    }
    Api &api = *found;
    std::vector<Route> &routes = *api.mutableRoutes();
    std::string key;
    for (const char *method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
        const std::string candidate = std::string(method) + " " + path.toStdString();
        if (std::none_of(routes.begin(), routes.end(), [&](const Route &r) { return r.routeKey == candidate; })) {
            key = candidate;
            break;
        }
    }
    if (key.empty()) {
        showMessage(tr("%1 already has a route for every method").arg(path));
        return;
    }
    Route route;
    route.routeKey = key;
    if (!api.integrations().empty())
        route.integration = api.integrations().front().id;
    const ItemId id = route.itemId;
    routes.push_back(route);
    QString error;
    if (!m_document->apply(edited, tr("Add route %1").arg(QString::fromStdString(key)), &error, id))
        showMessage(error);
}

void MainWindow::duplicateItem(ItemId id)
{
    Project edited = m_document->project();
    const auto where = locateItem(edited, id);
    if (!where)
        return;
    QString what;
    ItemId copyId = kNoItem;
    auto unique = [](auto exists, std::string base) {
        for (int n = 2;; ++n)
            if (!exists(base + "-" + std::to_string(n)))
                return base + "-" + std::to_string(n);
    };
    switch (where->kind) {
    case ItemKind::Function: {
        Function copy = edited.functions[size_t(where->index)];
        copy.itemId = newItemId();
        copy.name = unique([&](const std::string &n) { return edited.findFunction(n) != nullptr; }, copy.name);
        copyId = copy.itemId;
        what = QString::fromStdString(copy.name);
        edited.functions.insert(edited.functions.begin() + where->index + 1, copy);
        break;
    }
    case ItemKind::Integration: {
        auto &list = *edited.apis[size_t(where->api)].mutableIntegrations();
        Integration copy = list[size_t(where->index)];
        copy.itemId = newItemId();
        copy.id = unique([&](const std::string &n) {
            return std::any_of(list.begin(), list.end(), [&](const Integration &i) { return i.id == n; });
        }, copy.id);
        copyId = copy.itemId;
        what = QString::fromStdString(copy.id);
        list.insert(list.begin() + where->index + 1, copy);
        break;
    }
    case ItemKind::Route: {
        auto &list = *edited.apis[size_t(where->api)].mutableRoutes();
        Route copy = list[size_t(where->index)];
        copy.itemId = newItemId();
        // Same path, the next free method: a copy must not clash with its original.
        const std::string key = copy.routeKey;
        const size_t space = key.find(' ');
        const std::string path = space == std::string::npos ? key : key.substr(space + 1);
        copy.routeKey.clear();
        for (const char *method : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}) {
            const std::string candidate = std::string(method) + " " + path;
            if (std::none_of(list.begin(), list.end(), [&](const Route &r) { return r.routeKey == candidate; })) {
                copy.routeKey = candidate;
                break;
            }
        }
        if (copy.routeKey.empty()) {
            showMessage(tr("%1 already has a route for every method").arg(QString::fromStdString(path)));
            return;
        }
        copyId = copy.itemId;
        what = QString::fromStdString(copy.routeKey);
        list.insert(list.begin() + where->index + 1, copy);
        break;
    }
    default:
        return;
    }
    QString error;
    if (!m_document->apply(edited, tr("Duplicate as %1").arg(what), &error, copyId))
        showMessage(error);
}

bool MainWindow::renameItem(ItemId id, const QString &newName, QString *error)
{
    // A rename carries its references along: the integrations that call a function, the routes
    // that use an integration. One undo step.
    Project edited = m_document->project();
    const auto where = locateItem(edited, id);
    const std::string name = newName.trimmed().toStdString();
    if (!where || name.empty()) {
        *error = tr("a name is needed");
        return false;
    }
    QString what;
    switch (where->kind) {
    case ItemKind::Function: {
        Function &f = edited.functions[size_t(where->index)];
        const std::string old = f.name;
        f.name = name;
        for (Api &api : edited.apis)
            if (auto *integrations = api.mutableIntegrations())
                for (Integration &i : *integrations)
                    if (i.function && functionNameFromReference(*i.function) == old)
                        i.function = name;
        what = tr("function %1").arg(QString::fromStdString(old));
        break;
    }
    case ItemKind::Integration: {
        Api &api = edited.apis[size_t(where->api)];
        Integration &i = (*api.mutableIntegrations())[size_t(where->index)];
        const std::string old = i.id;
        i.id = name;
        for (Route &r : *api.mutableRoutes())
            if (r.integration == old)
                r.integration = name;
        what = tr("integration %1").arg(QString::fromStdString(old));
        break;
    }
    case ItemKind::Route: {
        Route &r = (*edited.apis[size_t(where->api)].mutableRoutes())[size_t(where->index)];
        what = tr("route %1").arg(QString::fromStdString(r.routeKey));
        r.routeKey = name;
        break;
    }
    case ItemKind::Stage: {
        Stage &st = edited.apis[size_t(where->api)].stages[size_t(where->index)];
        what = tr("stage %1").arg(QString::fromStdString(st.name));
        st.name = name;
        break;
    }
    case ItemKind::Api: {
        Api &api = edited.apis[size_t(where->api)];
        what = tr("API %1").arg(QString::fromStdString(api.name));
        api.name = name;
        break;
    }
    case ItemKind::Resource: {
        // Renaming a resource moves it, and the resources below it come along (as in the console,
        // where a resource's path is its parent's plus its part).
        auto &resources = edited.apis[size_t(where->api)].rest()->resources;
        const std::string old = resources[size_t(where->index)].path;
        if (name.empty() || name.front() != '/') {
            *error = tr("a resource path starts with /");
            return false;
        }
        for (RestResource &r : resources)
            if (r.path == old)
                r.path = name;
            else if (old != "/" && r.path.rfind(old + "/", 0) == 0)
                r.path = name + r.path.substr(old.size());
        what = tr("resource %1").arg(QString::fromStdString(old));
        break;
    }
    case ItemKind::Method: {
        RestResource &resource = edited.apis[size_t(where->api)].rest()->resources[size_t(where->resource)];
        RestMethod &m = resource.methods[size_t(where->index)];
        const std::string method = QString::fromStdString(name).toUpper().toStdString();
        static const std::set<std::string> kMethods = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"};
        if (!kMethods.count(method)) {
            *error = tr("%1 is not a method API Gateway takes (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY)").arg(newName);
            return false;
        }
        for (const RestMethod &other : resource.methods)
            if (&other != &m && other.httpMethod == method) {
                *error = tr("%1 %2 exists already").arg(QString::fromStdString(method), QString::fromStdString(resource.path));
                return false;
            }
        what = tr("method %1 %2").arg(QString::fromStdString(m.httpMethod), QString::fromStdString(resource.path));
        m.httpMethod = method;
        break;
    }
    default:
        *error = tr("this item is renamed in its JSON");
        return false;
    }
    return m_document->apply(edited, tr("Rename %1 to %2").arg(what, newName.trimmed()), error, id);
}

namespace {
// A new REST method answers at once: a MOCK saying which resource it is, a starting point to edit.
RestMethod startingMethod(const std::string &httpMethod)
{
    RestMethod method;
    method.httpMethod = httpMethod;
    RestIntegration mock;
    mock.type = "MOCK";
    mock.requestTemplates["application/json"] = "{\"statusCode\": 200}";
    IntegrationResponse ok;
    ok.responseTemplates["application/json"] = "{\"resource\": \"$context.resourcePath\"}";
    mock.integrationResponses.push_back(ok);
    method.integration = mock;
    method.methodResponses.push_back(MethodResponse{});
    return method;
}
} // namespace

ItemId MainWindow::addResource(ItemId apiId, const QString &path, QString *error)
{
    Project edited = m_document->project();
    Api *api = findApiItem(edited, apiId);
    if (!api || !api->rest()) {
        *error = tr("resources belong to a REST API");
        return kNoItem;
    }
    RestResource resource;
    resource.path = path.trimmed().toStdString();
    resource.methods.push_back(startingMethod("GET"));
    const ItemId id = resource.methods.front().itemId;
    api->rest()->resources.push_back(resource);
    return m_document->apply(edited, tr("Add resource %1").arg(path.trimmed()), error, id) ? id : kNoItem;
}

ItemId MainWindow::addMethod(ItemId resourceId, const QString &httpMethod, QString *error)
{
    Project edited = m_document->project();
    const auto where = locateItem(edited, resourceId);
    if (!where || where->kind != ItemKind::Resource) {
        *error = tr("methods belong to a REST resource");
        return kNoItem;
    }
    RestResource &resource = edited.apis[size_t(where->api)].rest()->resources[size_t(where->index)];
    const std::string method = httpMethod.toUpper().toStdString();
    for (const RestMethod &m : resource.methods)
        if (m.httpMethod == method) {
            *error = tr("%1 %2 exists already").arg(httpMethod, QString::fromStdString(resource.path));
            return kNoItem;
        }
    const RestMethod added = startingMethod(method);
    const ItemId id = added.itemId;
    resource.methods.push_back(added);
    return m_document->apply(edited, tr("Add method %1 %2").arg(QString::fromStdString(method), QString::fromStdString(resource.path)), error, id)
               ? id
               : kNoItem;
}

void MainWindow::showTreeMenu(const QPoint &at)
{
    const QModelIndex index = m_tree->indexAt(at);
    if (!index.isValid())
        return;
    const QModelIndex first = index.siblingAtColumn(0);
    const QString kind = first.data(ProjectTreeModel::KindRole).toString();
    const ItemId id = first.data(ProjectTreeModel::ItemIdRole).value<quint64>();
    QMenu menu(this);
    if (kind == QLatin1String("path")) {
        const QString path = first.data(ProjectTreeModel::PathRole).toString();
        QModelIndex api = first;
        while (api.isValid() && api.data(ProjectTreeModel::KindRole).toString() != QLatin1String("api"))
            api = api.parent();
        const ItemId apiId = api.data(ProjectTreeModel::ItemIdRole).value<quint64>();
        menu.addAction(tr("Add route at %1").arg(path), this, [this, apiId, path] { addRouteAt(apiId, path); });
    }
    if (kind == QLatin1String("route")) {
        menu.addAction(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy URL"), this, [this, id] {
            const QString line = curlFor(id);
            const qsizetype start = line.indexOf(QLatin1Char('\'')) + 1;
            QApplication::clipboard()->setText(line.mid(start, line.indexOf(QLatin1Char('\''), start) - start));
        });
        const Api *api = apiOfItem(m_document->project(), id);
        const bool webSocket = api && api->apiType() == ApiType::WebSocket;
        menu.addAction(webSocket ? tr("Copy as wscat") : tr("Copy as curl"), this, [this, id] { QApplication::clipboard()->setText(curlFor(id)); });
        if (!webSocket)
            menu.addAction(tr("Send request…"), this, [this, id] { openInConsole(id); });
    }
    if (kind == QLatin1String("method"))
        menu.addAction(tr("Send request…"), this, [this, id] { openInConsole(id); });
    if (kind == QLatin1String("function"))
        menu.addAction(tr("Open handler"), this, [this, id] {
            selectItem(id);
            m_tabs->setCurrentWidget(m_code);
            m_code->setFocus();
        });
    if (kind == QLatin1String("route") || kind == QLatin1String("function") || kind == QLatin1String("integration"))
        menu.addAction(tr("Duplicate"), this, [this, id] { duplicateItem(id); });
    if (kind == QLatin1String("api") && apiOfItem(m_document->project(), id) && apiOfItem(m_document->project(), id)->rest())
        menu.addAction(tr("Add resource…"), this, [this, id] {
            bool ok = false;
            const QString path = QInputDialog::getText(this, tr("Add resource"), tr("Path (/pets/{petId}, /files/{proxy+})"),
                                                       QLineEdit::Normal, QStringLiteral("/"), &ok);
            QString error;
            if (ok && addResource(id, path, &error) == kNoItem)
                showMessage(tr("Not added: %1").arg(error));
        });
    if (kind == QLatin1String("resource")) {
        const QString path = first.data(ProjectTreeModel::NameRole).toString();
        const ItemId api = apiOfItem(m_document->project(), id) ? apiOfItem(m_document->project(), id)->itemId : kNoItem;
        menu.addAction(tr("Add child resource…"), this, [this, api, path] {
            bool ok = false;
            const QString child = QInputDialog::getText(this, tr("Add resource"), tr("Path"), QLineEdit::Normal,
                                                        path == QLatin1String("/") ? path : path + QLatin1Char('/'), &ok);
            QString error;
            if (ok && addResource(api, child, &error) == kNoItem)
                showMessage(tr("Not added: %1").arg(error));
        });
        QMenu *methods = menu.addMenu(tr("Add method"));
        for (const char *method : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"})
            methods->addAction(QString::fromLatin1(method), this, [this, id, method] {
                QString error;
                if (addMethod(id, QString::fromLatin1(method), &error) == kNoItem)
                    showMessage(tr("Not added: %1").arg(error));
            });
    }
    if (kind == QLatin1String("route") || kind == QLatin1String("function") || kind == QLatin1String("integration") ||
        kind == QLatin1String("stage") || kind == QLatin1String("api") || kind == QLatin1String("resource") ||
        kind == QLatin1String("method")) {
        const QString current = first.data(ProjectTreeModel::NameRole).toString();
        menu.addAction(tr("Rename…"), this, [this, id, current] {
            bool ok = false;
            const QString name = QInputDialog::getText(this, tr("Rename"), tr("New name for %1").arg(current),
                                                       QLineEdit::Normal, current, &ok);
            QString error;
            if (ok && name != current && !renameItem(id, name, &error))
                showMessage(tr("Not renamed: %1").arg(error));
        });
    }
    if (id != kNoItem && kind != QLatin1String("cors")) {
        menu.addSeparator();
        menu.addAction(QIcon(QStringLiteral(":/icons/delete.svg")), tr("Delete %1").arg(first.data(ProjectTreeModel::NameRole).toString()),
                       this, [this, id] {
                           selectItem(id);
                           deleteSelected();
                       });
    }
    if (!menu.isEmpty())
        menu.exec(m_tree->viewport()->mapToGlobal(at));
}

ItemId MainWindow::routeItemByKey(const QString &routeKey) const
{
    for (const Api &api : m_document->project().apis)
        for (const Route &route : api.routes())
            if (QString::fromStdString(route.routeKey) == routeKey)
                return route.itemId;
    return kNoItem;
}

void MainWindow::showAddDialog(AddItemDialog::Kind kind)
{
    const Api *api = apiOfItem(m_document->project(), m_shownItem);
    AddItemDialog dialog(kind, m_document->project(), m_document->baseDir(), api ? api->itemId : kNoItem, this);
    if (dialog.exec() == QDialog::Accepted)
        applyAddDialog(dialog);
}

bool MainWindow::applyAddDialog(const AddItemDialog &dialog)
{
    QString error;
    if (!dialog.problem().isEmpty() || !dialog.writeFiles(&error) ||
        !m_document->apply(dialog.result(), dialog.description(), &error, dialog.created())) {
        showMessage(dialog.problem().isEmpty() ? error : dialog.problem());
        return false;
    }
    m_tree->setFocus();
    return true;
}

bool MainWindow::attachNewIntegration(const AddItemDialog &dialog, ItemId routeId)
{
    // One step: the integration is added and the route calls it.
    Project edited = dialog.result();
    Route *route = findRouteItem(edited, routeId);
    const Integration *integration = findIntegrationItem(edited, dialog.created());
    QString error = dialog.problem();
    if (route && integration && error.isEmpty()) {
        route->integration = integration->id;
        if (m_document->apply(edited, tr("New integration %1 for %2").arg(QString::fromStdString(integration->id),
                                                                          QString::fromStdString(route->routeKey)),
                              &error, routeId))
            return true;
    }
    showMessage(error);
    return false;
}

void MainWindow::showCommandPalette()
{
    if (!m_palette) {
        m_palette = new CommandPalette(this);
        connect(m_palette, &CommandPalette::itemChosen, this, [this](ItemId id) {
            selectItem(id);
            m_tree->setFocus();
        });
    }
    m_palette->populate(m_treeModel);
    // Not modal: a stale modal state would keep the window's shortcuts blocked after it closes.
    m_palette->setWindowModality(Qt::NonModal);
    m_palette->show();
    m_palette->raise();
    m_palette->activateWindow();
}

void MainWindow::onChangedOnDisk(const QString &path)
{
    // Another program (an editor, git checkout) changed the file: take it, unless that drops work.
    if (m_document->isModified() || m_code->isModified()) {
        const auto answer = m_ask(tr("Changed on disk"),
                                  tr("%1 changed on disk. Reload it and drop your unsaved changes?").arg(path),
                                  QMessageBox::Yes | QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            showMessage(tr("%1 changed on disk; your version stays (saving overwrites it)").arg(path));
            return;
        }
    }
    const auto where = locateItem(m_document->project(), m_shownItem);
    const std::string pointer = where ? where->pointer : std::string();
    QString error;
    if (!m_document->reload(&error)) {
        showMessage(tr("%1 changed on disk but cannot be read: %2").arg(path, error));
        return;
    }
    if (!pointer.empty())
        selectItem(itemAtPointer(m_document->project(), pointer));
    showMessage(tr("Reloaded %1 (changed on disk)").arg(path));
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (restoreState(settings.value(QStringLiteral("window/state")).toByteArray()))
        return;
    // No layout of the user's yet: once the window is shown (before that the docks are shared out of
    // a default size), the explorer wide enough for a route key and its integration side by side,
    // the console for a URL.
    QTimer::singleShot(0, this, [this] {
        resizeDocks({findChild<QDockWidget *>(QStringLiteral("projectDock")), findChild<QDockWidget *>(QStringLiteral("consoleDock"))},
                    {320, 380}, Qt::Horizontal);
    });
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
}

void MainWindow::saveFocused()
{
    QWidget *focus = QApplication::focusWidget();
    if (focus && m_code->isAncestorOf(focus)) {
        QString error;
        if (!m_code->save(&error))
            QMessageBox::warning(this, tr("Save failed"), error);
        return;
    }
    saveProject();
}

bool MainWindow::saveProject()
{
    if (m_document->filePath().isEmpty()) {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save project as"), QString(),
                                                          tr("Gatewright projects (*.gatewright.json)"));
        return !path.isEmpty() && saveProjectAs(path);
    }
    QString error;
    if (!m_document->save(&error)) {
        QMessageBox::warning(this, tr("Save failed"), error);
        return false;
    }
    showMessage(tr("Saved %1").arg(m_document->filePath()));
    return true;
}

bool MainWindow::saveAll()
{
    if (m_code->isModified()) {
        QString error;
        if (!m_code->save(&error)) {
            QMessageBox::warning(this, tr("Save failed"), error);
            return false;
        }
    }
    return saveProject();
}

bool MainWindow::saveProjectAs(const QString &path)
{
    auto codeDirs = ProjectDocument::CodeDirs::Rewrite;
    const bool elsewhere = !m_document->baseDir().isEmpty() && QDir(QFileInfo(path).absolutePath()) != QDir(m_document->baseDir());
    const bool relativeCode = std::any_of(m_document->project().functions.begin(), m_document->project().functions.end(),
                                          [](const Function &f) { return !QDir::isAbsolutePath(QString::fromStdString(f.codeDir)); });
    if (elsewhere && relativeCode) {
        // Relative code paths would point nowhere from the new folder: the user picks.
        const auto answer = m_ask(tr("Functions' code"),
                                  tr("The functions' code folders are relative to the project file. Copy the code next to "
                                     "the new file (Yes), or keep it where it is and rewrite the paths (No)?"),
                                  QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel);
        if (answer == QMessageBox::Cancel)
            return false;
        codeDirs = answer == QMessageBox::Yes ? ProjectDocument::CodeDirs::Copy : ProjectDocument::CodeDirs::Rewrite;
    }
    QString error, report;
    if (!m_document->saveAs(path, codeDirs, &error, &report)) {
        QMessageBox::warning(this, tr("Save failed"), error);
        return false;
    }
    showMessage(report.isEmpty() ? tr("Saved %1").arg(path) : tr("Saved %1: %2").arg(path, report));
    return true;
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
            file.write(functionTemplate(function.runtime, QString::fromStdString(function.name)));
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
        // The service deletes a resource with everything under it (DeleteResource): so does the
        // tree, in one undo step, rather than leave children whose parent is gone.
        auto &resources = edited.apis[size_t(where->api)].rest()->resources;
        const std::string path = resources[size_t(where->index)].path;
        const std::string below = path == "/" ? "/" : path + "/";
        const auto gone = [&](const auto &r) { return r.path == path || r.path.rfind(below, 0) == 0; };
        const auto children = std::count_if(resources.begin(), resources.end(), gone) - 1;
        what = children > 0 ? tr("resource %1 and the %n below it", nullptr, int(children)).arg(QString::fromStdString(path))
                            : tr("resource %1").arg(QString::fromStdString(path));
        resources.erase(std::remove_if(resources.begin(), resources.end(), gone), resources.end());
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
    if (!settleCode() || !settleJson())
        return false;
    if (!m_document->isModified())
        return true;
    const auto answer = m_ask(tr("Unsaved changes"), tr("Save the changes to the project?"),
                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return saveProject();
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    saveLayout();
    m_controller->stop();
    event->accept();
}

} // namespace gw::ui
