#include "main_window.h"

#include "designer/code_editor.h"
#include "designer/item_form.h"
#include "designer/project_tree_model.h"
#include "gateway/gateway.h"
#include "monitor/access_log_model.h"
#include "monitor/latency_split_delegate.h"
#include "project_document.h"
#include "runtime/function_runtime.h"

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
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>

namespace gw::ui {

using nlohmann::json;

MainWindow::MainWindow(ProjectDocument *document, Gateway *gateway, QWidget *parent)
    : QMainWindow(parent), m_document(document), m_gateway(gateway), m_treeModel(new ProjectTreeModel(this)),
      m_logModel(new AccessLogModel(50000, this))
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/gatewright.svg")));
    setupViews();
    setupActions();
    setupGatewayWiring();
    connect(document, &ProjectDocument::changed, this, &MainWindow::onDocumentChanged);
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
    connect(m_treeModel, &QAbstractItemModel::modelReset, this, [this] {
        m_tree->expandToDepth(2);
        m_tree->selectionModel()->setCurrentIndex(m_treeModel->indexForPointer(m_form->currentPointer()),
                                                  QItemSelectionModel::NoUpdate);
        connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onSelectionChanged,
                Qt::UniqueConnection);
    });

    m_form = new ItemForm(m_document, this);
    connect(m_form, &ItemForm::message, this, &MainWindow::showMessage);
    m_code = new CodeEditor(this);
    connect(m_code, &CodeEditor::saved, this, [this](const QString &path) {
        showMessage(tr("Saved %1; the function's warm processes restart").arg(path));
        for (const Function &function : m_document->project().functions)
            if (m_gateway->isRunning() && m_gateway->runtime())
                m_gateway->runtime()->recycle(QString::fromStdString(function.name));
    });
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_form, tr("Item"));
    m_tabs->addTab(m_code, tr("Code"));

    m_log = new QTableView(this);
    m_log->setModel(m_logModel);
    m_log->verticalHeader()->setVisible(false);
    m_log->verticalHeader()->setDefaultSectionSize(m_log->fontMetrics().height() + 6);
    m_log->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_log->setItemDelegateForColumn(AccessLogModel::Split, new LatencySplitDelegate(m_log));
    m_log->horizontalHeader()->setStretchLastSection(true);
    m_log->setColumnWidth(AccessLogModel::Path, 150);
    m_log->setColumnWidth(AccessLogModel::Route, 150);
    m_log->setColumnWidth(AccessLogModel::Split, 140);
    m_executionLog = new QPlainTextEdit(this);
    m_executionLog->setReadOnly(true);
    m_executionLog->setPlaceholderText(tr("Select a request to see its execution log"));
    connect(m_log->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (!current.isValid())
            return;
        const AccessLogEntry &e = m_logModel->entryAt(current.row());
        QString text = tr("Request %1  %2 %3 → %4  (%5)\n").arg(QString::fromLatin1(e.requestId), QString::fromLatin1(e.httpMethod),
                                                                  QString::fromUtf8(e.path)).arg(e.status).arg(QString::fromLatin1(e.reason()));
        text += tr("Latency %1 ms = gateway %2 ms + integration %3 ms\n")
                    .arg(e.responseLatencyMs, 0, 'f', 3)
                    .arg(e.overheadMs(), 0, 'f', 3)
                    .arg(qMax(0.0, e.integrationLatencyMs), 0, 'f', 3);
        if (!e.integrationErrorMessage.isEmpty())
            text += tr("Integration error: %1\n").arg(e.integrationErrorMessage);
        text += QLatin1Char('\n') + e.executionLog;
        m_executionLog->setPlainText(text);
    });
    auto *logSplit = new QSplitter(Qt::Horizontal, this);
    logSplit->addWidget(m_log);
    logSplit->addWidget(m_executionLog);
    logSplit->setStretchFactor(0, 3);
    logSplit->setStretchFactor(1, 1);

    m_endpoints = new QLabel(this);
    m_endpoints->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_endpoints->setObjectName(QStringLiteral("endpoints"));

    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_tabs);
    vertical->addWidget(logSplit);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    setCentralWidget(vertical);
    statusBar()->addPermanentWidget(m_endpoints);
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
    QAction *deleteAction = edit->addAction(tr("&Delete item"), QKeySequence::Delete, this, &MainWindow::deleteSelected);

    QMenu *gatewayMenu = menuBar()->addMenu(tr("&Gateway"));
    m_startAction = gatewayMenu->addAction(tr("&Start"), this, [this] { startGateway(); });
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
    connect(m_gateway, &Gateway::endpointsChanged, this, &MainWindow::updateEndpoints);
    connect(m_gateway, &Gateway::runningChanged, this, [this](bool running) {
        m_startAction->setEnabled(!running);
        m_stopAction->setEnabled(running);
        updateEndpoints();
    });
    m_stopAction->setEnabled(false);
}

bool MainWindow::startGateway()
{
    QString error;
    if (!m_gateway->start(m_document->project(), m_document->baseDir(), &error)) {
        showMessage(tr("Gateway not started: %1").arg(error));
        return false;
    }
    showMessage(tr("Gateway running"));
    return true;
}

void MainWindow::stopGateway()
{
    m_gateway->stop();
    showMessage(tr("Gateway stopped"));
}

bool MainWindow::openProject(const QString &path)
{
    QString error;
    if (!m_document->open(path, &error)) {
        QMessageBox::warning(this, tr("Cannot open project"), error);
        return false;
    }
    if (m_gateway->isRunning()) {
        m_gateway->stop();
        startGateway();
    }
    return true;
}

void MainWindow::onDocumentChanged()
{
    const QString pointer = m_form->currentPointer();
    m_treeModel->setProject(m_document->project());
    m_form->showItem(pointer);
    if (m_gateway->isRunning()) {
        // Auto-deploy: the edit serves new requests at once; requests in flight finish as they were.
        QString error;
        if (!m_gateway->update(m_document->project(), m_document->baseDir(), &error))
            showMessage(tr("Not deployed: %1").arg(error));
    }
    updateTitle();
}

void MainWindow::onSelectionChanged()
{
    const QModelIndex current = m_tree->currentIndex();
    const QString pointer = current.sibling(current.row(), 0).data(ProjectTreeModel::PointerRole).toString();
    m_form->showItem(pointer);
    if (current.sibling(current.row(), 0).data(ProjectTreeModel::KindRole).toString() == QLatin1String("function")) {
        const json item = json(m_document->project()).at(json::json_pointer(pointer.toStdString()));
        const QString codeDir = QDir(m_document->baseDir()).absoluteFilePath(QString::fromStdString(item.value("codeDir", ".")));
        m_code->openHandler(codeDir, QString::fromStdString(item.value("runtime", "")), QString::fromStdString(item.value("handler", "")));
    }
}

void MainWindow::updateEndpoints()
{
    QStringList lines;
    for (const Endpoint &endpoint : m_gateway->endpoints())
        lines << QStringLiteral("%1 (%2): %3").arg(endpoint.apiName, endpoint.stage, endpoint.url);
    m_endpoints->setText(lines.isEmpty() ? tr("Gateway stopped") : lines.join(QStringLiteral("   ")));
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
        if (api.apiType() != ApiType::Http)
            continue;
        int n = 1;
        auto exists = [&](const std::string &key) {
            return std::any_of(api.routes().begin(), api.routes().end(), [&](const Route &r) { return r.routeKey == key; });
        };
        while (exists("GET /new-route-" + std::to_string(n)))
            ++n;
        Route route;
        route.routeKey = "GET /new-route-" + std::to_string(n);
        if (!api.integrations().empty())
            route.integration = api.integrations().front().id;
        api.mutableRoutes()->push_back(route);
        QString error;
        if (!m_document->apply(edited, tr("Add route %1").arg(QString::fromStdString(route.routeKey)), &error))
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
    edited.functions.push_back(function);
    QString error;
    if (!m_document->apply(edited, tr("Add function %1").arg(QString::fromStdString(function.name)), &error))
        showMessage(error);
}

void MainWindow::deleteSelected()
{
    const QString pointer = m_form->currentPointer();
    if (pointer.isEmpty())
        return;
    json project = json(m_document->project());
    const json::json_pointer target(pointer.toStdString());
    const json::json_pointer parent = target.parent_pointer();
    const std::string last = target.back();
    json &container = project.at(parent);
    if (!container.is_array())
        return;
    container.erase(size_t(std::stoul(last)));
    QString error;
    if (!m_document->apply(project.get<Project>(), tr("Delete %1").arg(pointer), &error))
        showMessage(tr("Cannot delete: %1").arg(error));
    else
        m_form->showItem(QString());
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
    m_gateway->stop();
    event->accept();
}

} // namespace gw::ui
