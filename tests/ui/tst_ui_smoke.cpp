// The designer offscreen: sample project, gateway started, a request, its row in the access log.
#include "../common/aws_sdk_signer.h"
#include "console/field_table.h"
#include "console/request_console.h"
#include "designer/code_editor.h"
#include "designer/editors/function_editor.h"
#include "designer/editors/json_item_editor.h"
#include "designer/editors/route_editor.h"
#include "designer/palettes.h"
#include "designer/project_tree_model.h"
#include "gateway_controller.h"
#include "gateway/gateway.h"
#include "main_window.h"
#include "designer/editors/method_editor.h"
#include "designer/editors/api_editor.h"
#include "designer/editors/gateway_responses_table.h"
#include "designer/editors/request_validators_table.h"
#include "designer/editors/part_json_edit.h"
#include "designer/template_preview_panel.h"
#include "designer/velocity_lexer.h"
#include "monitor/access_log_model.h"
#include "monitor/request_details.h"
#include "monitor/trace_waterfall.h"
#include "monitor/traffic_filter_model.h"
#include "monitor/traffic_panel.h"
#include "monitor/metrics_panel.h"
#include "monitor/metrics_table_model.h"
#include "monitor/metrics_chart.h"
#include "designer/problems_model.h"
#include "designer/route_flow_strip.h"
#include "designer/command_palette.h"
#include "designer/add_item_dialog.h"
#include "designer/test_events.h"
#include "designer/editors/stage_editor.h"
#include "designer/editors/key_value_table.h"
#include "designer/editors/route_editor.h"
#include "model/project_items.h"
#include "project_document.h"
#include "sample_project.h"
#include "net/local_ca.h"
#include "websocket/websocket_client_panel.h"
#include "websocket/websocket_frames_filter.h"
#include "websocket/websocket_frames_model.h"
#include "websocket/websocket_frames_view.h"
#include "websocket/websocket_sessions_model.h"
#include "websocket/websocket_sessions_panel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QTableWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>
#include <QTreeView>
#include <QToolBar>
#include <QToolButton>
#include <QFileSystemModel>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QCheckBox>
#include <QListWidget>
#include <QProcess>
#include <QClipboard>
#include <QProgressBar>
#include <QTreeWidget>
#include <QSettings>
#include <QDockWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QUrlQuery>
#include <QDir>
#include <QFileInfo>
#include "model/project_loader.h"
#include <Qsci/qsciscintilla.h>

using namespace gw;
using namespace gw::ui;

namespace {
// The window over a fresh copy of the bundled sample, as a new user gets it.
GatewayOptions capturing(int limit)
{
    GatewayOptions options;
    options.captureBodyLimit = limit;
    options.webSocketSessions = true; // as the designer runs it
    return options;
}

struct SampleWindow {
    QTemporaryDir dir;
    ProjectDocument document;
    Gateway gateway;
    std::unique_ptr<MainWindow> window;
    QString error;
    explicit SampleWindow(int captureLimit = 0) : gateway(capturing(captureLimit))
    {
        if (document.open(installSampleProject(&error, dir.path()), &error))
            window = std::make_unique<MainWindow>(&document, &gateway);
    }
    // Another project, written into the directory by `write` (its path, "" when it failed), shown.
    explicit SampleWindow(const std::function<QString(const QString &dir)> &write, int captureLimit = 0)
        : gateway(capturing(captureLimit))
    {
        const QString path = write(dir.path());
        if (path.isEmpty() || !document.open(path, &error))
            return;
        window = std::make_unique<MainWindow>(&document, &gateway);
        window->resize(1280, 860);
        window->show();
    }
    ~SampleWindow()
    {
        window.reset();
        gateway.stop();
    }
    bool opened() const { return window != nullptr; }
    // Selects the item in the explorer: its page.
    template <typename Page> Page *pageOf(const QModelIndex &item)
    {
        window->findChild<QTreeView *>(QStringLiteral("projectTree"))->setCurrentIndex(item);
        return window->findChild<Page *>();
    }
};

} // namespace

class TestUiSmoke : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // settings apart from the user's
    void sampleProjectServesAndLogs();
    void accessLogModelRing();
    void editUndoRedo();
    void routeEditorEditsAreUndoableSteps();
    void editsDeployOnceAfterABurst();
    void deployErrorsAreShown();
    void waterfallShowsTheRequestsStages();
    void savingCodeRestartsOnlyThatFunction();
    void deleteKeyInTheLogDeletesNothing();
    void unsavedCodeIsKeptWhenAnotherFunctionIsSelected();
    void saveInTheCodeEditorSavesTheCode();
    void toolbarButtonsStayPutAcrossEdits();
    void saveAsElsewhereKeepsTheCodeReachable_data();
    void saveAsElsewhereKeepsTheCodeReachable();
    void unchangedApplyAddsNoStep();
    void unappliedJsonIsNotDroppedBySelection();
    void sampleGetsAStablePort();
    void problemsListFindingsAndGoToTheItem();
    void problemsFollowTypingBeforeItApplies();
    void problemsListRestTemplatesThatDoNotParse();
    void trafficFiltersPauseAndClear();
    void metricsCountRoutesAndReadTheSplit();
    void explorerGroupsRoutesByPathAndFilters();
    void flowStripGoesToTheRoutesItems();
    void corsPageEditsTheApisCors();
    void duplicateAndCopyAsCurl();
    void changesOnDiskAreReloadedUnlessTheyDropWork();
    void commandPaletteGoesToAnyItem();
    void trafficShowsWhatEachRequestCarried_data();
    void trafficShowsWhatEachRequestCarried();
    void capturedBodiesHaveATotalBudget();
    void addDialogsMakeValidItems();
    void addedFunctionAnswersAtOnce();
    void functionPageInvokesWithATestEvent();
    void stagePageCompletesAndThrottles();
    void jsonViewIsLiveAndTwoWay();
    void routePageExplainsParametersAndMakesIntegrations();
    void undoAndRedoOfEveryEditKindRestoreTheFile();
    void codeTabOpensAtTheHandlerWithItsFolder();
    void renameCarriesReferences();
    void keyboardOnlyWalkthrough();
    void restMethodPageShowsTheExecutionAndPreviewsTemplates();
    void templatePreviewTakesItsSampleFromTheTraffic();
    void restStagePageDeploysAndRollsBack();
    void restResourcesAreAddedRenamedAndMoved();
    void restModelsAreCheckedAsTyped();
    void gatewayResponsesAreATableOfTheServicesTypes();
    void requestValidatorsAreATable();
    void webSocketApiIsServedFromTheWindow();
    void webSocketSessionsAndClientInTheWindow();
    void webSocketClientSignsTheConnectAsTheSdkDoes();
    void webSocketModelsHoldBurstsWithinTheirBounds();
    void sampleLiveChannelPushesOrderChangesToTheClient();
    void trafficExportsShownRowsAsJsonLinesAndHar(); // and replays one
    void consoleSendsRoutesWithVariablesAndFindsTheirTraffic();
    void consoleSavesRequestsAndReadsCurl();
    void consoleLoadRunCountsStatusesAndStops();
    void screenshots();
    void theFirstLayoutLeavesTheExplorerRoomBesideTheConsole();

private:
    static QModelIndex findInTree(ProjectTreeModel *model, const QString &kind, const QString &label);
};

namespace {
// After the class: moc (6.4) misreads this raw JSON at namespace scope before the class and finds no class.
// A REST API with one MOCK method, written where the test says.
// A project file named `name` in dir with this text: its path, "" when it cannot be written.
QString writeProjectText(const QString &dir, const char *name, const QByteArray &text)
{
    const QString path = QDir(dir).filePath(QLatin1String(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return {};
    return path;
}

QString writeRestProject(const QString &dir)
{
    return writeProjectText(dir, "rest.gatewright.json", R"({"format": "gatewright-project", "version": 1, "apis": [{"id": "pets", "name": "pets", "type": "REST", "port": 0,
      "stages": [{"name": "dev", "stageVariables": {"tier": "gold"}}],
      "requestValidators": [{"id": "all", "name": "all", "validateRequestBody": true, "validateRequestParameters": true}],
      "resources": [{"path": "/pets/{petId}", "methods": [{"httpMethod": "GET", "requestValidator": "all",
        "integration": {"type": "MOCK", "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
          "integrationResponses": [{"statusCode": "200", "responseTemplates": {"application/json": "{\"id\": \"$input.params('petId')\"}"}},
                                   {"statusCode": "404", "selectionPattern": "4\\d\\d"}]},
        "methodResponses": [{"statusCode": "200"}, {"statusCode": "404"}]}]}]}]})");
}

// A WebSocket API whose routes answer MOCK 200 and send nothing back (no route responses).
QString writeWebSocketProject(const QString &dir)
{
    return writeProjectText(dir, "chat.gatewright.json", R"({"format": "gatewright-project", "version": 1, "apis": [{"id": "chat", "name": "chat", "type": "WEBSOCKET", "port": 0,
      "routeSelectionExpression": "$request.body.action", "stages": [{"name": "dev"}],
      "routes": [{"routeKey": "$connect", "integration": "ok"}, {"routeKey": "$default", "integration": "ok"},
                 {"routeKey": "join", "integration": "ok"}],
      "integrations": [{"id": "ok", "type": "MOCK", "requestTemplates": {"$default": "{\"statusCode\": 200}"}}]}]})");
}

// A WebSocket API whose $default echoes through a Python function (a log line, a two-way answer).
QString writeEchoWebSocketProject(const QString &dir)
{
    QDir(dir).mkpath(QStringLiteral("fn"));
    QFile code(QDir(dir).filePath(QStringLiteral("fn/echo.py")));
    if (!code.open(QIODevice::WriteOnly))
        return {};
    code.write("import json\n"
               "def handler(event, context):\n"
               "    print('echo handler saw', event['requestContext']['routeKey'])\n"
               "    return {'statusCode': 200, 'body': json.dumps({'echo': event.get('body')})}\n");
    code.close();
    return writeProjectText(dir, "echo.gatewright.json", R"({"format": "gatewright-project", "version": 1,
      "functions": [{"name": "echo", "runtime": "python3", "handler": "echo.handler", "codeDir": "fn"}],
      "apis": [{"id": "live", "name": "live", "type": "WEBSOCKET", "port": 0,
      "routeSelectionExpression": "$request.body.action", "stages": [{"name": "dev"}],
      "routes": [{"routeKey": "echo", "integration": "echo", "routeResponseSelectionExpression": "$default"},
                 {"routeKey": "$default", "integration": "echo", "routeResponseSelectionExpression": "$default"}],
      "integrations": [{"id": "echo", "type": "AWS_PROXY", "function": "echo"}]}]})");
}

} // namespace

QModelIndex TestUiSmoke::findInTree(ProjectTreeModel *model, const QString &kind, const QString &label)
{
    std::function<QModelIndex(const QModelIndex &)> find = [&](const QModelIndex &parent) -> QModelIndex {
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex child = model->index(r, 0, parent);
            if (child.data(ProjectTreeModel::KindRole).toString() == kind && child.data(ProjectTreeModel::NameRole).toString() == label)
                return child;
            if (QModelIndex found = find(child); found.isValid())
                return found;
        }
        return {};
    };
    return find({});
}

void TestUiSmoke::sampleProjectServesAndLogs()
{
    QTemporaryDir dir;
    QString error;
    const QString path = installSampleProject(&error, dir.path());
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    ProjectDocument document;
    QVERIFY2(document.open(path, &error), qPrintable(error));
    Gateway gateway;
    MainWindow window(&document, &gateway);
    QAbstractItemModelTester treeTester(window.treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester logTester(window.accessLogModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.startGateway(); // deploys in the background: the window never waits
    QTRY_VERIFY_WITH_TIMEOUT(!gateway.endpoints().isEmpty(), 10000);
    QVERIFY(window.treeModel()->rowCount() >= 2);

    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(gateway.endpoints().first().url + QStringLiteral("/orders"))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QTRY_VERIFY_WITH_TIMEOUT(window.accessLogModel()->rowCount() >= 1, 5000);
    const QModelIndex route = window.accessLogModel()->index(0, AccessLogModel::Route);
    QCOMPARE(route.data().toString(), QStringLiteral("GET /orders"));
    QCOMPARE(window.accessLogModel()->index(0, AccessLogModel::Status).data().toInt(), 200);
    reply->deleteLater();
    gateway.stop();
}

void TestUiSmoke::accessLogModelRing()
{
    AccessLogModel model(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVector<AccessLogEntry> batch(70);
    for (int i = 0; i < batch.size(); ++i)
        batch[i].status = 200 + i;
    model.appendBatch(batch);
    QCOMPARE(model.rowCount(), 70);
    model.appendBatch(batch);
    QCOMPARE(model.rowCount(), 100); // bounded: the oldest rows go
    QCOMPARE(model.index(99, AccessLogModel::Status).data().toInt(), 269);
    QCOMPARE(model.index(0, AccessLogModel::Status).data().toInt(), 240);
    QVector<AccessLogEntry> huge(250);
    model.appendBatch(huge);
    QCOMPARE(model.rowCount(), 100);
}

void TestUiSmoke::editUndoRedo()
{
    QTemporaryDir dir;
    QString error;
    const QString path = installSampleProject(&error, dir.path());
    ProjectDocument document;
    QVERIFY(document.open(path, &error));
    Gateway gateway;
    MainWindow window(&document, &gateway);
    const size_t before = document.project().apis[0].routes().size();
    window.addRoute();
    QCOMPARE(document.project().apis[0].routes().size(), before + 1);
    QVERIFY(document.isModified());
    document.undoStack()->undo();
    QCOMPARE(document.project().apis[0].routes().size(), before);
    document.undoStack()->redo();
    QCOMPARE(document.project().apis[0].routes().size(), before + 1);
    // An invalid edit is refused with a reason and changes nothing.
    window.jsonEditor()->showItem(document.project().apis[0].routes()[0].itemId);
    QVERIFY(!window.jsonEditor()->applyJsonText(QStringLiteral(R"({"routeKey":"FETCH /x"})"), &error));
    QVERIFY(error.contains(QStringLiteral("routeKey")));
    QCOMPARE(document.project().apis[0].routes().size(), before + 1);
    QVERIFY(document.saveAs(dir.filePath(QStringLiteral("saved.gatewright.json")), ProjectDocument::CodeDirs::Rewrite, &error));
    QVERIFY(!document.isModified());
}

void TestUiSmoke::routeEditorEditsAreUndoableSteps()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    QString error;
    ProjectDocument &document = sample.document;
    MainWindow &window = *sample.window;
    window.show();
    const QModelIndex routeIndex = findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /health"));
    QVERIFY(routeIndex.isValid());
    const ItemId routeId = routeIndex.data(ProjectTreeModel::ItemIdRole).value<quint64>();
    window.findChild<QTreeView *>(QStringLiteral("projectTree"))->setCurrentIndex(routeIndex);
    auto *editor = qobject_cast<RouteEditor *>(window.currentEditor());
    QVERIFY(editor); // a route gets the route page, not raw JSON
    QCOMPARE(editor->item(), routeId);
    auto *path = editor->findChild<QLineEdit *>(QStringLiteral("path"));
    QCOMPARE(path->text(), QStringLiteral("/health"));
    const int steps = document.undoStack()->count();

    // An invalid path is pointed out as typed and refused; nothing changes.
    path->setText(QStringLiteral("/a/{b+}/c"));
    emit path->textEdited(path->text());
    QVERIFY(!editor->findChild<QLabel *>(QStringLiteral("pathHint"))->text().isEmpty());
    emit path->editingFinished();
    QCOMPARE(findRouteItem(document.project(), routeId)->routeKey, std::string("GET /health"));
    QCOMPARE(document.undoStack()->count(), steps);

    // Two edits of the path are one step; the method another. Undo finds the route by its id.
    path->setText(QStringLiteral("/healthz"));
    emit path->editingFinished();
    path->setText(QStringLiteral("/status"));
    emit path->editingFinished();
    QCOMPARE(findRouteItem(document.project(), routeId)->routeKey, std::string("GET /status"));
    QCOMPARE(document.undoStack()->count(), steps + 1);
    auto *method = editor->findChild<QComboBox *>(QStringLiteral("method"));
    method->setCurrentText(QStringLiteral("POST"));
    emit method->activated(method->currentIndex());
    QCOMPARE(findRouteItem(document.project(), routeId)->routeKey, std::string("POST /status"));
    QCOMPARE(document.undoStack()->count(), steps + 2);
    // Committing what is there already adds nothing.
    emit path->editingFinished();
    QCOMPARE(document.undoStack()->count(), steps + 2);
    document.undoStack()->undo();
    QCOMPARE(findRouteItem(document.project(), routeId)->routeKey, std::string("GET /status"));
    document.undoStack()->undo();
    QCOMPARE(findRouteItem(document.project(), routeId)->routeKey, std::string("GET /health"));
    QVERIFY(!document.isModified());
    // And undo selected what it changed.
    QCOMPARE(window.findChild<QTreeView *>(QStringLiteral("projectTree"))->currentIndex().data(ProjectTreeModel::ItemIdRole).value<quint64>(),
             routeId);

    // A function's page: its timeout within Lambda's limits, as one undoable edit.
    const QModelIndex functionIndex = findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("orders"));
    window.findChild<QTreeView *>(QStringLiteral("projectTree"))->setCurrentIndex(functionIndex);
    auto *functionEditor = qobject_cast<FunctionEditor *>(window.currentEditor());
    QVERIFY(functionEditor);
    auto *timeout = functionEditor->findChild<QSpinBox *>(QStringLiteral("timeout"));
    QCOMPARE(timeout->maximum(), 900);
    timeout->setValue(17);
    emit timeout->editingFinished();
    QCOMPARE(findFunctionItem(document.project(), functionIndex.data(ProjectTreeModel::ItemIdRole).value<quint64>())->timeout, 17);
}

void TestUiSmoke::editsDeployOnceAfterABurst()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    QString error;
    Gateway &gateway = sample.gateway;
    MainWindow &window = *sample.window;
    GatewayController *controller = window.controller();
    controller->setDebounceMs(100);
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), GatewayController::State::Running, 10000);
    const int before = controller->deploys();
    for (int i = 0; i < 3; ++i)
        window.addRoute();
    QTRY_COMPARE_WITH_TIMEOUT(controller->deploys(), before + 1, 5000); // one deploy for the burst
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), GatewayController::State::Running, 5000);
    QTest::qWait(300);
    QCOMPARE(controller->deploys(), before + 1);
    // The routes the burst added answer.
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(gateway.endpoints().first().url + QStringLiteral("/new-route-3"))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QVERIFY(reply->readAll() != R"({"message":"Not Found"})"); // a route matched (the function may say 404 itself)
    reply->deleteLater();
}

void TestUiSmoke::deployErrorsAreShown()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    QString error;
    ProjectDocument &document = sample.document;
    MainWindow &window = *sample.window;
    window.controller()->setDebounceMs(10);
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    Api api = document.project().apis[0];
    api.port = squatter.serverPort();
    QVERIFY(document.editItem(api.itemId, api, EditField::ApiPort, QStringLiteral("port"), &error));
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->lastError().isEmpty(), 10000);
    QCOMPARE(window.controller()->state(), GatewayController::State::Running); // the old version still serves
    auto *state = window.findChild<QLabel *>(QStringLiteral("gatewayState"));
    QVERIFY2(state->text().contains(QString::number(squatter.serverPort())), qPrintable(state->text()));
}

void TestUiSmoke::waterfallShowsTheRequestsStages()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    QString error;
    Gateway &gateway = sample.gateway;
    MainWindow &window = *sample.window;
    window.resize(1200, 800);
    window.show();
    window.startGateway();
    QTRY_VERIFY_WITH_TIMEOUT(!gateway.endpoints().isEmpty(), 10000);
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(gateway.endpoints().first().url + QStringLiteral("/orders"))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(window.accessLogModel()->rowCount() >= 1, 5000);
    window.accessLogView()->selectRow(0);
    TraceWaterfall *waterfall = window.requestDetails()->waterfall();
    QTRY_VERIFY(waterfall->spanCount() >= 4);
    const ExecutionTrace &trace = *window.accessLogModel()->entryAt(0).trace;
    int integration = -1;
    for (int i = 0; i < waterfall->spanCount(); ++i)
        if (trace.spans[size_t(i)].kind == TraceSpan::Kind::Integration)
            integration = i;
    QVERIFY(integration >= 0);
    // Bars sit on one time axis: the integration's bar starts after the route's and is the widest.
    const QRectF route = waterfall->barRect(1), call = waterfall->barRect(integration);
    QVERIFY(call.left() >= route.left());
    for (int i = 0; i < waterfall->spanCount(); ++i)
        QVERIFY(waterfall->barRect(i).width() <= call.width());
    QVERIFY(waterfall->colorOf(TraceSpan::Kind::Integration) != waterfall->colorOf(TraceSpan::Kind::Gateway));
    QVERIFY(window.requestDetails()->logView()->toPlainText().contains(QStringLiteral("REPORT RequestId")));
    reply->deleteLater();
}

void TestUiSmoke::savingCodeRestartsOnlyThatFunction()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    QString error;
    MainWindow &window = *sample.window;
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    QSignalSpy restarted(window.controller(), &GatewayController::functionRestarted);
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    auto *code = window.findChild<CodeEditor *>();
    const auto saveCodeOf = [&](const QString &function) {
        restarted.clear();
        tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), function));
        QVERIFY(!code->filePath().isEmpty());
        QVERIFY2(code->save(&error), qPrintable(error));
    };
    QStringList names;
    saveCodeOf(QStringLiteral("orders"));
    for (const auto &signal : restarted)
        names << signal.first().toString();
    names.sort();
    // live shares functions/orders_py with orders (its live_channel.py is imported by both).
    QCOMPARE(names, (QStringList{QStringLiteral("live"), QStringLiteral("orders")}));
    // catalog and health share functions/catalog_node/app.js: both restart, orders does not.
    saveCodeOf(QStringLiteral("catalog"));
    names.clear();
    for (const auto &signal : restarted)
        names << signal.first().toString();
    QCOMPARE(names, (QStringList{QStringLiteral("catalog"), QStringLiteral("health")}));
}

void TestUiSmoke::deleteKeyInTheLogDeletesNothing()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    QString error;
    ProjectDocument &document = sample.document;
    MainWindow &window = *sample.window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /health")));
    const size_t routes = document.project().apis[0].routes().size();
    window.accessLogView()->setFocus();
    QTest::keyClick(window.accessLogView(), Qt::Key_Delete);
    QCOMPARE(document.project().apis[0].routes().size(), routes);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Delete);
    QCOMPARE(document.project().apis[0].routes().size(), routes - 1); // in the tree, Delete deletes
}

namespace {
QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
QsciScintilla *codeText(MainWindow &window)
{
    return window.codeEditor()->findChild<QsciScintilla *>(QStringLiteral("code"));
}
} // namespace

void TestUiSmoke::unsavedCodeIsKeptWhenAnotherFunctionIsSelected()
{
    // Reproduced on main: edited code was silently replaced when another function was selected.
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    QStringList asked;
    window.setAsker([&](const QString &title, const QString &, QMessageBox::StandardButtons) {
        asked << title;
        return answer;
    });
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("documentTabs"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("orders")));
    const QString ordersFile = window.codeEditor()->filePath();
    QVERIFY(ordersFile.endsWith(QLatin1String("orders_py/app.py")));
    codeText(window)->insertAt(QStringLiteral("# my edit\n"), 0, 0);
    QCOMPARE(tabs->tabText(tabs->indexOf(window.codeEditor())), QStringLiteral("Code ●"));

    // Cancel: the code and its edit stay.
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("catalog")));
    QCOMPARE(asked, QStringList{QStringLiteral("Unsaved code")});
    QCOMPARE(window.codeEditor()->filePath(), ordersFile);
    QVERIFY(codeText(window)->text().startsWith(QLatin1String("# my edit\n")));
    // Save: written to its file, then the other function's code opens.
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("orders")));
    answer = QMessageBox::Save;
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("catalog")));
    QVERIFY(readAll(ordersFile).startsWith("# my edit\n"));
    QVERIFY(window.codeEditor()->filePath().endsWith(QLatin1String("catalog_node/app.js")));
    QCOMPARE(tabs->tabText(tabs->indexOf(window.codeEditor())), QStringLiteral("Code"));
    // Closing with unsaved code asks too.
    codeText(window)->insertAt(QStringLiteral("// more\n"), 0, 0);
    asked.clear();
    answer = QMessageBox::Cancel;
    QVERIFY(!window.close());
    QCOMPARE(asked, QStringList{QStringLiteral("Unsaved code")});
}

void TestUiSmoke::saveInTheCodeEditorSavesTheCode()
{
    // Reproduced on main: Ctrl+S in the Code tab saved the project file, not the code.
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("orders")));
    window.addRoute(); // the project has an unsaved edit too
    const QByteArray projectBefore = readAll(sample.document.filePath());
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("documentTabs"));
    tabs->setCurrentWidget(window.codeEditor());
    QsciScintilla *editor = codeText(window);
    editor->setFocus();
    QTRY_VERIFY(editor->hasFocus() || editor->viewport()->hasFocus() || editor->isAncestorOf(QApplication::focusWidget()));
    editor->insertAt(QStringLiteral("# saved with Ctrl+S\n"), 0, 0);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(readAll(window.codeEditor()->filePath()).startsWith("# saved with Ctrl+S\n"));
    QCOMPARE(readAll(sample.document.filePath()), projectBefore);
    QVERIFY(sample.document.isModified());
    // Elsewhere, Ctrl+S saves the project.
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(!sample.document.isModified());
    QVERIFY(readAll(sample.document.filePath()) != projectBefore);
}

void TestUiSmoke::toolbarButtonsStayPutAcrossEdits()
{
    // Reproduced on main: Undo and Redo took their label from the command, moving every button
    // to their right by up to 250 px.
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *bar = window.findChild<QToolBar *>(QStringLiteral("mainToolbar"));
    const auto geometry = [&] {
        QList<QRect> rects;
        for (QAction *action : bar->actions())
            if (QWidget *w = bar->widgetForAction(action))
                rects << w->geometry();
        return rects;
    };
    const QList<QRect> before = geometry();
    window.addRoute();
    Project edited = sample.document.project();
    edited.functions[0].environment["A_RATHER_LONG_VARIABLE_NAME_FOR_A_LONG_UNDO_TEXT"] = "x";
    QString error;
    QVERIFY(sample.document.apply(edited, QStringLiteral("Set a rather long environment variable on function orders"), &error));
    QCoreApplication::processEvents();
    QCOMPARE(geometry(), before);
    QAction *undo = window.findChild<QAction *>(QStringLiteral("toolbarUndo"));
    QCOMPARE(undo->text(), QStringLiteral("Undo"));
    QVERIFY2(undo->toolTip().contains(QLatin1String("Set a rather long environment variable")), qPrintable(undo->toolTip()));
    QVERIFY(!bar->widgetForAction(undo)->property("icon").isNull());
}

void TestUiSmoke::saveAsElsewhereKeepsTheCodeReachable_data()
{
    QTest::addColumn<int>("policy");
    QTest::newRow("paths rewritten") << int(ProjectDocument::CodeDirs::Rewrite);
    QTest::newRow("code copied") << int(ProjectDocument::CodeDirs::Copy);
}

void TestUiSmoke::saveAsElsewhereKeepsTheCodeReachable()
{
    // Reproduced on main: Save As to another folder kept codeDir relative, and no function
    // could start from the new file.
    QFETCH(int, policy);
    SampleWindow sample;
    QVERIFY(sample.opened());
    QTemporaryDir other;
    const QString target = other.filePath(QStringLiteral("elsewhere/copy.gatewright.json"));
    QVERIFY(QDir().mkpath(QFileInfo(target).absolutePath()));
    QString error, report;
    QVERIFY2(sample.document.saveAs(target, ProjectDocument::CodeDirs(policy), &error, &report), qPrintable(error));
    QVERIFY2(report.contains(QLatin1String("orders")), qPrintable(report)); // it says what it did
    LoadResult result = loadProjectFile(target);
    QVERIFY(std::holds_alternative<LoadedProject>(result));
    const LoadedProject &saved = std::get<LoadedProject>(result);
    for (const Function &function : saved.project.functions) {
        const QString dir = QDir(saved.baseDir).absoluteFilePath(QString::fromStdString(function.codeDir));
        const QString source = CodeEditor::sourceOf(dir, QString::fromStdString(function.runtime),
                                                    QString::fromStdString(function.handler));
        QVERIFY2(!source.isEmpty(), qPrintable(QString::fromStdString(function.name) + QLatin1String(" in ") + dir));
        QCOMPARE(source.startsWith(other.path()), policy == int(ProjectDocument::CodeDirs::Copy));
    }
    // And it runs from there.
    Gateway gateway;
    QVERIFY2(gateway.start(saved.project, saved.baseDir, &error), qPrintable(error));
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(gateway.endpoints().first().url + QStringLiteral("/health"))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    gateway.stop();
}

void TestUiSmoke::unchangedApplyAddsNoStep()
{
    // Reproduced on main: Apply with nothing changed added an undo step and marked the project modified.
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    window.jsonEditor()->showItem(sample.document.project().apis[0].routes()[0].itemId);
    QString error;
    QVERIFY(window.jsonEditor()->applyJsonText(window.jsonEditor()->text(), &error));
    QCOMPARE(sample.document.undoStack()->count(), 0);
    QVERIFY(!sample.document.isModified());
    // A real change is one step, and undo selects what it changed.
    Json route = Json::parse(window.jsonEditor()->text().toStdString());
    route["routeKey"] = "GET /orders-renamed";
    QVERIFY(window.jsonEditor()->applyJsonText(QString::fromStdString(route.dump()), &error));
    QCOMPARE(sample.document.undoStack()->count(), 1);
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("orders")));
    sample.document.undoStack()->undo();
    QCOMPARE(tree->currentIndex().data(ProjectTreeModel::KindRole).toString(), QStringLiteral("route"));
    QVERIFY(!sample.document.isModified());
}

void TestUiSmoke::unappliedJsonIsNotDroppedBySelection()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    window.setAsker([&](const QString &, const QString &, QMessageBox::StandardButtons) { return answer; });
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    const QModelIndex first = findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /orders"));
    tree->setCurrentIndex(first);
    auto *json = window.jsonEditor()->findChild<QsciScintilla *>(QStringLiteral("json"));
    Json route = Json::parse(json->text().toStdString());
    route["routeKey"] = "GET /typed-not-applied";
    json->selectAll();
    json->replaceSelectedText(QString::fromStdString(route.dump(2)));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("orders")));
    QCOMPARE(tree->currentIndex(), first); // kept on the item being typed
    QVERIFY(json->text().contains(QLatin1String("/typed-not-applied")));
    answer = QMessageBox::Apply;
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("orders")));
    QCOMPARE(sample.document.project().apis[0].routes()[0].routeKey, std::string("GET /typed-not-applied"));
}

void TestUiSmoke::sampleGetsAStablePort()
{
    // Reproduced on main: the sample's port was 0, so its URL changed on every Start.
    QTemporaryDir dir;
    QString error;
    const QString path = installSampleProject(&error, dir.path());
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    LoadResult first = loadProjectFile(path);
    const int port = std::get<LoadedProject>(first).project.apis[0].port;
    QVERIFY(port > 0);
    // Installed again (the next launch): the same file, the same port.
    QCOMPARE(installSampleProject(&error, dir.path()), path);
    LoadResult again = loadProjectFile(path);
    QCOMPARE(std::get<LoadedProject>(again).project.apis[0].port, port);
    // Only the port line differs from the bundled file.
    const QByteArray bundled = readAll(QStringLiteral(GW_SOURCE_DIR "/resources/samples/orders/orders.gatewright.json"));
    // Every API has a port of its own (the HTTP API's and the live channel's), in file order.
    const Project installed = std::get<LoadedProject>(again).project;
    QCOMPARE(installed.apis.size(), size_t(2));
    QVERIFY(installed.apis[1].port > 0 && installed.apis[1].port != port);
    QByteArray expected = bundled;
    for (const Api &api : installed.apis) {
        const qsizetype at = expected.indexOf("\"port\": 0,");
        QVERIFY(at >= 0);
        expected.replace(at, qsizetype(strlen("\"port\": 0,")), "\"port\": " + QByteArray::number(api.port) + ",");
    }
    QCOMPARE(readAll(path), expected);
}

void TestUiSmoke::problemsListFindingsAndGoToTheItem()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    QAbstractItemModelTester tester(window.problemsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int before = window.problemsModel()->rowCount();
    // A route that looks protected but is not: a warning, as `validate` gives it, on that route.
    Project edited = sample.document.project();
    Route &route = (*edited.apis[0].mutableRoutes())[2];
    route.authorizationType = "JWT";
    const ItemId routeId = route.itemId;
    QString error;
    QVERIFY2(sample.document.apply(edited, QStringLiteral("JWT"), &error), qPrintable(error));
    QCOMPARE(window.problemsModel()->rowCount(), before + 1);
    QModelIndex found;
    for (int row = 0; row < window.problemsModel()->rowCount(); ++row) {
        const QModelIndex index = window.problemsModel()->index(row, ProblemsModel::Message);
        if (index.data().toString().contains(QLatin1String("authorizers are not enforced yet")))
            found = index;
    }
    QVERIFY(found.isValid());
    QCOMPARE(found.data(ProblemsModel::ItemIdRole).value<quint64>(), routeId);
    QVERIFY(window.problemsModel()->index(found.row(), ProblemsModel::Item).data().toString().contains(QLatin1String("GET /orders/{orderId}")));
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("orders")));
    emit window.problemsView()->activated(found);
    QCOMPARE(tree->currentIndex().sibling(tree->currentIndex().row(), 0).data(ProjectTreeModel::ItemIdRole).value<quint64>(), routeId);
    // Undone: the warning goes.
    sample.document.undoStack()->undo();
    QCOMPARE(window.problemsModel()->rowCount(), before);
}

void TestUiSmoke::problemsFollowTypingBeforeItApplies()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    window.setAsker([](const QString &, const QString &, QMessageBox::StandardButtons) { return QMessageBox::Discard; });
    QAbstractItemModelTester tester(window.problemsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /orders")));
    auto *json = window.jsonEditor()->findChild<QsciScintilla *>(QStringLiteral("json"));
    const int before = window.problemsModel()->rowCount();
    const int errorsBefore = window.problemsModel()->errorCount();
    // Half-typed: the second line loses its closing quote. Nothing applies, and Problems says where.
    const QString good = json->text();
    QString broken = good;
    const int secondQuote = broken.indexOf(QLatin1Char('"'), broken.indexOf(QLatin1Char('"')) + 1);
    broken.remove(secondQuote, 1);
    json->selectAll();
    json->replaceSelectedText(broken);
    QTRY_COMPARE(window.problemsModel()->rowCount(), before + 1);
    QCOMPARE(window.problemsModel()->errorCount(), errorsBefore + 1);
    const QString message = window.problemsModel()->index(0, ProblemsModel::Message).data().toString();
    QVERIFY2(message.contains(QLatin1String("line 2, column")), qPrintable(message));
    QVERIFY(window.problemsModel()->index(0, ProblemsModel::Item).data().toString().contains(QLatin1String("GET /orders")));
    QCOMPARE(window.problemsModel()->index(0, ProblemsModel::Message).data(ProblemsModel::ItemIdRole).value<quint64>(),
             sample.document.project().apis[0].routes()[0].itemId);
    QVERIFY(!sample.document.isModified());
    // Typed right again: it applies and the draft problem goes.
    json->selectAll();
    json->replaceSelectedText(good);
    QTRY_COMPARE(window.problemsModel()->rowCount(), before);
    // Broken again, then another item is chosen and the text discarded: the problem goes with it.
    json->selectAll();
    json->replaceSelectedText(broken);
    QTRY_COMPARE(window.problemsModel()->rowCount(), before + 1);
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("orders")));
    QCOMPARE(window.problemsModel()->rowCount(), before);
}

void TestUiSmoke::problemsListRestTemplatesThatDoNotParse()
{
    // Only compiling finds a template that does not parse; Problems shows it on its method.
    const Project project = Json::parse(R"json({"format": "gatewright-project", "version": 1,
        "apis": [{"id": "r", "name": "r", "type": "REST", "apiId": "abcdefghij", "stages": [{"name": "dev"}],
          "resources": [{"path": "/x", "methods": [{"httpMethod": "GET",
            "integration": {"type": "MOCK", "requestTemplates": {"application/json": "#if($a)"}}}]}]}]})json")
                                .get<Project>();
    ProblemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProject(project);
    QCOMPARE(model.errorCount(), 1);
    const QString message = model.index(0, ProblemsModel::Message).data().toString();
    QVERIFY2(message.contains(QLatin1String("request template for application/json, line 1, column 1")), qPrintable(message));
    QCOMPARE(model.index(0, ProblemsModel::Message).data(ProblemsModel::ItemIdRole).value<quint64>(),
             project.apis[0].rest()->resources[0].methods[0].itemId);
}

void TestUiSmoke::trafficFiltersPauseAndClear()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    TrafficPanel *traffic = window.trafficPanel();
    QAbstractItemModelTester tester(traffic->filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto entry = [](int status, const char *method, const char *path, const char *route) {
        AccessLogEntry e;
        e.status = status;
        e.httpMethod = method;
        e.path = path;
        e.routeKey = route;
        e.requestId = QByteArray("id-") + path;
        e.outcome = status == 404 ? Outcome::NotFound : status == 502 ? Outcome::FunctionError : Outcome::Ok;
        return e;
    };
    // Rows 1-3 are the first API's first stage (its access-log format is set below); row 0 another API's.
    const QByteArray apiId = QByteArray::fromStdString(sample.document.project().apis[0].apiId);
    const QByteArray stageName = QByteArray::fromStdString(sample.document.project().apis[0].stages[0].name);
    QVector<AccessLogEntry> rows = {entry(200, "GET", "/orders", "GET /orders"), entry(404, "GET", "/nope", "-"),
                                    entry(502, "POST", "/orders", "POST /orders"), entry(201, "POST", "/orders", "POST /orders")};
    rows[0].apiId = "other";
    for (int i = 1; i < 4; ++i) {
        rows[i].apiId = apiId;
        rows[i].stage = stageName;
    }
    traffic->append(rows);
    QCOMPARE(traffic->filter()->rowCount(), 4);
    traffic->findChild<QToolButton *>(QStringLiteral("show4xx"))->click();
    QCOMPARE(traffic->filter()->rowCount(), 3);
    traffic->findChild<QToolButton *>(QStringLiteral("show2xx"))->click();
    QCOMPARE(traffic->filter()->rowCount(), 1); // the 5xx stands alone
    traffic->findChild<QToolButton *>(QStringLiteral("show2xx"))->click();
    traffic->findChild<QToolButton *>(QStringLiteral("show4xx"))->click();
    auto *routes = traffic->findChild<QComboBox *>(QStringLiteral("routeFilter"));
    routes->setCurrentIndex(routes->findData(QStringLiteral("POST /orders")));
    QCOMPARE(traffic->filter()->rowCount(), 2);
    routes->setCurrentIndex(0);
    traffic->findChild<QLineEdit *>(QStringLiteral("trafficSearch"))->setText(QStringLiteral("nope"));
    QCOMPARE(traffic->filter()->rowCount(), 1);
    traffic->findChild<QLineEdit *>(QStringLiteral("trafficSearch"))->clear();
    // Outcomes: the 404 was refused by the gateway, the 502 a backend fault.
    QAbstractItemModel *log = window.accessLogModel();
    auto *outcomes = traffic->findChild<QComboBox *>(QStringLiteral("outcomeFilter"));
    const auto rowsWithOutcome = [&](int choice) {
        outcomes->setCurrentIndex(outcomes->findData(choice));
        QStringList paths;
        for (int row = 0; row < traffic->filter()->rowCount(); ++row)
            paths << traffic->filter()->index(row, AccessLogModel::Path).data().toString();
        return paths;
    };
    QCOMPARE(rowsWithOutcome(TrafficFilterModel::ServerFaults), QStringList{QStringLiteral("/orders")});
    QCOMPARE(rowsWithOutcome(TrafficFilterModel::Refused), QStringList{QStringLiteral("/nope")});
    QCOMPARE(rowsWithOutcome(int(Outcome::Ok)).size(), 2);
    QCOMPARE(rowsWithOutcome(int(Outcome::Throttled)).size(), 0);
    QCOMPARE(rowsWithOutcome(TrafficFilterModel::AnyOutcome).size(), 4);
    traffic->findChild<QLineEdit *>(QStringLiteral("trafficSearch"))->setText(QStringLiteral("function_error"));
    QCOMPARE(traffic->filter()->rowCount(), 1); // the outcome's name is searched too
    traffic->findChild<QLineEdit *>(QStringLiteral("trafficSearch"))->clear();
    // The stage-format view: each row as its stage's accessLogFormat prints it, set in the designer.
    QVERIFY(traffic->view()->isColumnHidden(AccessLogModel::LogLine));
    QString error;
    Stage stage = sample.document.project().apis[0].stages[0];
    stage.accessLogFormat = "$context.httpMethod $context.path $context.status $context.requestId";
    QVERIFY2(sample.document.editItem(stage.itemId, stage, EditField::StageAccessLogFormat, {}, &error), qPrintable(error));
    traffic->findChild<QToolButton *>(QStringLiteral("stageFormatView"))->click();
    QVERIFY(traffic->isStageFormatView());
    QVERIFY(!traffic->view()->isColumnHidden(AccessLogModel::LogLine));
    QVERIFY(traffic->view()->isColumnHidden(AccessLogModel::Path));
    QCOMPARE(log->index(1, AccessLogModel::LogLine).data().toString(), QStringLiteral("GET /nope 404 id-/nope"));
    // A row of another API keeps the default JSON format.
    QCOMPARE(QJsonDocument::fromJson(log->index(0, AccessLogModel::LogLine).data().toString().toUtf8())
                 .object().value(QStringLiteral("status")).toString(), QStringLiteral("200"));
    QVERIFY(traffic->shownInStageFormat().contains("POST /orders 502 id-/orders\n"));
    traffic->findChild<QToolButton *>(QStringLiteral("stageFormatView"))->click();
    QVERIFY(traffic->view()->isColumnHidden(AccessLogModel::LogLine));
    // Paused: rows wait and nothing moves under the reader; resumed, they come in.
    traffic->findChild<QToolButton *>(QStringLiteral("pauseTraffic"))->click();
    traffic->append({entry(200, "GET", "/later", "GET /orders")});
    QCOMPARE(window.accessLogModel()->rowCount(), 4);
    QVERIFY(traffic->findChild<QLabel *>(QStringLiteral("trafficCounts"))->text().contains(QLatin1String("1 held")));
    traffic->findChild<QToolButton *>(QStringLiteral("pauseTraffic"))->click();
    QCOMPARE(window.accessLogModel()->rowCount(), 5);
    traffic->findChild<QToolButton *>(QStringLiteral("clearTraffic"))->click();
    QCOMPARE(traffic->filter()->rowCount(), 0);
}

void TestUiSmoke::explorerGroupsRoutesByPathAndFilters()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    QAbstractItemModelTester tester(window.treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    // As the console lists them: /orders ▸ /{orderId} ▸ GET, with the method as a badge.
    const QModelIndex route = findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /orders/{orderId}"));
    QVERIFY(route.isValid());
    QCOMPARE(route.data().toString(), QStringLiteral("GET"));
    QCOMPARE(route.data(ProjectTreeModel::BadgeRole).toString(), QStringLiteral("GET"));
    QCOMPARE(route.data(ProjectTreeModel::ChipRole).toString(), QStringLiteral("orders"));
    QCOMPARE(route.parent().data().toString(), QStringLiteral("/{orderId}"));
    QCOMPARE(route.parent().data(ProjectTreeModel::PathRole).toString(), QStringLiteral("/orders/{orderId}"));
    QCOMPARE(route.parent().parent().data().toString(), QStringLiteral("/orders"));
    const QModelIndex integration = findInTree(window.treeModel(), QStringLiteral("integration"), QStringLiteral("orders"));
    QVERIFY2(integration.siblingAtColumn(1).data().toString().endsWith(QLatin1String("used by 5")),
             qPrintable(integration.siblingAtColumn(1).data().toString()));
    QVERIFY(findInTree(window.treeModel(), QStringLiteral("cors"), QStringLiteral("CORS")).isValid());
    // Live state: the stage shows its port once running; functions their warm processes.
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    const QModelIndex stage = findInTree(window.treeModel(), QStringLiteral("stage"), QStringLiteral("$default"));
    const quint16 port = window.controller()->endpoints().first().port;
    QVERIFY2(stage.siblingAtColumn(1).data().toString().contains(QStringLiteral(":%1").arg(port)),
             qPrintable(stage.siblingAtColumn(1).data().toString()));
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(window.controller()->endpoints().first().url + QStringLiteral("/health"))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    reply->deleteLater();
    QTRY_VERIFY_WITH_TIMEOUT(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("health"))
                                 .siblingAtColumn(1).data().toString().contains(QLatin1String("1 warm")), 5000);
    // The filter hides what does not match and keeps the ancestors of what does.
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    window.findChild<QLineEdit *>(QStringLiteral("explorerFilter"))->setText(QStringLiteral("products"));
    const QModelIndex orders = findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /orders"));
    const QModelIndex products = findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /products"));
    QVERIFY(tree->isRowHidden(orders.parent().row(), orders.parent().parent()));
    QVERIFY(!tree->isRowHidden(products.row(), products.parent()));
    QVERIFY(!tree->isRowHidden(products.parent().row(), products.parent().parent()));
    window.findChild<QLineEdit *>(QStringLiteral("explorerFilter"))->clear();
    QVERIFY(!tree->isRowHidden(orders.parent().row(), orders.parent().parent()));
}

void TestUiSmoke::flowStripGoesToTheRoutesItems()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /orders")));
    auto *flow = window.findChild<RouteFlowStrip *>(QStringLiteral("routeFlow"));
    QVERIFY(flow);
    QCOMPARE(flow->boxTexts(), (QStringList{QStringLiteral("Client request"), QStringLiteral("Route GET /orders"),
                                            QStringLiteral("Authorization NONE"), QStringLiteral("Integration orders · AWS_PROXY"),
                                            QStringLiteral("Lambda function orders · python3"), QStringLiteral("Response payload 2.0")}));
    flow->findChild<QToolButton *>(QStringLiteral("flow-target"))->click();
    QCOMPARE(tree->currentIndex().data(ProjectTreeModel::KindRole).toString(), QStringLiteral("function"));
    QCOMPARE(tree->currentIndex().data(ProjectTreeModel::NameRole).toString(), QStringLiteral("orders"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /orders")));
    flow->findChild<QToolButton *>(QStringLiteral("flow-integration"))->click();
    QCOMPARE(tree->currentIndex().data(ProjectTreeModel::KindRole).toString(), QStringLiteral("integration"));
}

void TestUiSmoke::corsPageEditsTheApisCors()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("cors"), QStringLiteral("CORS")));
    QCOMPARE(window.currentEditor(), window.editorFor(QStringLiteral("cors")));
    auto *origins = window.findChild<QLineEdit *>(QStringLiteral("allowOrigins"));
    QVERIFY(origins && origins->isEnabled());
    origins->setText(QStringLiteral("http://localhost:3000, https://shop.example"));
    emit origins->editingFinished();
    const Cors &cors = *sample.document.project().apis[0].http()->cors;
    QCOMPARE(cors.allowOrigins, (std::vector<std::string>{"http://localhost:3000", "https://shop.example"}));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("preflightPreview"))->text().contains(QLatin1String("http://localhost:3000")));
    QCOMPARE(sample.document.undoStack()->count(), 1);
    // Switched off: no cors block; undo brings it back.
    window.findChild<QCheckBox *>(QStringLiteral("corsEnabled"))->click();
    QVERIFY(!sample.document.project().apis[0].http()->cors);
    sample.document.undoStack()->undo();
    QVERIFY(sample.document.project().apis[0].http()->cors);
}

void TestUiSmoke::duplicateAndCopyAsCurl()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    const ItemId orders = findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /orders"))
                              .data(ProjectTreeModel::ItemIdRole).value<quint64>();
    window.duplicateItem(orders);
    QVERIFY(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("PUT /orders")).isValid()); // GET, POST taken
    sample.document.undoStack()->undo();
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    const ItemId byId = findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /orders/{orderId}"))
                            .data(ProjectTreeModel::ItemIdRole).value<quint64>();
    const QString curl = window.curlFor(byId);
    QCOMPARE(curl, QStringLiteral("curl -i '%1/orders/orderId'").arg(window.controller()->endpoints().first().url));
    // The command works as pasted: the real curl gets the function's answer.
    QProcess shell;
    shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), curl + QStringLiteral(" --silent --max-time 20")});
    QVERIFY(shell.waitForFinished(30000));
    const QByteArray out = shell.readAllStandardOutput();
    QVERIFY2(out.startsWith("HTTP/1.1 "), out.constData());
    QVERIFY2(out.contains("apigw-requestid: ") || out.contains("Apigw-Requestid: "), out.constData());
}

void TestUiSmoke::changesOnDiskAreReloadedUnlessTheyDropWork()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    QStringList asked;
    window.setAsker([&](const QString &title, const QString &, QMessageBox::StandardButtons) {
        asked << title;
        return QMessageBox::No;
    });
    const QString path = sample.document.filePath();
    QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList().value(0), path); // opened before the window
    const auto writeExternally = [&](const QByteArray &from, const QByteArray &to) {
        QByteArray text = readAll(path);
        text.replace(from, to);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate)); // in place, as an editor or git does
        file.write(text);
    };
    // Our own save is not a change on disk.
    window.addRoute();
    QVERIFY(window.saveProject());
    QTest::qWait(300);
    QCOMPARE(sample.document.undoStack()->count(), 1);
    // Another program's change, nothing unsaved: taken at once.
    writeExternally("\"name\": \"Orders\"", "\"name\": \"Orders from git\"");
    QTRY_COMPARE_WITH_TIMEOUT(sample.document.project().name, std::string("Orders from git"), 5000);
    QVERIFY(asked.isEmpty());
    // With unsaved edits: asked, and kept when the user says no.
    window.addRoute();
    writeExternally("\"name\": \"Orders from git\"", "\"name\": \"Orders again\"");
    QTRY_COMPARE_WITH_TIMEOUT(asked, QStringList{QStringLiteral("Changed on disk")}, 5000);
    QCOMPARE(sample.document.project().name, std::string("Orders from git"));
    QVERIFY(sample.document.isModified());
}

void TestUiSmoke::commandPaletteGoesToAnyItem()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    window.showCommandPalette();
    CommandPalette *palette = window.commandPalette();
    QVERIFY(palette && palette->isVisible());
    palette->setFilter(QStringLiteral("get orderid"));
    QCOMPARE(palette->matchCount(), 1);
    QTest::keyClick(palette->findChild<QLineEdit *>(), Qt::Key_Return);
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    QCOMPARE(tree->currentIndex().data(ProjectTreeModel::NameRole).toString(), QStringLiteral("GET /orders/{orderId}"));
    QVERIFY(!palette->isVisible());
}

void TestUiSmoke::trafficShowsWhatEachRequestCarried_data()
{
    QTest::addColumn<int>("limit");
    QTest::newRow("whole bodies") << 64 * 1024;
    QTest::newRow("capped at 24 bytes") << 24;
}

void TestUiSmoke::trafficShowsWhatEachRequestCarried()
{
    QFETCH(int, limit);
    SampleWindow sample(limit);
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(window.controller()->endpoints().first().url + QStringLiteral("/orders?via=test")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("x-custom", "yes");
    const QByteArray body = R"({"customerId": "c-1", "items": [{"sku": "kb-01", "quantity": 2}]})";
    QNetworkReply *reply = nam.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    reply->deleteLater();
    QTRY_VERIFY_WITH_TIMEOUT(window.accessLogModel()->rowCount() >= 1, 5000);
    window.accessLogView()->selectRow(0);
    RequestDetails *details = window.requestDetails();
    const QString received = details->tabText(QStringLiteral("Request"));
    QVERIFY2(received.startsWith(QLatin1String("POST /orders?via=test HTTP/1.1\n")), qPrintable(received));
    QVERIFY2(received.contains(QLatin1String("x-custom: yes")), qPrintable(received));
    const QString event = details->tabText(QStringLiteral("Event"));
    const QString function = details->tabText(QStringLiteral("Fn response"));
    const QString sent = details->tabText(QStringLiteral("Response"));
    QVERIFY2(sent.startsWith(QStringLiteral("HTTP/1.1 %1\n").arg(status)), qPrintable(sent));
    if (limit > 1024) {
        QVERIFY2(received.contains(QLatin1String("\"customerId\": \"c-1\"")), qPrintable(received)); // pretty-printed JSON
        QVERIFY2(event.contains(QLatin1String("\"routeKey\": \"POST /orders\"")), qPrintable(event));
        QVERIFY2(event.contains(QLatin1String("\"via\": \"test\"")), qPrintable(event));
        QVERIFY2(function.contains(QLatin1String("\"statusCode\": 201")), qPrintable(function));
        QVERIFY2(sent.contains(QString::fromUtf8(Json::parse(answer.toStdString())["orderId"].get<std::string>().c_str())), qPrintable(sent));
    } else {
        QVERIFY2(received.contains(QStringLiteral("(24 of %1 bytes shown)").arg(body.size())), qPrintable(received));
        QVERIFY2(event.contains(QLatin1String("of ")) && event.contains(QLatin1String("bytes shown")), qPrintable(event));
    }
    // Go to route selects the route that answered.
    details->findChildren<QPushButton *>().first()->click();
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    QCOMPARE(tree->currentIndex().data(ProjectTreeModel::NameRole).toString(), QStringLiteral("POST /orders"));
}

void TestUiSmoke::capturedBodiesHaveATotalBudget()
{
    AccessLogModel model(100);
    model.setCaptureBudget(10000);
    QVector<AccessLogEntry> batch;
    for (int i = 0; i < 10; ++i) {
        AccessLogEntry e;
        e.capture = std::make_shared<ExchangeCapture>();
        e.capture->request.body = QByteArray(3000, 'x'); // 3000 bytes each
        batch << e;
    }
    model.appendBatch(batch);
    QVERIFY(model.capturedBytes() <= 10000);
    QCOMPARE(model.rowCount(), 10); // the rows stay; the oldest give up their bodies
    QVERIFY(!model.entryAt(0).capture);
    QVERIFY(model.entryAt(9).capture);
    model.clear();
    QCOMPARE(model.capturedBytes(), 0);
}

void TestUiSmoke::addDialogsMakeValidItems()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    const Project &project = sample.document.project();
    AddItemDialog route(AddItemDialog::Kind::Route, project, sample.document.baseDir(), kNoItem);
    auto *ok = route.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    route.findChild<QLineEdit *>(QStringLiteral("path"))->setText(QStringLiteral("orders"));
    QVERIFY(!route.problem().isEmpty()); // no leading slash: said at once, OK off
    QVERIFY(!ok->isEnabled());
    route.findChild<QLineEdit *>(QStringLiteral("path"))->setText(QStringLiteral("/orders"));
    QVERIFY2(route.problem().contains(QLatin1String("duplicate")), qPrintable(route.problem())); // GET /orders exists
    route.findChild<QComboBox *>(QStringLiteral("method"))->setCurrentText(QStringLiteral("PUT"));
    QVERIFY2(route.problem().isEmpty(), qPrintable(route.problem()));
    QVERIFY(ok->isEnabled());
    QVERIFY(sample.window->applyAddDialog(route));
    QCOMPARE(findRouteItem(sample.document.project(), route.created())->routeKey, std::string("PUT /orders"));
    QCOMPARE(sample.document.undoStack()->count(), 1);

    AddItemDialog api(AddItemDialog::Kind::Api, sample.document.project(), sample.document.baseDir(), kNoItem);
    api.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("payments"));
    QVERIFY(api.problem().isEmpty());
    QVERIFY(sample.window->applyAddDialog(api));
    const Api *added = findApiItem(sample.document.project(), api.created());
    QVERIFY(added->port > 0); // a stable port from the start
    QCOMPARE(added->stages.size(), size_t(1));
}

void TestUiSmoke::addedFunctionAnswersAtOnce()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    AddItemDialog dialog(AddItemDialog::Kind::Function, sample.document.project(), sample.document.baseDir(), kNoItem);
    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("inventory"));
    dialog.findChild<QComboBox *>(QStringLiteral("runtime"))->setCurrentText(QStringLiteral("nodejs"));
    dialog.findChild<QLineEdit *>(QStringLiteral("routeKey"))->setText(QStringLiteral("GET /inventory"));
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    QVERIFY(window.applyAddDialog(dialog));
    QVERIFY(QFile::exists(QDir(sample.document.baseDir()).filePath(QStringLiteral("functions/inventory/app.js"))));
    // The running gateway takes the edit: the new route calls the new function's template.
    QNetworkAccessManager nam;
    int status = 0;
    QByteArray body;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
        QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(window.controller()->endpoints().first().url + QStringLiteral("/inventory"))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(20000);
        status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        body = reply->readAll();
        reply->deleteLater();
        return status == 200;
    }()), 15000);
    QCOMPARE(QString::fromStdString(Json::parse(body.toStdString())["message"].get<std::string>()), QStringLiteral("Hello from inventory"));
    // One undo takes back the function, its integration and its route.
    sample.document.undoStack()->undo();
    QVERIFY(!sample.document.project().findFunction("inventory"));
}

void TestUiSmoke::functionPageInvokesWithATestEvent()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("catalog")));
    auto *page = static_cast<FunctionEditor *>(window.editorFor(QStringLiteral("function")));
    // The handler picker lists what the code folder exports.
    auto *handler = page->findChild<QComboBox *>(QStringLiteral("handler"));
    QStringList handlers;
    for (int i = 0; i < handler->count(); ++i)
        handlers << handler->itemText(i);
    QCOMPARE(handlers, (QStringList{QStringLiteral("app.handler"), QStringLiteral("app.health")}));
    QCOMPARE(handler->currentText(), QStringLiteral("app.handler"));
    // Not running: it says how to run it.
    page->invokeWithTestEvent();
    QVERIFY2(page->resultText().contains(QLatin1String("Start the gateway")), qPrintable(page->resultText()));
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("orders")));
    page->setEventText(QString::fromUtf8(testEvent(TestEventKind::HttpApiV2, QStringLiteral("GET"), QStringLiteral("/orders"))));
    page->invokeWithTestEvent();
    QTRY_VERIFY2_WITH_TIMEOUT(page->resultText().startsWith(QLatin1String("success")), qPrintable(page->resultText()), 20000);
    const QString result = page->resultText();
    QVERIFY2(result.contains(QLatin1String("\"statusCode\": 200")), qPrintable(result));
    QVERIFY2(result.contains(QLatin1String("REPORT RequestId")), qPrintable(result)); // what the function printed
    // An event that is not JSON is refused before anything runs.
    page->setEventText(QStringLiteral("{not json"));
    page->invokeWithTestEvent();
    QVERIFY(page->resultText().startsWith(QLatin1String("The event is not valid JSON")));
}

void TestUiSmoke::stagePageCompletesAndThrottles()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("stage"), QStringLiteral("$default")));
    auto *page = static_cast<StageEditor *>(window.editorFor(QStringLiteral("stage")));
    QCOMPARE(page->findChild<QLabel *>(QStringLiteral("invokeUrl"))->text(), window.controller()->endpoints().first().url);
    const QString typed = QStringLiteral(R"({"id":"$context.req)");
    QCOMPARE(page->completionsAt(typed, int(typed.size())),
             (QStringList{QStringLiteral("$context.requestId"), QStringLiteral("$context.requestTime"),
                          QStringLiteral("$context.requestTimeEpoch")}));
    const QString ended = QStringLiteral(R"($context.status ")");
    QVERIFY(page->completionsAt(ended, int(ended.size())).isEmpty());
    const int before = window.problemsModel()->warningCount();
    auto *burst = page->findChild<QSpinBox *>(QStringLiteral("burstLimit"));
    burst->setValue(10);
    emit burst->editingFinished();
    QCOMPARE(*sample.document.project().apis[0].stages[0].throttling->burstLimit, 10);
    QCOMPARE(window.problemsModel()->warningCount(), before + 1); // "throttling is not enforced yet"
}

void TestUiSmoke::jsonViewIsLiveAndTwoWay()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /health")));
    auto *json = window.jsonEditor()->findChild<QsciScintilla *>(QStringLiteral("json"));
    // Typed JSON applies itself after a pause; the form and the explorer follow.
    QString text = json->text();
    text.replace(QLatin1String("GET /health"), QLatin1String("GET /healthz"));
    json->selectAll();
    json->replaceSelectedText(text);
    QTRY_COMPARE_WITH_TIMEOUT(findRouteItem(sample.document.project(), window.jsonEditor()->item())->routeKey,
                              std::string("GET /healthz"), 3000);
    QCOMPARE(window.findChild<QLineEdit *>(QStringLiteral("path"))->text(), QStringLiteral("/healthz"));
    QVERIFY(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /healthz")).isValid());
    QCOMPARE(sample.document.undoStack()->count(), 1);
    // Half-typed JSON waits; a typing session stays one undo step.
    json->insertAt(QStringLiteral("{ broken"), 0, 0);
    QTest::qWait(1000);
    QCOMPARE(findRouteItem(sample.document.project(), window.jsonEditor()->item())->routeKey, std::string("GET /healthz"));
    text.replace(QLatin1String("GET /healthz"), QLatin1String("GET /ping"));
    json->selectAll();
    json->replaceSelectedText(text);
    QTRY_COMPARE_WITH_TIMEOUT(findRouteItem(sample.document.project(), window.jsonEditor()->item())->routeKey,
                              std::string("GET /ping"), 3000);
    QCOMPARE(sample.document.undoStack()->count(), 1);
    // And back: a form edit shows in the JSON view.
    auto *path = window.findChild<QLineEdit *>(QStringLiteral("path"));
    path->setText(QStringLiteral("/status"));
    emit path->editingFinished();
    QVERIFY2(json->text().contains(QLatin1String("GET /status")), qPrintable(json->text()));
}

void TestUiSmoke::routePageExplainsParametersAndMakesIntegrations()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /products/{proxy+}")));
    const QString hint = window.findChild<QLabel *>(QStringLiteral("pathHint"))->text();
    QVERIFY2(hint.contains(QLatin1String("{proxy+}")) && hint.contains(QLatin1String("the rest of the path")), qPrintable(hint));
    QVERIFY(describePathParameters(QStringLiteral("/orders/{orderId}")).contains(QLatin1String("one path segment")));
    QVERIFY(describePathParameters(QStringLiteral("/orders")).isEmpty());
    // "New integration…": one step adds it and points the route at it.
    const ItemId route = window.jsonEditor()->item();
    AddItemDialog dialog(AddItemDialog::Kind::Integration, sample.document.project(), sample.document.baseDir(), kNoItem);
    dialog.findChild<QLineEdit *>(QStringLiteral("id"))->setText(QStringLiteral("products-proxy"));
    dialog.findChild<QComboBox *>(QStringLiteral("type"))->setCurrentText(QStringLiteral("HTTP_PROXY"));
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    QVERIFY(window.attachNewIntegration(dialog, route));
    QCOMPARE(*findRouteItem(sample.document.project(), route)->integration, std::string("products-proxy"));
    QCOMPARE(sample.document.undoStack()->count(), 1);
    auto *picker = window.findChild<QComboBox *>(QStringLiteral("integration"));
    QCOMPARE(picker->itemText(picker->count() - 1), QStringLiteral("New integration…"));
}

void TestUiSmoke::undoAndRedoOfEveryEditKindRestoreTheFile()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    ProjectDocument &document = sample.document;
    const QByteArray original = readAll(document.filePath());
    QCOMPARE(document.serialized(), original); // nothing edited: the file as it is
    QString error;
    const auto route = [&] { return document.project().apis[0].routes()[1]; };
    const auto integration = [&] { return document.project().apis[0].integrations()[0]; };
    const auto function = [&] { return document.project().functions[0]; };
    const auto stage = [&] { return document.project().apis[0].stages[0]; };
    const auto api = [&] { return document.project().apis[0]; };
    const std::vector<std::pair<const char *, std::function<bool()>>> edits = {
        {"route key", [&] { Route r = route(); r.routeKey = "PUT /orders"; return document.editItem(r.itemId, r, EditField::RouteKey, {}, &error); }},
        {"route integration", [&] { Route r = route(); r.integration = "catalog"; return document.editItem(r.itemId, r, EditField::RouteIntegration, {}, &error); }},
        {"route authorization", [&] { Route r = route(); r.authorizationType = "AWS_IAM"; return document.editItem(r.itemId, r, EditField::RouteAuthorization, {}, &error); }},
        {"integration target", [&] { Integration i = integration(); i.function = "catalog"; return document.editItem(i.itemId, i, EditField::IntegrationTarget, {}, &error); }},
        {"integration payload", [&] { Integration i = integration(); i.payloadFormatVersion = "1.0"; return document.editItem(i.itemId, i, EditField::IntegrationPayloadFormat, {}, &error); }},
        {"integration timeout", [&] { Integration i = integration(); i.timeoutInMillis = 5000; return document.editItem(i.itemId, i, EditField::IntegrationTimeout, {}, &error); }},
        {"function runtime", [&] { Function f = function(); f.runtime = "nodejs"; return document.editItem(f.itemId, f, EditField::FunctionRuntime, {}, &error); }},
        {"function handler", [&] { Function f = function(); f.handler = "app.other"; return document.editItem(f.itemId, f, EditField::FunctionHandler, {}, &error); }},
        {"function memory", [&] { Function f = function(); f.memorySize = 512; return document.editItem(f.itemId, f, EditField::FunctionMemory, {}, &error); }},
        {"function concurrency", [&] { Function f = function(); f.reservedConcurrency.reset(); return document.editItem(f.itemId, f, EditField::FunctionConcurrency, {}, &error); }},
        {"function environment", [&] { Function f = function(); f.environment["NEW"] = "1"; return document.editItem(f.itemId, f, EditField::FunctionEnvironment, {}, &error); }},
        {"stage auto-deploy", [&] { Stage st = stage(); st.autoDeploy = !st.autoDeploy; return document.editItem(st.itemId, st, EditField::StageAutoDeploy, {}, &error); }},
        {"stage variables", [&] { Stage st = stage(); st.stageVariables["v"] = "1"; return document.editItem(st.itemId, st, EditField::StageVariables, {}, &error); }},
        {"stage format", [&] { Stage st = stage(); st.accessLogFormat = "$context.requestId"; return document.editItem(st.itemId, st, EditField::StageAccessLogFormat, {}, &error); }},
        {"stage throttling", [&] { Stage st = stage(); st.throttling = Throttling{5, 2.5}; return document.editItem(st.itemId, st, EditField::StageThrottling, {}, &error); }},
        {"api name", [&] { Api a = api(); a.name = "shop"; return document.editItem(a.itemId, a, EditField::ApiName, {}, &error); }},
        {"api port", [&] { Api a = api(); a.port = 9999; return document.editItem(a.itemId, a, EditField::ApiPort, {}, &error); }},
        {"api cors", [&] { Api a = api(); a.http()->cors.reset(); return document.editItem(a.itemId, a, EditField::ApiCors, {}, &error); }},
        {"add route", [&] {
             Project p = document.project();
             Route added;
             added.routeKey = "GET /new";
             added.integration = "orders";
             p.apis[0].mutableRoutes()->push_back(added);
             return document.apply(p, {}, &error);
         }},
        {"delete route", [&] { Project p = document.project(); p.apis[0].mutableRoutes()->erase(p.apis[0].mutableRoutes()->begin()); return document.apply(p, {}, &error); }},
    };
    for (const auto &[name, edit] : edits) {
        QVERIFY2(edit(), qPrintable(QLatin1String(name) + QStringLiteral(": ") + error));
        const QByteArray after = document.serialized();
        QVERIFY2(after != original, name);
        QVERIFY2(Json::accept(after.toStdString()), name);
        document.undoStack()->undo();
        QVERIFY2(document.serialized() == original, name); // byte for byte
        document.undoStack()->redo();
        QVERIFY2(document.serialized() == after, name);
        document.undoStack()->undo();
    }
}

void TestUiSmoke::codeTabOpensAtTheHandlerWithItsFolder()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    QStringList asked;
    window.setAsker([&](const QString &title, const QString &, QMessageBox::StandardButtons) {
        asked << title;
        return QMessageBox::Cancel;
    });
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("health")));
    CodeEditor *code = window.codeEditor();
    // exports.health is on line 95 of app.js: the editor opens there.
    const QList<QByteArray> lines = readAll(code->filePath()).split('\n');
    int expected = -1;
    for (int i = 0; i < lines.size() && expected < 0; ++i)
        if (lines[i].startsWith("exports.health"))
            expected = i;
    QVERIFY(expected > 0);
    QCOMPARE(code->handlerLine(), expected);
    QCOMPARE(code->cursorLine(), expected);
    // The folder's files are listed; opening another asks first when the code is edited.
    auto *files = code->findChild<QTreeView *>(QStringLiteral("codeFiles"));
    QTRY_VERIFY_WITH_TIMEOUT(files->model()->rowCount(files->rootIndex()) >= 1, 5000);
    QCOMPARE(files->rootIndex().data(QFileSystemModel::FilePathRole).toString(), QFileInfo(code->filePath()).absolutePath());
    const QString other = QDir(QFileInfo(code->filePath()).absolutePath()).filePath(QStringLiteral("notes.txt"));
    QFile note(other);
    QVERIFY(note.open(QIODevice::WriteOnly));
    note.write("hello\n");
    note.close();
    codeText(window)->insertAt(QStringLiteral("// edit\n"), 0, 0);
    emit code->openRequested(other);
    QCOMPARE(asked, QStringList{QStringLiteral("Unsaved code")});
    QVERIFY(code->filePath().endsWith(QLatin1String("app.js"))); // kept
    codeText(window)->setModified(false);
    emit code->openRequested(other);
    QCOMPARE(code->filePath(), other);
    QCOMPARE(codeText(window)->text(), QStringLiteral("hello\n"));
}

void TestUiSmoke::renameCarriesReferences()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    QString error;
    const ItemId catalog = sample.document.project().findFunction("catalog")->itemId;
    QVERIFY2(window.renameItem(catalog, QStringLiteral("products"), &error), qPrintable(error));
    QVERIFY(sample.document.project().findFunction("products"));
    for (const Integration &i : sample.document.project().apis[0].integrations())
        QVERIFY(functionNameFromReference(i.function.value_or("")) != "catalog"); // the integrations follow
    const ItemId orders = sample.document.project().apis[0].integrations()[0].itemId;
    const std::string oldId = sample.document.project().apis[0].integrations()[0].id;
    QVERIFY2(window.renameItem(orders, QStringLiteral("orders-lambda"), &error), qPrintable(error));
    for (const Route &r : sample.document.project().apis[0].routes())
        QVERIFY(r.integration != oldId); // and the routes
    QCOMPARE(sample.document.undoStack()->count(), 2);
    // A name that clashes is refused with the reason, and changes nothing.
    const ItemId health = sample.document.project().findFunction("health")->itemId;
    QVERIFY(!window.renameItem(health, QStringLiteral("orders"), &error));
    QVERIFY2(error.contains(QLatin1String("orders")), qPrintable(error));
    QCOMPARE(sample.document.undoStack()->count(), 2);
    sample.document.undoStack()->undo();
    sample.document.undoStack()->undo();
    QCOMPARE(sample.document.serialized(), readAll(sample.document.filePath()));
}

void TestUiSmoke::keyboardOnlyWalkthrough()
{
    // A user without a mouse: go to a route with Ctrl+K, Tab to its path, change it, save with Ctrl+S.
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(window.commandPalette() && window.commandPalette()->isVisible());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("delete orderid"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    QCOMPARE(tree->currentIndex().data(ProjectTreeModel::NameRole).toString(), QStringLiteral("DELETE /orders/{orderId}"));
    QTRY_VERIFY(tree->hasFocus());
    // The offscreen platform has no window manager to hand the focus back from the closed palette.
    window.activateWindow();
    QTRY_COMPARE(QGuiApplication::focusWindow(), window.windowHandle());
    QVERIFY(!QApplication::activeModalWidget()); // nothing blocks the window's shortcuts
    // Into the page with Tab until the path field has the focus (the page's order, no mouse).
    auto *path = window.findChild<QLineEdit *>(QStringLiteral("path"));
    for (int i = 0; i < 40 && !path->hasFocus(); ++i)
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QVERIFY(path->hasFocus());
    path->selectAll();
    QTest::keyClicks(path, QStringLiteral("/orders/{id}/cancel"));
    QTest::keyClick(path, Qt::Key_Return);
    QVERIFY(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("DELETE /orders/{id}/cancel")).isValid());
    // Back in the explorer (in a text field Ctrl+Z undoes the typing): Ctrl+2 shows Problems, Ctrl+Z
    // undoes, Ctrl+Shift+Z redoes, Ctrl+S saves.
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.findChild<QTabWidget *>(QStringLiteral("bottomTabs"))->currentWidget(), window.problemsView());
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("DELETE /orders/{orderId}")).isValid());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("DELETE /orders/{id}/cancel")).isValid());
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(!sample.document.isModified());
}

void TestUiSmoke::templatePreviewTakesItsSampleFromTheTraffic()
{
    // A request the gateway served, picked from "From traffic", becomes the preview's sample: its
    // path parameter, query string, headers and $context, so a template is tried on real traffic.
    SampleWindow rest(writeRestProject, 64 * 1024);
    QVERIFY2(rest.opened() && QTest::qWaitForWindowExposed(rest.window.get()), qPrintable(rest.error));
    MainWindow &window = *rest.window;
    auto *editor = rest.pageOf<MethodEditor>(findInTree(window.treeModel(), QStringLiteral("method"), QStringLiteral("GET /pets/{petId}")));
    QVERIFY(editor);
    QTest::mouseClick(editor->executionView()->findChild<QToolButton *>(QStringLiteral("part-1")), Qt::LeftButton);
    TemplatePreviewPanel *panel = editor->requestTemplates();
    QTRY_VERIFY(panel->isVisible());
    QMenu *menu = panel->fromTrafficButton()->menu();
    emit menu->aboutToShow();
    QCOMPARE(menu->actions().size(), 1);
    QVERIFY(!menu->actions().first()->isEnabled()); // nothing served yet: it says so
    window.startGateway();
    QTRY_VERIFY_WITH_TIMEOUT(!rest.gateway.endpoints().isEmpty(), 10000);
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(rest.gateway.endpoints().first().url + QStringLiteral("/pets/5?q=a%20b&q=last")));
    request.setRawHeader("X-Owner", "ana");
    request.setRawHeader("User-Agent", "traffic-test/1.0");
    QNetworkReply *reply = nam.get(request);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    QTRY_VERIFY_WITH_TIMEOUT(window.accessLogModel()->rowCount() >= 1, 5000);
    emit menu->aboutToShow();
    QCOMPARE(menu->actions().size(), 1);
    QAction *logged = menu->actions().first();
    QVERIFY2(logged->isEnabled() && logged->text().contains(QLatin1String("GET /dev/pets/5?q=a%20b&q=last  200")), qPrintable(logged->text()));
    logged->trigger();
    const Json sample = Json::parse(panel->sample().toStdString());
    QVERIFY2(sample["path"] == Json({{"petId", "5"}}), sample.dump().c_str());
    QVERIFY2(sample["querystring"] == Json({{"q", "last"}}), sample.dump().c_str()); // the last value, as $input.params() keeps it
    QVERIFY2(sample["headers"].value("X-Owner", "") == "ana", sample.dump().c_str());
    QVERIFY2(sample["context"]["stage"] == "dev", sample.dump().c_str());
    QVERIFY2(sample["stageVariables"] == Json({{"tier", "gold"}}), sample.dump().c_str());
    auto *text = panel->findChild<QsciScintilla *>(QStringLiteral("templateText"));
    text->setText(QStringLiteral("$input.params('petId') $input.params().querystring.q $input.params('X-Owner') "
                                 "$context.identity.userAgent $context.resourcePath $stageVariables.tier"));
    panel->refreshPreview();
    QCOMPARE(panel->previewOutput(), QStringLiteral("5 last ana traffic-test/1.0 /pets/{petId} gold"));
    // The request's id in $context is the logged one, the id its answer carried.
    text->setText(QStringLiteral("$context.requestId"));
    panel->refreshPreview();
    QCOMPARE(panel->previewOutput(), QString::fromLatin1(window.accessLogModel()->entryAt(0).requestId));
}

void TestUiSmoke::restMethodPageShowsTheExecutionAndPreviewsTemplates()
{
    // A REST method as the console draws it (Method Request → Integration Request → backend →
    // Integration Response → Method Response); its templates render live on a sample request,
    // errors with their line and column; a template typed is one undo step.
    SampleWindow rest(writeRestProject);
    QVERIFY2(rest.opened() && QTest::qWaitForWindowExposed(rest.window.get()), qPrintable(rest.error));
    MainWindow &window = *rest.window;
    ProjectDocument &document = rest.document;
    QString error;
    auto *editor = rest.pageOf<MethodEditor>(findInTree(window.treeModel(), QStringLiteral("method"), QStringLiteral("GET /pets/{petId}")));
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    const QStringList boxes = editor->executionView()->boxTexts();
    QCOMPARE(boxes.size(), 5);
    QVERIFY2(boxes[0].startsWith(QLatin1String("Method Request\nAuth: NONE")) && boxes[0].contains(QLatin1String("validates body and parameters")),
             qPrintable(boxes[0]));
    QVERIFY2(boxes[1].contains(QLatin1String("MOCK")) && boxes[1].contains(QLatin1String("application/json")), qPrintable(boxes[1]));
    QVERIFY2(boxes[2].contains(QLatin1String("Mock")), qPrintable(boxes[2]));
    QVERIFY2(boxes[3].contains(QLatin1String("200 default")) && boxes[3].contains(QLatin1String("404 /4\\d\\d/")), qPrintable(boxes[3]));
    QVERIFY2(boxes[4].contains(QLatin1String("200, 404")), qPrintable(boxes[4]));

    // The integration response's template, rendered on the sample (path parameter petId = 1).
    QTest::mouseClick(editor->executionView()->findChild<QToolButton *>(QStringLiteral("part-3")), Qt::LeftButton);
    TemplatePreviewPanel *response = editor->responseTemplates();
    QTRY_VERIFY(response->isVisible());
    QCOMPARE(response->previewOutput(), QStringLiteral(R"({"id": "1"})"));
    // Typing a template: the preview follows at once, the project after the pause, as one step.
    const int steps = document.undoStack()->count();
    auto *text = response->findChild<QsciScintilla *>(QStringLiteral("templateText"));
    text->setText(QStringLiteral("#set($n = $input.path('$.items').size())\nitems: $n, tier $stageVariables.tier"));
    response->refreshPreview();
    QCOMPARE(response->previewOutput(), QStringLiteral("items: 3, tier gold"));
    text->setText(QStringLiteral("ok\n#foreach($i in [1])"));
    response->refreshPreview();
    QCOMPARE(response->previewError(), QStringLiteral("line 2, column 1: #foreach is not closed with #end"));
    text->setText(QStringLiteral("$input.json('$.id')"));
    QTRY_COMPARE_WITH_TIMEOUT(findMethodItem(document.project(), editor->item())->integration->integrationResponses[0].responseTemplates.at("application/json"),
                              std::string("$input.json('$.id')"), 3000);
    QCOMPARE(document.undoStack()->count(), steps + 1);
    QCOMPARE(response->previewOutput(), QStringLiteral(R"("1")"));
    // The box follows the project; undo takes the template back.
    document.undoStack()->undo();
    QCOMPARE(findMethodItem(document.project(), editor->item())->integration->integrationResponses[0].responseTemplates.at("application/json"),
             std::string("{\"id\": \"$input.params('petId')\"}"));
    // A part's JSON: the method request's validator removed, and the box says so.
    QTest::mouseClick(editor->executionView()->findChild<QToolButton *>(QStringLiteral("part-0")), Qt::LeftButton);
    PartJsonEdit *request = editor->partJson(MethodExecutionView::MethodRequest);
    request->setText(QStringLiteral(R"({"authorizationType": "NONE", "apiKeyRequired": true, "requestValidator": null})"));
    request->applyNow();
    QCOMPARE(request->problem(), QString());
    QTRY_VERIFY(editor->executionView()->boxTexts()[0].contains(QLatin1String("API key: required")));
    QVERIFY(editor->executionView()->boxTexts()[0].contains(QLatin1String("no validator")));
    // A value of the wrong type is refused with the reason, and nothing changes.
    request->setText(QStringLiteral(R"({"apiKeyRequired": "yes"})"));
    request->applyNow();
    QVERIFY2(request->problem().contains(QLatin1String("boolean")), qPrintable(request->problem()));
    QVERIFY(findMethodItem(document.project(), editor->item())->apiKeyRequired);
    // Velocity highlighting: directive, reference, string inside a directive, comment; JSON quotes
    // in plain text stay text.
    using S = VelocityLexer::Style;
    const std::vector<S> styles = VelocityLexer::stylesOf("#set($a = 'x') \"k\": $!{b} ## c\n#* d *#");
    QCOMPARE(styles[0], S::Directive);
    QCOMPARE(styles[5], S::Reference);
    QCOMPARE(styles[10], S::String);
    QCOMPARE(styles[15], S::Default);
    QCOMPARE(styles[20], S::Reference);
    QCOMPARE(styles[25], S::Default);
    QCOMPARE(styles[26], S::Comment);
    QCOMPARE(styles.back(), S::Comment);
    const QString out = qEnvironmentVariable("GW_SCREENSHOTS_DIR");
    if (!out.isEmpty()) {
        QTest::mouseClick(editor->executionView()->findChild<QToolButton *>(QStringLiteral("part-1")), Qt::LeftButton);
        QTest::qWait(150);
        QVERIFY(window.grab().save(QDir(out).filePath(QStringLiteral("rest-method%1.png").arg(window.devicePixelRatio() > 1.5 ? QStringLiteral("@2x") : QString()))));
    }
}

void TestUiSmoke::restStagePageDeploysAndRollsBack()
{
    // The stage page deploys as the console does: the stage then serves the snapshot while the
    // design changes; a broken design is refused; rollback and "design live" are one step each.
    SampleWindow rest(writeRestProject);
    QVERIFY2(rest.opened() && QTest::qWaitForWindowExposed(rest.window.get()), qPrintable(rest.error));
    MainWindow &window = *rest.window;
    ProjectDocument &document = rest.document;
    QString error;
    auto *stage = rest.pageOf<StageEditor>(findInTree(window.treeModel(), QStringLiteral("stage"), QStringLiteral("dev")));
    QTRY_VERIFY(stage->isVisible());
    QVERIFY2(stage->servedText().startsWith(QLatin1String("the design, live")), qPrintable(stage->servedText()));
    QVERIFY(!window.findChild<QCheckBox *>(QStringLiteral("autoDeploy"))->isVisible()); // REST: deployments instead
    QVERIFY(stage->deployNow(QStringLiteral("first")));
    const Api &api = document.project().apis[0];
    QCOMPARE(api.rest()->deployments.size(), size_t(1));
    const std::string first = api.rest()->deployments[0].id;
    QCOMPARE(api.stages[0].deployment, std::optional(first));
    QCOMPARE(stage->history()->count(), 1);
    QVERIFY2(stage->history()->item(0)->text().contains(QLatin1String("first")) && stage->history()->item(0)->text().contains(QLatin1String("served")),
             qPrintable(stage->history()->item(0)->text()));
    // Served: the snapshot answers, not the edited design.
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    Project edited = document.project();
    edited.apis[0].rest()->resources[0].methods[0].integration->integrationResponses[0].responseTemplates["application/json"] = "edited";
    QVERIFY(document.apply(edited, QStringLiteral("edit"), &error));
    QNetworkAccessManager nam;
    const auto get = [&]() -> QByteArray {
        QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(window.controller()->endpoints().first().url + QStringLiteral("/pets/5"))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(10000);
        reply->deleteLater();
        return reply->readAll();
    };
    QTest::qWait(1200); // the redeploy after the edit settles
    QTRY_COMPARE_WITH_TIMEOUT(get(), QByteArray(R"({"id": "5"})"), 5000);
    // A broken design is not deployed, and the stage keeps its deployment.
    edited = document.project();
    edited.apis[0].rest()->resources[0].methods[0].integration->requestTemplates["application/json"] = "#if(";
    QVERIFY(document.apply(edited, QStringLiteral("break"), &error));
    QVERIFY(!stage->deployNow(QStringLiteral("broken")));
    QVERIFY2(stage->findChild<QLabel *>(QStringLiteral("problem"))->text().contains(QLatin1String("Not deployed")),
             qPrintable(stage->findChild<QLabel *>(QStringLiteral("problem"))->text()));
    QCOMPARE(document.project().apis[0].rest()->deployments.size(), size_t(1));
    QCOMPARE(document.project().apis[0].stages[0].deployment, std::optional(first));
    // Serve the design live, then roll back to the deployment; undo is one step each.
    QVERIFY(stage->serveDeployment(QString()));
    QCOMPARE(document.project().apis[0].stages[0].deployment, std::optional<std::string>());
    QVERIFY(stage->serveDeployment(QString::fromStdString(first)));
    QCOMPARE(document.project().apis[0].stages[0].deployment, std::optional(first));
    document.undoStack()->undo();
    QCOMPARE(document.project().apis[0].stages[0].deployment, std::optional<std::string>());
    // A canary: deployed with its share, then promoted (the stage serves it, the canary is gone).
    edited = document.project();
    edited.apis[0].rest()->resources[0].methods[0].integration->requestTemplates["application/json"] = "{\"statusCode\": 200}";
    QVERIFY(document.apply(edited, QStringLiteral("mend"), &error));
    QVERIFY(stage->deployNow(QString(), 25.0));
    const Stage &withCanary = document.project().apis[0].stages[0];
    QVERIFY(withCanary.canarySettings);
    QCOMPARE(withCanary.canarySettings->percentTraffic, 25.0);
    const std::string canary = withCanary.canarySettings->deploymentId;
    QVERIFY2(stage->servedText().contains(QLatin1String("takes 25% of requests")), qPrintable(stage->servedText()));
    // Its share and its own stage variables are fields of the page while it exists; each edit is a step.
    auto *share = stage->findChild<QDoubleSpinBox *>(QStringLiteral("canaryPercent"));
    auto *canaryVariables = stage->findChild<KeyValueTable *>(QStringLiteral("canaryVariables"));
    QVERIFY(share && canaryVariables);
    QTRY_VERIFY(share->isVisible() && canaryVariables->isVisible());
    QCOMPARE(share->value(), 25.0);
    const int beforeShare = document.undoStack()->count();
    share->setValue(40);
    emit share->editingFinished();
    QCOMPARE(document.project().apis[0].stages[0].canarySettings->percentTraffic, 40.0);
    QTRY_VERIFY2(stage->servedText().contains(QLatin1String("takes 40% of requests")), qPrintable(stage->servedText()));
    emit canaryVariables->edited({{"tier", "canary"}});
    QVERIFY(document.project().apis[0].stages[0].canarySettings->stageVariableOverrides == (StringMap{{"tier", "canary"}}));
    QCOMPARE(document.undoStack()->count(), beforeShare + 2);
    document.undoStack()->undo();
    QVERIFY(document.project().apis[0].stages[0].canarySettings->stageVariableOverrides.empty());
    QVERIFY(stage->promoteCanary());
    QCOMPARE(document.project().apis[0].stages[0].deployment, std::optional(canary));
    QVERIFY(!document.project().apis[0].stages[0].canarySettings);
    QTRY_VERIFY(!share->isVisible()); // no canary: no canary fields
    if (const QString out = qEnvironmentVariable("GW_SCREENSHOTS_DIR"); !out.isEmpty()) {
        QTest::qWait(150);
        QVERIFY(window.grab().save(QDir(out).filePath(QStringLiteral("rest-stage%1.png").arg(window.devicePixelRatio() > 1.5 ? QStringLiteral("@2x") : QString()))));
    }
    window.stopGateway();
}

void TestUiSmoke::webSocketApiIsServedFromTheWindow()
{
    // Run from the window, a WebSocket API answers at the ws:// URL the status bar shows, and a
    // message to a route without a two-way response gets nothing back but keeps the connection.
    SampleWindow chat(writeWebSocketProject);
    QVERIFY2(chat.opened(), qPrintable(chat.error));
    MainWindow &window = *chat.window;
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    const QString url = chat.gateway.endpoints().first().url;
    QVERIFY2(url.startsWith(QLatin1String("ws://127.0.0.1:")) && url.endsWith(QLatin1String("/dev")), qPrintable(url));
    QWebSocket client;
    QSignalSpy connected(&client, &QWebSocket::connected);
    client.open(QUrl(url));
    QVERIFY(connected.wait(10000));
    client.sendTextMessage(QStringLiteral(R"({"action": "join"})"));
    QTest::qWait(200);
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    if (const QString out = qEnvironmentVariable("GW_SCREENSHOTS_DIR"); !out.isEmpty()) {
        window.findChild<QTreeView *>(QStringLiteral("projectTree"))->expandAll();
        QTest::qWait(150);
        QVERIFY(window.grab().save(QDir(out).filePath(QStringLiteral("websocket-api.png"))));
    }
    client.close();
    window.stopGateway();
}

void TestUiSmoke::webSocketSessionsAndClientInTheWindow()
{
    // The window's own client connects over wss:// (trusting the local CA), sends a message the
    // preview says goes to "echo"; the Sessions view shows the connection and its frames, the
    // inbound one with its route, integration latency and the function's log line; pushes and a
    // disconnect from the window reach the client.
    SampleWindow live(writeEchoWebSocketProject);
    QVERIFY2(live.opened(), qPrintable(live.error));
    MainWindow &window = *live.window;
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    WebSocketClientPanel *client = window.webSocketClient();
    QTRY_COMPARE_WITH_TIMEOUT(client->urlBox()->count(), 2, 5000);
    const QString url = live.gateway.endpoints().first().url;
    QCOMPARE(client->urlBox()->itemText(0), url);
    const QString secure = client->urlBox()->itemText(1);
    QVERIFY2(secure.startsWith(QLatin1String("wss://127.0.0.1:")), qPrintable(secure));
    client->urlBox()->setCurrentIndex(1);
    client->editor()->setText(QStringLiteral(R"({"action": "echo", "n": 1})"));
    QCOMPARE(client->routePreview()->text(), QStringLiteral("Matches route echo"));
    client->editor()->setText(QStringLiteral("not json"));
    QCOMPARE(client->routePreview()->text(), QStringLiteral("Not a JSON object: goes to $default"));
    client->editor()->setText(QStringLiteral(R"({"action": "echo", "n": 1})"));
    client->connectTo(secure);
    QTRY_VERIFY2_WITH_TIMEOUT(client->isConnected(), qPrintable(client->statusLabel()->text()), 10000);

    WebSocketSessionsPanel *sessions = window.webSocketSessions();
    QTRY_COMPARE_WITH_TIMEOUT(sessions->sessions()->rowCount(), 1, 5000);
    QCOMPARE(sessions->sessions()->sessionAt(0).apiKey, QStringLiteral("live"));
    QVERIFY(sessions->sessions()->sessionAt(0).open);
    QTRY_COMPARE_WITH_TIMEOUT(window.bottomTabs()->tabText(window.bottomTabs()->indexOf(window.findChild<QTabWidget *>(QStringLiteral("webSocketTabs")))),
                              QStringLiteral("WebSockets (1)"), 5000);
    QVERIFY(client->send(client->editor()->text()));
    QTRY_COMPARE_WITH_TIMEOUT(client->frames()->rowCount(), 2, 30000);
    QCOMPARE(client->frames()->frameAt(0).routeKey, QByteArray("echo")); // as the preview said
    QCOMPARE(client->frames()->frameAt(1).text, QByteArray(R"({"echo": "{\"action\": \"echo\", \"n\": 1}"})"));

    WebSocketFramesModel *frames = sessions->frames();
    QTRY_COMPARE_WITH_TIMEOUT(frames->rowCount(), 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(frames->frameAt(0).routeKey, QByteArray("echo"), 5000);
    QCOMPARE(frames->frameAt(0).direction, WebSocketFrame::Direction::In);
    QVERIFY(frames->frameAt(0).integrationMs >= 0);
    QVERIFY2(frames->frameAt(0).executionLog.contains(QLatin1String("echo handler saw echo")), qPrintable(frames->frameAt(0).executionLog));
    QCOMPARE(frames->frameAt(1).direction, WebSocketFrame::Direction::Out);

    // The selected session's frames, pretty-printed with the route and the log in the details.
    window.bottomTabs()->setCurrentIndex(window.bottomTabs()->indexOf(window.findChild<QTabWidget *>(QStringLiteral("webSocketTabs"))));
    sessions->sessionsTable()->selectRow(0);
    QCOMPARE(sessions->framesView()->filter()->connection(), sessions->sessions()->sessionAt(0).connectionId);
    sessions->framesView()->table()->selectRow(0);
    const QString details = sessions->framesView()->details()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("Route echo · status 200")) && details.contains(QLatin1String("\"n\": 1")) &&
                 details.contains(QLatin1String("echo handler saw echo")),
             qPrintable(details));

    QVERIFY(sessions->pushToSelected("from the window"));
    QTRY_COMPARE_WITH_TIMEOUT(client->frames()->rowCount(), 3, 5000);
    QCOMPARE(client->frames()->frameAt(2).text, QByteArray("from the window"));
    QCOMPARE(sessions->pushToAll("to everyone"), 1);
    QTRY_COMPARE_WITH_TIMEOUT(client->frames()->rowCount(), 4, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(sessions->sessions()->sessionAt(0).messagesOut, quint64(3), 5000);
    QCOMPARE(sessions->sessions()->sessionAt(0).messagesIn, quint64(1));
    // Filters: by text, then by route.
    sessions->framesView()->findChild<QLineEdit *>(QStringLiteral("frameSearch"))->setText(QStringLiteral("everyone"));
    QCOMPARE(sessions->framesView()->filter()->rowCount(), 1);
    sessions->framesView()->findChild<QLineEdit *>(QStringLiteral("frameSearch"))->clear();
    auto *route = sessions->framesView()->findChild<QComboBox *>(QStringLiteral("frameRouteFilter"));
    route->setCurrentIndex(route->findData(QStringLiteral("echo")));
    QCOMPARE(sessions->framesView()->filter()->rowCount(), 1);
    route->setCurrentIndex(0);

    if (const QString out = qEnvironmentVariable("GW_SCREENSHOTS_DIR"); !out.isEmpty()) {
        sessions->framesView()->table()->selectRow(0);
        QTest::qWait(150);
        QVERIFY(window.grab().save(QDir(out).filePath(
            QStringLiteral("websocket-sessions%1.png").arg(window.devicePixelRatio() > 1.5 ? QStringLiteral("@2x") : QString()))));
        window.findChild<QTabWidget *>(QStringLiteral("webSocketTabs"))->setCurrentWidget(client);
        client->framesView()->table()->selectRow(1);
        QTest::qWait(150);
        QVERIFY(window.grab().save(QDir(out).filePath(
            QStringLiteral("websocket-client%1.png").arg(window.devicePixelRatio() > 1.5 ? QStringLiteral("@2x") : QString()))));
    }

    QVERIFY(sessions->disconnectSelected());
    QTRY_VERIFY_WITH_TIMEOUT(!client->isConnected(), 10000);
    QCOMPARE(client->statusLabel()->text(), QStringLiteral("Closed 1000 Connection Closed Normally"));
    QTRY_COMPARE_WITH_TIMEOUT(sessions->sessions()->data(sessions->sessions()->index(0, WebSocketSessionsModel::State)).toString(),
                              QStringLiteral("Closed 1000 Connection Closed Normally"), 5000);
    QVERIFY(!sessions->pushToSelected("late")); // gone

    // The CA a browser or wscat trusts for wss://, exported from the window.
    QString error;
    const QString exported = live.dir.filePath(QStringLiteral("exported-ca.pem"));
    QVERIFY2(window.exportLocalCa(exported, &error), qPrintable(error));
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(exported);
    QCOMPARE(certificates.size(), 1);
    QCOMPARE(certificates.first(), QSslCertificate::fromPath(localCertificate().caFile).first());
    QVERIFY(certificates.first().isSelfSigned());
    window.stopGateway();
}

void TestUiSmoke::webSocketClientSignsTheConnectAsTheSdkDoes()
{
    // The client's SigV4 query signing against the AWS SDK's own presigner, for the same URL,
    // credential and time.
    const qint64 when = QDateTime(QDate(2026, 12, 3), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    const QUrl url(QStringLiteral("wss://127.0.0.1:1234/dev?x=1"));
    const QUrl signedUrl = WebSocketClientPanel::signedUrl(
        url, {QStringLiteral("AKIDEXAMPLE"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), QStringLiteral("tok/en+="),
              QStringLiteral("eu-west-1")},
        when);
    QString why;
    const std::optional<QByteArray> sdkOut = runWithSdkSigner(QStringLiteral(R"JS(
new SignatureV4({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'tok/en+=' },
                  region: 'eu-west-1', service: 'execute-api', sha256: Sha256 })
  .presign({ method: 'GET', protocol: 'wss:', hostname: '127.0.0.1', port: 1234, path: '/dev', query: { x: '1' }, headers: { host: '127.0.0.1:1234' } },
           { signingDate: new Date(Date.UTC(2026, 11, 3, 12, 0, 0)), expiresIn: 300 })
  .then(r => console.log(JSON.stringify(r.query)));
)JS"), &why);
    QVERIFY2(sdkOut, qPrintable(why));
    const QJsonObject sdk = QJsonDocument::fromJson(*sdkOut).object();
    QVERIFY(sdk.contains(QStringLiteral("X-Amz-Signature")));
    const QUrlQuery ours(signedUrl);
    QCOMPARE(ours.queryItems(QUrl::FullyDecoded).size(), sdk.size());
    for (auto it = sdk.begin(); it != sdk.end(); ++it)
        QCOMPARE(ours.queryItemValue(it.key(), QUrl::FullyDecoded), it.value().toString());
    QCOMPARE(signedUrl.path(), QStringLiteral("/dev"));
    QCOMPARE(signedUrl.port(), 1234);
}

void TestUiSmoke::sampleLiveChannelPushesOrderChangesToTheClient()
{
    // The bundled sample's live channel, end to end from the window: the client connects to the
    // orders-live stage ($connect stores the connection), an order is created and paid over the
    // HTTP API, and the orders function's pushes through @connections arrive at the client.
    SampleWindow sample;
    QVERIFY2(sample.opened(), qPrintable(sample.error));
    MainWindow &window = *sample.window;
    window.show();
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    QString httpUrl, liveUrl;
    for (const Endpoint &endpoint : sample.gateway.endpoints()) {
        if (endpoint.type == QLatin1String("HTTP"))
            httpUrl = endpoint.url;
        else if (endpoint.apiKey == QLatin1String("orders-live"))
            liveUrl = endpoint.url;
    }
    QVERIFY2(liveUrl.endsWith(QLatin1String("/live")), qPrintable(liveUrl));
    // "Copy as wscat" on a WebSocket route: connect, and send what selects the route.
    const ItemId subscribe = findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("subscribe"))
                                 .data(ProjectTreeModel::ItemIdRole).value<quint64>();
    QCOMPARE(window.curlFor(subscribe), QStringLiteral("wscat -c '%1' -x '{\"action\": \"subscribe\"}'").arg(liveUrl));
    const ItemId connectRoute = findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("$connect"))
                                    .data(ProjectTreeModel::ItemIdRole).value<quint64>();
    QCOMPARE(window.curlFor(connectRoute), QStringLiteral("wscat -c '%1'").arg(liveUrl));
    WebSocketClientPanel *client = window.webSocketClient();
    QTRY_VERIFY_WITH_TIMEOUT(client->urlBox()->findText(liveUrl) >= 0, 5000);
    client->connectTo(liveUrl);
    QTRY_VERIFY2_WITH_TIMEOUT(client->isConnected(), qPrintable(client->statusLabel()->text()), 20000);
    QVERIFY(client->send(QStringLiteral(R"({"action": "hello"})")));
    QTRY_COMPARE_WITH_TIMEOUT(client->frames()->rowCount(), 2, 20000); // the help text ($default)

    QNetworkAccessManager nam;
    const auto send = [&](const QByteArray &verb, const QString &path, const QByteArray &body) {
        QNetworkRequest request(QUrl(httpUrl + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        std::unique_ptr<QNetworkReply> reply(nam.sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        finished.wait(30000);
        return std::make_pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                              QJsonDocument::fromJson(reply->readAll()).object());
    };
    const auto [created, order] = send("POST", QStringLiteral("/orders"), R"({"customerId": "cust-cy", "items": [{"sku": "kb-01", "quantity": 2}]})");
    QCOMPARE(created, 201);
    const QString orderId = order.value(QStringLiteral("orderId")).toString();
    QTRY_COMPARE_WITH_TIMEOUT(client->frames()->rowCount(), 3, 20000);
    QJsonObject pushed = QJsonDocument::fromJson(client->frames()->frameAt(2).text).object();
    QCOMPARE(pushed.value(QStringLiteral("type")).toString(), QStringLiteral("ORDER_CREATED"));
    QCOMPARE(pushed.value(QStringLiteral("order")).toObject().value(QStringLiteral("orderId")).toString(), orderId);

    QCOMPARE(send("PATCH", QStringLiteral("/orders/") + orderId, R"({"status": "PAID"})").first, 200);
    QTRY_COMPARE_WITH_TIMEOUT(client->frames()->rowCount(), 4, 20000);
    pushed = QJsonDocument::fromJson(client->frames()->frameAt(3).text).object();
    QCOMPARE(pushed.value(QStringLiteral("type")).toString(), QStringLiteral("ORDER_STATUS_CHANGED"));
    QCOMPARE(pushed.value(QStringLiteral("order")).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("PAID"));
    QCOMPARE(send("PATCH", QStringLiteral("/orders/") + orderId, R"({"status": "PENDING"})").first, 409); // only forward
    // The Traffic panel's API filter: the live channel's events apart from the shop's requests.
    TrafficPanel *traffic = window.trafficPanel();
    auto *apiStage = traffic->findChild<QComboBox *>(QStringLiteral("apiStageFilter"));
    QCOMPARE(apiStage->count(), 3); // All APIs, orders, orders-live
    QTRY_VERIFY_WITH_TIMEOUT(window.accessLogModel()->rowCount() >= 5, 10000);
    apiStage->setCurrentIndex(apiStage->findText(QStringLiteral("orders-live")));
    const int liveRows = traffic->filter()->rowCount();
    QVERIFY(liveRows >= 2 && liveRows < window.accessLogModel()->rowCount());
    for (int row = 0; row < liveRows; ++row)
        QCOMPARE(window.accessLogModel()->entryAt(traffic->filter()->mapToSource(traffic->filter()->index(row, 0)).row()).apiId,
                 QByteArray("live3m8w2d"));
    apiStage->setCurrentIndex(0);
    QCOMPARE(traffic->filter()->rowCount(), window.accessLogModel()->rowCount());
    // The Sessions view saw the connection and the pushes the function made.
    WebSocketSessionsPanel *sessions = window.webSocketSessions();
    QTRY_COMPARE_WITH_TIMEOUT(sessions->sessions()->rowCount(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(sessions->sessions()->sessionAt(0).messagesOut, quint64(3), 5000);
    // The Metrics tab: the live channel's ConnectCount and MessageCount (the one "hello" the client sent).
    MetricsPanel *metrics = window.metricsPanel();
    auto *metricsApi = metrics->findChild<QComboBox *>(QStringLiteral("metricsApiStage"));
    metricsApi->setCurrentIndex(metricsApi->findText(QStringLiteral("orders-live")));
    metrics->refresh();
    QVERIFY(!metrics->view()->isColumnHidden(MetricsTableModel::Connects));
    QCOMPARE(metrics->table()->index(0, MetricsTableModel::Connects).data(MetricsTableModel::ValueRole).toInt(), 1);
    QCOMPARE(metrics->table()->index(0, MetricsTableModel::Messages).data(MetricsTableModel::ValueRole).toInt(), 1);
    metricsApi->setCurrentIndex(0);
    if (const QString out = qEnvironmentVariable("GW_SCREENSHOTS_DIR"); !out.isEmpty()) {
        window.bottomTabs()->setCurrentIndex(window.bottomTabs()->indexOf(window.findChild<QTabWidget *>(QStringLiteral("webSocketTabs"))));
        window.findChild<QTabWidget *>(QStringLiteral("webSocketTabs"))->setCurrentWidget(client);
        client->framesView()->table()->selectRow(3);
        QTest::qWait(150);
        QVERIFY(window.grab().save(QDir(out).filePath(
            QStringLiteral("sample-live-channel%1.png").arg(window.devicePixelRatio() > 1.5 ? QStringLiteral("@2x") : QString()))));
    }
    client->disconnectFromServer();
    QTRY_VERIFY_WITH_TIMEOUT(!client->isConnected(), 10000);
    window.stopGateway();
}

void TestUiSmoke::consoleSendsRoutesWithVariablesAndFindsTheirTraffic()
{
    // The console against the running sample: a route picked from the explorer fills the request
    // ({{baseUrl}} is the gateway's URL for its API and stage), the answer shows its status and
    // timings, and "Show in Traffic" selects the row the gateway logged for it.
    SampleWindow sample(64 * 1024);
    QVERIFY2(sample.opened(), qPrintable(sample.error));
    MainWindow &window = *sample.window;
    window.resize(1500, 900);
    window.show();
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    RequestConsole *console = window.requestConsole();
    const auto itemOf = [&](const QString &label) {
        return findInTree(window.treeModel(), QStringLiteral("route"), label).data(ProjectTreeModel::ItemIdRole).value<quint64>();
    };
    QVERIFY(window.openInConsole(itemOf(QStringLiteral("POST"))) || window.openInConsole(itemOf(QStringLiteral("POST /orders"))));
    QCOMPARE(console->methodBox()->currentText(), QStringLiteral("POST"));
    QCOMPARE(console->urlEdit()->text(), QStringLiteral("{{baseUrl}}/orders"));
    console->findChild<QsciScintilla *>(QStringLiteral("consoleBody"))
        ->setText(QStringLiteral(R"({"customerId": "cust-console", "items": [{"sku": "kb-01", "quantity": 1}]})"));
    QSignalSpy answered(console->sender(), &ConsoleSender::finished);
    console->send();
    QVERIFY(answered.wait(30000));
    ConsoleResponse response = console->lastResponse();
    QVERIFY2(response.ok, qPrintable(response.error));
    QCOMPARE(response.status, 201);
    QVERIFY2(console->statusLabel()->text().contains(QLatin1String("201 Created")), qPrintable(console->statusLabel()->text()));
    QVERIFY(response.timings.totalNs >= response.timings.firstByteNs && response.timings.firstByteNs > 0);
    QVERIFY2(console->timingsLabel()->text().contains(QLatin1String("first byte")), qPrintable(console->timingsLabel()->text()));
    const QString orderId = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("orderId")).toString();
    QVERIFY(!orderId.isEmpty());
    QVERIFY(console->responseBody()->toPlainText().contains(orderId));
    QVERIFY(!response.requestId().isEmpty());
    // Its row in the traffic, with the same id.
    console->findChild<QPushButton *>(QStringLiteral("consoleShowInTraffic"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(window.trafficPanel()->view()->currentIndex().isValid(), 5000);
    const AccessLogEntry &row = window.accessLogModel()->entryAt(
        window.trafficPanel()->filter()->mapToSource(window.trafficPanel()->view()->currentIndex()).row());
    QCOMPARE(row.requestId, response.requestId());
    QCOMPARE(row.httpMethod, QByteArray("POST"));

    // A path parameter from the Params tab, and a variable from the active environment.
    QVERIFY(window.openInConsole(itemOf(QStringLiteral("GET /orders/{orderId}"))) || window.openInConsole(itemOf(QStringLiteral("GET"))));
    QCOMPARE(console->urlEdit()->text(), QStringLiteral("{{baseUrl}}/orders/{orderId}"));
    QCOMPARE(console->pathParametersTable()->fields().size(), size_t(1));
    console->pathParametersTable()->setFields({{"orderId", "{{order}}"}});
    console->send();
    QVERIFY(!console->sender()->busy()); // refused: {{order}} has no value
    QVERIFY2(console->problemLabel()->isVisible() && console->problemLabel()->text().contains(QLatin1String("{{order}}")),
             qPrintable(console->problemLabel()->text()));
    Project withEnvironment = sample.document.project();
    withEnvironment.console.environments = {{"local", {{"order", orderId.toStdString()}, {"token", "secret-token"}}}};
    withEnvironment.console.activeEnvironment = "local";
    QString error;
    QVERIFY2(sample.document.apply(withEnvironment, QStringLiteral("environment"), &error), qPrintable(error));
    const int deploysBefore = window.controller()->deploys();
    QCOMPARE(console->environmentBox()->currentText(), QStringLiteral("local"));
    console->findChild<QComboBox *>(QStringLiteral("consoleAuthType"))->setCurrentIndex(2); // bearer
    const auto bearerEdits = console->findChildren<QLineEdit *>();
    for (QLineEdit *edit : bearerEdits)
        if (edit->placeholderText().contains(QLatin1String("Bearer")))
            edit->setText(QStringLiteral("{{token}}"));
    console->send();
    QVERIFY(answered.wait(30000));
    response = console->lastResponse();
    QCOMPARE(response.status, 200);
    QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("orderId")).toString(), orderId);
    // Copy as curl: the same request, runnable as it is (real curl, same answer).
    const QString curl = console->curlCommand();
    QVERIFY2(curl.contains(QStringLiteral("/orders/") + orderId) && curl.contains(QLatin1String("--oauth2-bearer secret-token")),
             qPrintable(curl));
    QProcess bash;
    bash.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), curl + QStringLiteral(" -s -o /dev/null -w '%{http_code}'")});
    QVERIFY(bash.waitForFinished(30000));
    QCOMPARE(bash.readAllStandardOutput(), QByteArray("200"));
    // The environment is not part of what the gateway serves: no redeploy for it.
    QTest::qWait(400);
    QCOMPARE(window.controller()->deploys(), deploysBefore);
    // History: newest first, searchable.
    QVERIFY(console->history().entries().size() >= 2);
    QCOMPARE(console->history().entries().front().status, 200);
    console->findChild<QLineEdit *>(QStringLiteral("consoleHistorySearch"))->setText(QStringLiteral("POST"));
    QVERIFY(console->historyList()->count() >= 1);
    for (int i = 0; i < console->historyList()->count(); ++i)
        QVERIFY(console->historyList()->item(i)->text().contains(QLatin1String("POST")));

    // A logged request back into the console, from the Traffic panel.
    window.trafficPanel()->selectRequest(row.requestId);
    auto *open = window.trafficPanel()->findChild<QToolButton *>(QStringLiteral("openInConsole"));
    QVERIFY(open->isEnabled());
    open->click();
    QCOMPARE(console->methodBox()->currentText(), QStringLiteral("POST"));
    QVERIFY2(console->urlEdit()->text().endsWith(QLatin1String("/orders")), qPrintable(console->urlEdit()->text()));
    QVERIFY(console->currentRequest().body.find("cust-console") != std::string::npos);
    if (const QString out = qEnvironmentVariable("GW_SCREENSHOTS_DIR"); !out.isEmpty()) {
        console->send();
        QVERIFY(answered.wait(30000));
        QTest::qWait(150);
        QVERIFY(window.grab().save(QDir(out).filePath(
            QStringLiteral("console-request%1.png").arg(window.devicePixelRatio() > 1.5 ? QStringLiteral("@2x") : QString()))));
    }
    window.stopGateway();
}

void TestUiSmoke::consoleSavesRequestsAndReadsCurl()
{
    // Saved requests live in the project file (its "console" key, plain and stable), in folders;
    // a pasted curl line fills every tab; a bad one says why and changes nothing.
    SampleWindow sample;
    QVERIFY2(sample.opened(), qPrintable(sample.error));
    MainWindow &window = *sample.window;
    RequestConsole *console = window.requestConsole();
    QString error;
    QVERIFY(console->pasteCurl(QStringLiteral("curl -X PATCH 'http://127.0.0.1:8080/orders/42?dry=1' -H 'X-Trace: a' "
                                              "-H 'Content-Type: application/json' --data-raw '{\"status\": \"PAID\"}' -u 'ana:pw'"),
                               &error));
    QCOMPARE(console->methodBox()->currentText(), QStringLiteral("PATCH"));
    QCOMPARE(console->urlEdit()->text(), QStringLiteral("http://127.0.0.1:8080/orders/42?dry=1"));
    ConsoleRequest r = console->currentRequest();
    QCOMPARE(r.headers.size(), size_t(2));
    QCOMPARE(r.bodyMode, std::string("json"));
    QCOMPARE(r.auth.type, std::string("basic"));
    QCOMPARE(r.auth.username, std::string("ana"));
    auto *query = console->findChild<FieldTable *>(QStringLiteral("consoleQuery"));
    QCOMPARE(query->fields().size(), size_t(1));
    QCOMPARE(query->fields()[0].name, std::string("dry"));
    QVERIFY(!console->pasteCurl(QStringLiteral("curl 'http://unclosed"), &error));
    QVERIFY2(error.contains(QLatin1String("quote")), qPrintable(error));
    QCOMPARE(console->urlEdit()->text(), QStringLiteral("http://127.0.0.1:8080/orders/42?dry=1")); // unchanged
    // A curl line pasted into the URL field is read the same way; typed, it is left alone until it is one.
    console->urlEdit()->setFocus();
    console->urlEdit()->selectAll();
    QApplication::clipboard()->setText(QStringLiteral("curl -H 'X-One: 1' http://127.0.0.1:8080/health"));
    QTest::keyClick(console->urlEdit(), Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(console->urlEdit()->text(), QStringLiteral("http://127.0.0.1:8080/health"));
    QCOMPARE(console->currentRequest().headers.size(), size_t(1));
    console->urlEdit()->selectAll();
    QTest::keyClicks(console->urlEdit(), QStringLiteral("curl -H 'X"));
    QCOMPARE(console->urlEdit()->text(), QStringLiteral("curl -H 'X"));

    QVERIFY(console->pasteCurl(QStringLiteral("curl -X PATCH 'http://127.0.0.1:8080/orders/42' -H 'X-Trace: a'"), &error));
    QVERIFY2(console->saveToCollection(QStringLiteral("Pay order"), QStringLiteral("orders/write"), &error), qPrintable(error));
    QVERIFY(console->savedItem() != kNoItem);
    QCOMPARE(sample.document.project().console.requests.size(), size_t(1));
    QTreeWidget *tree = console->collectionTree();
    QCOMPARE(tree->topLevelItemCount(), 1);
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("orders"));
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), QStringLiteral("write"));
    QCOMPARE(tree->topLevelItem(0)->child(0)->child(0)->text(0), QStringLiteral("Pay order"));
    // Saving again updates the same entry; undo takes it back.
    console->urlEdit()->setText(QStringLiteral("http://127.0.0.1:8080/orders/43"));
    QVERIFY(console->saveToCollection({}, {}, &error));
    QCOMPARE(sample.document.project().console.requests.size(), size_t(1));
    QCOMPARE(sample.document.project().console.requests[0].url, std::string("http://127.0.0.1:8080/orders/43"));
    sample.document.undoStack()->undo();
    QCOMPARE(sample.document.project().console.requests[0].url, std::string("http://127.0.0.1:8080/orders/42"));
    QVERIFY(sample.document.save(&error));
    QFile file(sample.document.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const nlohmann::json saved = nlohmann::json::parse(file.readAll().toStdString());
    QVERIFY(saved["console"]["requests"][0] ==
            (nlohmann::json{{"name", "Pay order"}, {"folder", "orders/write"}, {"method", "PATCH"},
                            {"url", "http://127.0.0.1:8080/orders/42"}, {"headers", {{{"name", "X-Trace"}, {"value", "a"}}}}}));
    // It opens again in a new document, and from the tree.
    ProjectDocument again;
    QVERIFY2(again.open(sample.document.filePath(), &error), qPrintable(error));
    QCOMPARE(again.project().console.requests.size(), size_t(1));
    console->pasteCurl(QStringLiteral("curl http://127.0.0.1:1/other"), &error);
    emit tree->itemActivated(tree->topLevelItem(0)->child(0)->child(0), 0);
    QCOMPARE(console->urlEdit()->text(), QStringLiteral("http://127.0.0.1:8080/orders/42"));
    QCOMPARE(console->methodBox()->currentText(), QStringLiteral("PATCH"));
}

void TestUiSmoke::consoleLoadRunCountsStatusesAndStops()
{
    // The load generator against the running sample: the counts match what the gateway logged,
    // 404s are counted apart, Stop ends a long run at once, and the summary is kept beside the
    // saved request.
    SampleWindow sample;
    QVERIFY2(sample.opened(), qPrintable(sample.error));
    MainWindow &window = *sample.window;
    window.show();
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    RequestConsole *console = window.requestConsole();
    QString error;
    QVERIFY(console->pasteCurl(QStringLiteral("curl {{baseUrl}}/no-such-route"), &error));
    QVERIFY(console->saveToCollection(QStringLiteral("missing"), {}, &error));
    console->loadRequests()->setValue(300);
    console->loadConcurrency()->setValue(6);
    const int rowsBefore = window.accessLogModel()->rowCount();
    QSignalSpy done(console->loadGenerator(), &LoadGenerator::finished);
    QVERIFY2(console->startLoadRun(&error), qPrintable(error));
    QVERIFY(done.wait(60000));
    LoadRunSnapshot s = console->loadGenerator()->last();
    QVERIFY(s.finished && !s.stopped);
    QCOMPARE(s.completed, qint64(300));
    QCOMPARE(s.statuses.size(), size_t(1));
    QCOMPARE(s.statuses.at(404), qint64(300));
    QCOMPARE(s.histogram.total, quint64(300));
    QVERIFY(s.p50Us > 0 && s.p50Us <= s.p90Us && s.p90Us <= s.p99Us && s.p99Us <= s.maxUs);
    QCOMPARE(console->loadProgress()->value(), 1000);
    QVERIFY2(console->loadStatusCounts()->text().contains(QStringLiteral("404 × 300")), qPrintable(console->loadStatusCounts()->text()));
    QTRY_COMPARE_WITH_TIMEOUT(window.accessLogModel()->rowCount() - rowsBefore, 300, 10000);
    const nlohmann::json summary = *sample.document.project().console.requests.at(0).lastLoadRun;
    QVERIFY2(summary["completed"] == 300 && summary["statuses"]["404"] == 300, summary.dump().c_str());
    QVERIFY(summary["latencyMs"]["p50"].get<double>() > 0);
    if (const QString out = qEnvironmentVariable("GW_SCREENSHOTS_DIR"); !out.isEmpty()) {
        QTest::qWait(150); // at the window's default size, as a new user first sees it
        QVERIFY(window.grab().save(QDir(out).filePath(
            QStringLiteral("console-load%1.png").arg(window.devicePixelRatio() > 1.5 ? QStringLiteral("@2x") : QString()))));
    }

    // A long run stops when asked, and the window answers while it runs.
    QVERIFY(console->pasteCurl(QStringLiteral("curl {{baseUrl}}/orders"), &error));
    console->loadRequests()->setValue(5'000'000);
    // The sample's orders function has a reserved concurrency of 1: more at once gets Lambda's 429,
    // which an HTTP API answers with 500 (the load view shows those in red). One at a time stays within it.
    console->loadConcurrency()->setValue(1);
    QVERIFY(console->startLoadRun(&error));
    QTRY_VERIFY_WITH_TIMEOUT(console->loadGenerator()->last().completed > 50, 20000);
    console->stopLoadRun();
    QVERIFY(done.wait(10000));
    s = console->loadGenerator()->last();
    QVERIFY(s.stopped);
    QVERIFY(s.completed < 5'000'000);
    QVERIFY2(s.countOfClass(2) == s.completed - s.failures && s.failures == 0,
             qPrintable(console->loadStatusCounts()->text()));
    QVERIFY(!console->loadGenerator()->running());
    window.stopGateway();
}

void TestUiSmoke::metricsCountRoutesAndReadTheSplit()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    MetricsPanel *metrics = window.metricsPanel();
    const qint64 now = 1'764'000'100'000;
    metrics->setClock([now] { return now; });
    QAbstractItemModelTester tester(metrics->table(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QByteArray apiId = QByteArray::fromStdString(sample.document.project().apis[0].apiId);
    auto entry = [&](qint64 agoMs, const char *route, int status, double latencyMs, double integrationMs) {
        AccessLogEntry e;
        e.requestTimeEpochMs = now - agoMs;
        e.apiId = apiId;
        e.stage = "$default";
        e.routeKey = route;
        e.status = status;
        e.responseLatencyMs = latencyMs;
        e.integrationLatencyMs = integrationMs;
        return e;
    };
    QVector<AccessLogEntry> batch;
    for (int i = 0; i < 20; ++i) // slow, and the time is the function's
        batch << entry(i * 1000, "POST /orders", i % 10 == 0 ? 502 : 201, 800, 780);
    for (int i = 0; i < 10; ++i) // slow, and the time is the gateway's
        batch << entry(i * 1000, "GET /orders", i == 0 ? 403 : 200, 450, 15);
    batch << entry(200'000, "GET /health", 200, 1, 0.5); // 200 s ago: outside the last minute
    metrics->append(batch);
    metrics->setSpanSeconds(300);
    metrics->refresh();
    MetricsTableModel *table = metrics->table();
    QCOMPARE(table->rowCount(), 4); // all routes, then GET /health, GET /orders, POST /orders
    const auto cell = [&](int row, int column) { return table->index(row, column).data(MetricsTableModel::ValueRole); };
    QCOMPARE(cell(0, MetricsTableModel::Count).toInt(), 31);
    QCOMPARE(cell(0, MetricsTableModel::ClientErrors).toInt(), 1);
    QCOMPARE(cell(0, MetricsTableModel::ServerErrors).toInt(), 2);
    QCOMPARE(cell(3, MetricsTableModel::Route).toString(), QStringLiteral("POST /orders"));
    QVERIFY(cell(3, MetricsTableModel::LatencyP50).toDouble() >= 800 && cell(3, MetricsTableModel::LatencyP50).toDouble() < 900);
    QVERIFY(cell(2, MetricsTableModel::IntegrationP99).toDouble() < 20);
    metrics->setSpanSeconds(60);
    QCOMPARE(table->rowCount(), 3); // GET /health had nothing in the last minute
    QCOMPARE(cell(0, MetricsTableModel::Count).toInt(), 30);
    QVERIFY(metrics->view()->isColumnHidden(MetricsTableModel::Connects)); // no WebSocket traffic
    // The hint reads the selected row's split.
    metrics->view()->selectRow(2);
    QCOMPARE(table->index(2, MetricsTableModel::Route).data().toString(), QStringLiteral("POST /orders"));
    QVERIFY2(metrics->triageText().contains(QLatin1String("point at the backend")), qPrintable(metrics->triageText()));
    metrics->view()->selectRow(1);
    QVERIFY2(metrics->triageText().contains(QLatin1String("points at the gateway")), qPrintable(metrics->triageText()));
    // Another API's filter has none of them.
    auto *apiStage = metrics->findChild<QComboBox *>(QStringLiteral("metricsApiStage"));
    QVERIFY(apiStage->count() > 1);
    apiStage->setCurrentIndex(apiStage->count() - 1);
    if (apiStage->currentData().toStringList().value(0).toUtf8() != apiId)
        QCOMPARE(cell(0, MetricsTableModel::Count).toInt(), 0);
    apiStage->setCurrentIndex(0);
    // Double-click a route: the Traffic tab shows its rows.
    QSignalSpy toTraffic(metrics, &MetricsPanel::showRouteInTraffic);
    emit metrics->view()->activated(table->index(2, 0));
    QCOMPARE(toTraffic.count(), 1);
    QCOMPARE(toTraffic.first().first().toString(), QStringLiteral("POST /orders"));
    QCOMPARE(window.trafficPanel()->filter()->rowCount(), 0); // none of these went through the log model
    // WebSocket events bring in ConnectCount and MessageCount.
    AccessLogEntry connect = entry(500, "$connect", 200, 3, 2);
    connect.eventType = "CONNECT";
    AccessLogEntry message = entry(400, "sendmessage", 200, 3, 2);
    message.eventType = "MESSAGE";
    AccessLogEntry failed = entry(300, "sendmessage", 502, 3, 2);
    failed.eventType = "MESSAGE";
    failed.outcome = Outcome::MalformedIntegrationResponse;
    metrics->append({connect, message, message, failed});
    metrics->refresh();
    for (int column = MetricsTableModel::Connects; column < MetricsTableModel::ColumnCount; ++column)
        QVERIFY(!metrics->view()->isColumnHidden(column));
    QCOMPARE(cell(0, MetricsTableModel::Connects).toInt(), 1);
    QCOMPARE(cell(0, MetricsTableModel::Messages).toInt(), 3);
    QCOMPARE(cell(0, MetricsTableModel::ExecutionErrors).toInt(), 1);
    QCOMPARE(cell(0, MetricsTableModel::IntegrationErrors).toInt(), 0);
    QCOMPARE(cell(0, MetricsTableModel::WebSocketClientErrors).toInt(), 0);
    QCOMPARE(table->headerData(MetricsTableModel::ExecutionErrors, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Exec. errors"));
}

void TestUiSmoke::trafficExportsShownRowsAsJsonLinesAndHar()
{
    // The Traffic panel writes the rows its filters show: JSON Lines in the default access-log
    // format, and HAR 1.2 that har-validator (npm) accepts, with the bodies the monitor captured.
    SampleWindow sample(64 * 1024);
    QVERIFY2(sample.opened(), qPrintable(sample.error));
    MainWindow &window = *sample.window;
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    QString base;
    for (const Endpoint &endpoint : sample.gateway.endpoints())
        if (endpoint.type == QLatin1String("HTTP"))
            base = endpoint.url;
    QNetworkAccessManager nam;
    QNetworkRequest post(QUrl(base + QStringLiteral("/orders")));
    post.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QByteArray order = R"({"customerId": "cust-export", "items": [{"sku": "ms-02", "quantity": 3}]})";
    for (QNetworkReply *reply : {nam.get(QNetworkRequest(QUrl(base + QStringLiteral("/health")))), nam.post(post, order)}) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(reply->isFinished() || finished.wait(30000));
        reply->deleteLater();
    }
    QTRY_COMPARE_WITH_TIMEOUT(window.accessLogModel()->rowCount(), 2, 10000);
    // The same requests are in the Metrics tab, each under its route.
    window.metricsPanel()->refresh();
    QCOMPARE(window.metricsPanel()->table()->index(0, MetricsTableModel::Count).data(MetricsTableModel::ValueRole).toInt(), 2);
    QCOMPARE(window.metricsPanel()->table()->rowCount(), 3);
    TrafficPanel *traffic = window.trafficPanel();
    const QList<QByteArray> lines = traffic->shownAsJsonLines().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QStringList routes;
    for (const QByteArray &line : lines)
        routes << QJsonDocument::fromJson(line).object().value(QStringLiteral("routeKey")).toString();
    routes.sort();
    QCOMPARE(routes, (QStringList{QStringLiteral("GET /health"), QStringLiteral("POST /orders")}));

    const QString harPath = sample.dir.filePath(QStringLiteral("traffic.har"));
    QFile harFile(harPath);
    QVERIFY(harFile.open(QIODevice::WriteOnly));
    harFile.write(traffic->shownAsHar());
    harFile.close();
    QProcess node;
    node.setProcessEnvironment([] {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NODE_PATH"), QStringLiteral(GW_SOURCE_DIR "/tests/aws_services/node_modules"));
        return env;
    }());
    node.start(QStringLiteral("node"), {QStringLiteral("-e"), QStringLiteral(R"JS(
const har = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
require('har-validator').har(har).then(() => console.log('valid')).catch((e) => { console.log(JSON.stringify(e.errors || String(e))); process.exit(1); });
)JS"), harPath});
    QVERIFY(node.waitForFinished(30000));
    QVERIFY2(node.exitCode() == 0, node.readAllStandardOutput().constData());
    QFile readBack(harPath);
    QVERIFY(readBack.open(QIODevice::ReadOnly));
    const QJsonArray entries = QJsonDocument::fromJson(readBack.readAll()).object().value(QStringLiteral("log")).toObject()
                                   .value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 2);
    bool sawOrder = false;
    for (const QJsonValue &entry : entries) {
        const QJsonObject request = entry.toObject().value(QStringLiteral("request")).toObject();
        if (request.value(QStringLiteral("method")).toString() == QLatin1String("POST"))
            sawOrder = request.value(QStringLiteral("postData")).toObject().value(QStringLiteral("text")).toString().toUtf8() == order;
    }
    QVERIFY(sawOrder);
    // Only what the filters show: the route filter narrows the export too.
    traffic->filter()->setRoute(QStringLiteral("GET /health"));
    QCOMPARE(traffic->shownAsJsonLines().trimmed().split('\n').size(), 1);
    traffic->filter()->setRoute(QString());

    // Replay: the POST goes again as captured (its body and headers), and answers as a new row.
    const AccessLogModel *model = window.accessLogModel();
    int postRow = -1;
    for (int row = 0; row < traffic->filter()->rowCount(); ++row)
        if (model->entryAt(traffic->filter()->mapToSource(traffic->filter()->index(row, 0)).row()).routeKey == "POST /orders")
            postRow = row;
    QVERIFY(postRow >= 0);
    QVERIFY(!traffic->replaySelected()); // nothing selected yet
    traffic->view()->selectRow(postRow);
    QVERIFY(traffic->findChild<QToolButton *>(QStringLiteral("replayRequest"))->isEnabled());
    QVERIFY(traffic->replaySelected());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 20000);
    const AccessLogEntry &replayed = model->entryAt(2);
    QCOMPARE(replayed.routeKey, QByteArray("POST /orders"));
    QCOMPARE(replayed.status, 201); // a new order: the same body made another one
    QVERIFY(replayed.capture && replayed.capture->request.body == order);
    QVERIFY(replayed.requestId != model->entryAt(traffic->filter()->mapToSource(traffic->filter()->index(postRow, 0)).row()).requestId);
    window.stopGateway();
}

void TestUiSmoke::webSocketModelsHoldBurstsWithinTheirBounds()
{
    // Ten thousand frames in one batch, sessions opening and closing past the bound, under the
    // model tester; the oldest closed sessions and frames go first, the newest stay.
    using Kind = WebSocketSessionEvent::Kind;
    WebSocketSessionsModel sessions(10);
    WebSocketFramesModel frames(2500);
    WebSocketFramesFilter filter;
    filter.setSourceModel(&frames);
    QAbstractItemModelTester sessionsTester(&sessions, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester framesTester(&frames, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto event = [](Kind kind, int connection, qint64 time, QByteArray text = {}) {
        WebSocketSessionEvent e;
        e.kind = kind;
        e.apiKey = QStringLiteral("live");
        e.connectionId = "conn-" + QByteArray::number(connection);
        e.stage = "dev";
        e.timeMs = time;
        e.text = std::move(text);
        if (kind == Kind::Received)
            e.messageId = "msg-" + QByteArray::number(time);
        if (kind == Kind::Closed) {
            e.closeCode = 1001;
            e.closeReason = "Going away";
        }
        return e;
    };
    QVector<WebSocketSessionEvent> batch;
    for (int c = 0; c < 40; ++c)
        batch << event(Kind::Opened, c, c);
    batch[39].authorizer = R"({"principalId":"ana","tier":"gold","level":3})";
    for (int i = 0; i < 10000; ++i)
        batch << event(i % 2 ? Kind::Sent : Kind::Received, i % 40, 1000 + i, "frame " + QByteArray::number(i));
    for (int c = 0; c < 30; ++c)
        batch << event(Kind::Closed, c, 20000 + c);
    sessions.apply(batch);
    frames.append(batch);
    // 30 closed: 10 kept (the newest), the 10 open ones stay.
    QCOMPARE(sessions.rowCount(), 20);
    QCOMPARE(sessions.openCount(), 10);
    QCOMPARE(sessions.sessionAt(0).connectionId, QByteArray("conn-20"));
    QVERIFY(!sessions.sessionAt(0).open);
    QCOMPARE(sessions.rowOf("conn-39"), 19);
    // The authorizer's context: principal first, then its entries; a connection without one says so.
    QCOMPARE(sessions.data(sessions.index(19, WebSocketSessionsModel::Authorizer)).toString(), QStringLiteral("ana, level=3, tier=gold"));
    QVERIFY(sessions.data(sessions.index(19, WebSocketSessionsModel::Authorizer), Qt::ToolTipRole).toString().contains(QLatin1String("\"tier\": \"gold\"")));
    QCOMPARE(sessions.data(sessions.index(18, WebSocketSessionsModel::Authorizer)).toString(), QStringLiteral("—"));
    QCOMPARE(sessions.sessionAt(19).messagesIn + sessions.sessionAt(19).messagesOut, quint64(250));
    QCOMPARE(frames.rowCount(), 2500);
    QCOMPARE(frames.frameAt(0).text, QByteArray("frame 7500"));
    QCOMPARE(frames.frameAt(2499).text, QByteArray("frame 9999"));
    // An entry annotates its frame (one that was trimmed away is ignored).
    AccessLogEntry kept, trimmed;
    kept.messageId = "msg-" + QByteArray::number(1000 + 9998);
    kept.routeKey = "echo";
    kept.integrationLatencyMs = 2.5;
    trimmed.messageId = "msg-1000";
    trimmed.routeKey = "lost";
    frames.annotate({kept, trimmed});
    QCOMPARE(frames.frameAt(2498).routeKey, QByteArray("echo"));
    QCOMPARE(frames.data(frames.index(2498, WebSocketFramesModel::Integration)).toString(), QStringLiteral("2.5 ms"));
    filter.setConnection("conn-38");
    QCOMPARE(filter.rowCount(), 63); // 7518, 7558, … 9998
    filter.setRoute(QStringLiteral("echo"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setRoute({});
    filter.setConnection({});
    filter.setText(QStringLiteral("frame 999"));
    QCOMPARE(filter.rowCount(), 10); // frames 9990..9999
    sessions.closeAll("Gateway stopped");
    QCOMPARE(sessions.openCount(), 0);
    QCOMPARE(sessions.rowCount(), 10);
    sessions.clear();
    QCOMPARE(sessions.rowCount(), 0);
}

void TestUiSmoke::restResourcesAreAddedRenamedAndMoved()
{
    // The resource tree as in the console: a child resource, a method, a rename that moves the
    // resources below, each one undo step; what the service would refuse is refused here.
    SampleWindow rest(writeRestProject);
    QVERIFY2(rest.opened(), qPrintable(rest.error));
    MainWindow &window = *rest.window;
    ProjectDocument &document = rest.document;
    const auto paths = [&] {
        QStringList out;
        for (const RestResource &r : document.project().apis[0].rest()->resources) {
            QStringList methods;
            for (const RestMethod &m : r.methods)
                methods << QString::fromStdString(m.httpMethod);
            out << QString::fromStdString(r.path) + QLatin1Char(' ') + methods.join(QLatin1Char(','));
        }
        return out;
    };
    const ItemId api = document.project().apis[0].itemId;
    QString error;
    const ItemId toys = window.addResource(api, QStringLiteral("/pets/{petId}/toys"), &error);
    QVERIFY2(toys != kNoItem, qPrintable(error));
    QVERIFY(findInTree(window.treeModel(), QStringLiteral("method"), QStringLiteral("GET /pets/{petId}/toys")).isValid());
    const ItemId pets = document.project().apis[0].rest()->resources[0].itemId;
    QVERIFY2(window.addMethod(pets, QStringLiteral("post"), &error) != kNoItem, qPrintable(error));
    QCOMPARE(window.addMethod(pets, QStringLiteral("POST"), &error), kNoItem); // there already
    QVERIFY(window.renameItem(pets, QStringLiteral("/animals/{petId}"), &error));
    QCOMPARE(paths(), (QStringList{"/animals/{petId} GET,POST", "/animals/{petId}/toys GET"}));
    const ItemId post = document.project().apis[0].rest()->resources[0].methods[1].itemId;
    QVERIFY(window.renameItem(post, QStringLiteral("put"), &error));
    QVERIFY(!window.renameItem(post, QStringLiteral("FETCH"), &error));
    QVERIFY(!window.renameItem(pets, QStringLiteral("animals"), &error));
    QCOMPARE(window.addResource(api, QStringLiteral("/animals/{petId}"), &error), kNoItem); // a duplicate path
    QVERIFY2(error.contains(QLatin1String("duplicate")), qPrintable(error));
    QCOMPARE(paths(), (QStringList{"/animals/{petId} GET,PUT", "/animals/{petId}/toys GET"}));
    // The new resource's MOCK answers as soon as it is served.
    QVERIFY(findMethodItem(document.project(), toys)->integration);
    // Deleting a resource takes what is under it too, as DeleteResource does, in one undo step.
    QVERIFY2(window.addResource(api, QStringLiteral("/animalsfood"), &error) != kNoItem, qPrintable(error)); // a prefix, not a child
    window.selectItem(document.project().apis[0].rest()->resources[0].itemId);
    window.deleteSelected();
    QCOMPARE(paths(), (QStringList{"/animalsfood GET"}));
    document.undoStack()->undo();
    QCOMPARE(paths(), (QStringList{"/animals/{petId} GET,PUT", "/animals/{petId}/toys GET", "/animalsfood GET"}));
    document.undoStack()->undo(); // the /animalsfood resource
    for (int i = 0; i < 4; ++i)
        document.undoStack()->undo();
    QCOMPARE(paths(), (QStringList{"/pets/{petId} GET"}));
}

void TestUiSmoke::restModelsAreCheckedAsTyped()
{
    // A REST API's page: a model's schema is compiled as a deployment would (draft 4, $refs to
    // the API's models) before it is applied; validators, binary media types and gateway
    // responses are edited beside it.
    SampleWindow rest(writeRestProject);
    QVERIFY2(rest.opened() && QTest::qWaitForWindowExposed(rest.window.get()), qPrintable(rest.error));
    ProjectDocument &document = rest.document;
    auto *page = rest.pageOf<ApiEditor>(findInTree(rest.window->treeModel(), QStringLiteral("api"), QStringLiteral("pets")));
    QTRY_VERIFY(page->schemaEdit()->isVisible());
    QVERIFY(page->addModel(QStringLiteral("Pet")));
    QCOMPARE(page->modelChoice()->currentText(), QStringLiteral("Pet"));
    const auto models = [&] { return document.project().apis[0].rest()->models; };
    QCOMPARE(models().size(), size_t(1));
    page->schemaEdit()->setText(QStringLiteral(R"({"type": "object", "properties": {"tag": {"$ref": "https://apigateway.amazonaws.com/restapis/x/models/Nope"}}})"));
    page->schemaEdit()->applyNow();
    QVERIFY2(page->schemaEdit()->problem().contains(QLatin1String("Nope")), qPrintable(page->schemaEdit()->problem()));
    QCOMPARE(models()[0].schema.value("properties", Json::object()).size(), size_t(0)); // not applied
    page->schemaEdit()->setText(QStringLiteral(R"({"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}})"));
    page->schemaEdit()->applyNow();
    QCOMPARE(page->schemaEdit()->problem(), QString());
    QVERIFY(models()[0].schema["required"] == Json::parse(R"(["name"])"));
    page->restSettingsEdit()->setText(QStringLiteral(R"({"binaryMediaTypes": ["image/png"], "gatewayResponses": {"DEFAULT_4XX": {"statusCode": "418"}}})"));
    page->restSettingsEdit()->applyNow();
    QCOMPARE(page->restSettingsEdit()->problem(), QString());
    QVERIFY(document.project().apis[0].rest()->binaryMediaTypes == std::vector<std::string>{"image/png"});
    QVERIFY(document.project().apis[0].rest()->gatewayResponses["DEFAULT_4XX"]["statusCode"] == Json("418"));
    page->restSettingsEdit()->setText(QStringLiteral(R"({"gatewayResponses": []})"));
    page->restSettingsEdit()->applyNow();
    QVERIFY2(page->restSettingsEdit()->problem().contains(QLatin1String("gatewayResponses")), qPrintable(page->restSettingsEdit()->problem()));
    if (const QString out = qEnvironmentVariable("GW_SCREENSHOTS_DIR"); !out.isEmpty()) {
        QTest::qWait(150);
        QVERIFY(rest.window->grab().save(QDir(out).filePath(QStringLiteral("rest-api%1.png").arg(rest.window->devicePixelRatio() > 1.5 ? QStringLiteral("@2x") : QString()))));
    }
    QVERIFY(page->removeModel());
    QVERIFY(models().empty());
}

void TestUiSmoke::gatewayResponsesAreATableOfTheServicesTypes()
{
    // Every response type the service has, with its default, and the API's own status and
    // template typed into the row; what the gateway then answers is the edited one.
    SampleWindow rest(writeRestProject);
    QVERIFY2(rest.opened() && QTest::qWaitForWindowExposed(rest.window.get()), qPrintable(rest.error));
    ProjectDocument &document = rest.document;
    auto *page = rest.pageOf<ApiEditor>(findInTree(rest.window->treeModel(), QStringLiteral("api"), QStringLiteral("pets")));
    QTRY_VERIFY(page->gatewayResponses()->isVisible());
    QTableWidget *table = page->gatewayResponses()->table();
    QCOMPARE(table->rowCount(), 21); // supported-gateway-response-types.html lists 21
    const auto rowOf = [table](const char *type) {
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, GatewayResponsesTable::Type)->text() == QLatin1String(type))
                return row;
        return -1;
    };
    const int missing = rowOf("MISSING_AUTHENTICATION_TOKEN");
    QVERIFY(missing >= 0 && rowOf("WAF_FILTERED") >= 0 && rowOf("DEFAULT_5XX") >= 0);
    QCOMPARE(table->item(missing, GatewayResponsesTable::Default)->text(), QStringLiteral("403 Missing Authentication Token"));
    const auto responses = [&] { return document.project().apis[0].rest()->gatewayResponses; };
    const int steps = document.undoStack()->count();
    table->item(missing, GatewayResponsesTable::Status)->setText(QStringLiteral("404"));
    table->item(missing, GatewayResponsesTable::Template)->setText(QStringLiteral(R"({"error": "$context.error.message"})"));
    QVERIFY2(responses()["MISSING_AUTHENTICATION_TOKEN"] ==
                 Json::parse(R"({"statusCode": "404", "responseTemplates": {"application/json": "{\"error\": \"$context.error.message\"}"}})"),
             responses().dump().c_str());
    QCOMPARE(document.undoStack()->count(), steps + 2);
    // Not a status code: refused, and the cell says why.
    table->item(missing, GatewayResponsesTable::Status)->setText(QStringLiteral("4x4"));
    QCOMPARE(table->item(missing, GatewayResponsesTable::Status)->text(), QStringLiteral("404"));
    QVERIFY(!table->item(missing, GatewayResponsesTable::Status)->toolTip().isEmpty());
    QVERIFY(responses()["MISSING_AUTHENTICATION_TOKEN"]["statusCode"] == "404");
    // The JSON beside it shows the same, and what it sets shows in the table.
    page->restSettingsEdit()->setText(QStringLiteral(R"({"gatewayResponses": {"DEFAULT_5XX": {"statusCode": "503"}}})"));
    page->restSettingsEdit()->applyNow();
    QCOMPARE(table->item(rowOf("DEFAULT_5XX"), GatewayResponsesTable::Status)->text(), QStringLiteral("503"));
    QCOMPARE(table->item(missing, GatewayResponsesTable::Status)->text(), QString());
    document.undoStack()->undo();
    QTRY_COMPARE(table->item(missing, GatewayResponsesTable::Status)->text(), QStringLiteral("404"));
    if (const QString out = qEnvironmentVariable("GW_SCREENSHOTS_DIR"); !out.isEmpty())
        QVERIFY(page->gatewayResponses()->grab().save(QDir(out).filePath(QStringLiteral("rest-gateway-responses.png"))));
    // Served: an unknown resource answers with the edited response.
    rest.window->startGateway();
    QTRY_VERIFY_WITH_TIMEOUT(!rest.gateway.endpoints().isEmpty(), 10000);
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(rest.gateway.endpoints().first().url + QStringLiteral("/nothing/here"))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    QCOMPARE(reply->readAll(), QByteArray(R"({"error": "Missing Authentication Token"})"));
    reply->deleteLater();
    rest.window->stopGateway();
}

void TestUiSmoke::requestValidatorsAreATable()
{
    // A REST API's validators: what each checks is a checkbox, a new one gets an id of the
    // service's form, and one a method uses is not removed (it says which method).
    SampleWindow rest(writeRestProject);
    QVERIFY2(rest.opened() && QTest::qWaitForWindowExposed(rest.window.get()), qPrintable(rest.error));
    ProjectDocument &document = rest.document;
    auto *page = rest.pageOf<ApiEditor>(findInTree(rest.window->treeModel(), QStringLiteral("api"), QStringLiteral("pets")));
    QTRY_VERIFY(page->requestValidators()->isVisible());
    QTableWidget *table = page->requestValidators()->table();
    const auto validators = [&] { return document.project().apis[0].rest()->requestValidators; };
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, RequestValidatorsTable::Name)->text(), QStringLiteral("all"));
    QCOMPARE(table->item(0, RequestValidatorsTable::Body)->checkState(), Qt::Checked);
    const int steps = document.undoStack()->count();
    table->item(0, RequestValidatorsTable::Body)->setCheckState(Qt::Unchecked);
    QVERIFY(!validators()[0].validateRequestBody && validators()[0].validateRequestParameters);
    QCOMPARE(validators()[0].id, std::string("all")); // the id methods name stays
    page->requestValidators()->addValidator(QStringLiteral("params only"));
    QCOMPARE(validators().size(), size_t(2));
    static const QRegularExpression serviceId(QStringLiteral("^[a-z0-9]{6}$"));
    QVERIFY2(serviceId.match(QString::fromStdString(validators()[1].id)).hasMatch(), validators()[1].id.c_str());
    QCOMPARE(validators()[1].name, std::string("params only"));
    table->setCurrentCell(0, RequestValidatorsTable::Name);
    QVERIFY(!page->requestValidators()->removeCurrent());
    QCOMPARE(validators().size(), size_t(2));
    QVERIFY2(page->problemText().contains(QLatin1String("GET /pets/{petId}")), qPrintable(page->problemText()));
    table->setCurrentCell(1, RequestValidatorsTable::Name);
    QVERIFY(page->requestValidators()->removeCurrent());
    QCOMPARE(validators().size(), size_t(1));
    QCOMPARE(document.undoStack()->count(), steps + 3);
    document.undoStack()->undo();
    QCOMPARE(validators().size(), size_t(2));
    QTRY_COMPARE(table->rowCount(), 2);
}

void TestUiSmoke::theFirstLayoutLeavesTheExplorerRoomBesideTheConsole()
{
    // A newcomer's first window (no saved layout) at the 1280 px the window picks for a small screen:
    // the explorer wide enough to read a route key, the console and the page beside it, on every
    // bottom panel and with a route's page open. The Traffic panel's one-row bar once asked 930 px of
    // the middle and the window took it from the explorer, which was left 70 px wide.
    QSettings().remove(QStringLiteral("window"));
    SampleWindow sample;
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *explorer = window.findChild<QDockWidget *>(QStringLiteral("projectDock"));
    auto *console = window.findChild<QDockWidget *>(QStringLiteral("consoleDock"));
    QVERIFY(explorer && console);
    QTRY_VERIFY(console->isVisible());
    const QModelIndex route = findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /orders/{orderId}"));
    QVERIFY(route.isValid());
    window.findChild<QTreeView *>(QStringLiteral("projectTree"))->setCurrentIndex(route);
    auto *bottom = window.findChild<QTabWidget *>(QStringLiteral("bottomTabs"));
    QVERIFY(bottom);
    const int routeKeyWidth = explorer->fontMetrics().horizontalAdvance(QStringLiteral("GET /orders/{orderId}"));
    for (int tab = 0; tab < bottom->count(); ++tab) {
        bottom->setCurrentIndex(tab);
        QTest::qWait(50);
        const QString where = bottom->tabText(tab);
        QVERIFY2(window.width() <= 1280, qPrintable(QStringLiteral("%1: the window grew to %2 px").arg(where).arg(window.width())));
        QVERIFY2(explorer->width() >= routeKeyWidth + 80,
                 qPrintable(QStringLiteral("%1: explorer %2 px, a route key wants %3").arg(where).arg(explorer->width()).arg(routeKeyWidth + 80)));
        QVERIFY2(console->width() >= 300, qPrintable(QStringLiteral("%1: console %2 px").arg(where).arg(console->width())));
    }
}

void TestUiSmoke::screenshots()
{
    // scripts/screenshots.sh: the README's pictures, rendered from the sample as a user sees it
    // (QT_SCALE_FACTOR=2 gives the 2560×1600 set).
    const QString out = qEnvironmentVariable("GW_SCREENSHOTS_DIR");
    if (out.isEmpty())
        QSKIP("set GW_SCREENSHOTS_DIR to render the screenshots");
    QVERIFY(QDir().mkpath(out));
    SampleWindow sample(64 * 1024);
    QVERIFY(sample.opened());
    MainWindow &window = *sample.window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.startGateway();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), GatewayController::State::Running, 10000);
    QNetworkAccessManager nam;
    const QString base = window.controller()->endpoints().first().url;
    const auto send = [&](const QString &method, const QString &path, const QByteArray &body = {}) {
        QNetworkRequest request(QUrl(base + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = nam.sendCustomRequest(request, method.toLatin1(), body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(20000));
        reply->deleteLater();
    };
    send(QStringLiteral("GET"), QStringLiteral("/orders"));
    send(QStringLiteral("POST"), QStringLiteral("/orders"), R"({"customerId": "c-7", "items": [{"sku": "kb-01", "quantity": 1}]})");
    send(QStringLiteral("GET"), QStringLiteral("/products"));
    send(QStringLiteral("GET"), QStringLiteral("/orders/ord-missing"));
    send(QStringLiteral("GET"), QStringLiteral("/nowhere"));
    QTRY_VERIFY_WITH_TIMEOUT(window.accessLogModel()->rowCount() >= 5, 5000);
    const QString suffix = window.devicePixelRatio() > 1.5 ? QStringLiteral("@2x") : QString();
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("projectTree"));
    auto *bottom = window.findChild<QTabWidget *>(QStringLiteral("bottomTabs"));
    const auto shoot = [&](const QString &name) {
        QTest::qWait(150); // layouts settle
        QVERIFY(window.grab().save(QDir(out).filePath(name + suffix + QStringLiteral(".png"))));
    };
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("POST /orders")));
    window.accessLogView()->selectRow(1);
    shoot(QStringLiteral("route-and-trace"));
    window.requestDetails()->tabs()->setCurrentIndex(3); // the Lambda event
    shoot(QStringLiteral("request-event"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("function"), QStringLiteral("orders")));
    window.findChild<QTabWidget *>(QStringLiteral("documentTabs"))->setCurrentWidget(window.codeEditor());
    shoot(QStringLiteral("function-code"));
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("cors"), QStringLiteral("CORS")));
    window.findChild<QTabWidget *>(QStringLiteral("documentTabs"))->setCurrentIndex(0);
    bottom->setCurrentWidget(window.problemsView());
    shoot(QStringLiteral("cors-and-problems"));
    // Metrics: a few seconds of traffic, the table and the chart of every route.
    for (int second = 0; second < 4; ++second) {
        for (int i = 0; i < 6; ++i) {
            send(QStringLiteral("GET"), QStringLiteral("/orders"));
            send(QStringLiteral("GET"), QStringLiteral("/products"));
        }
        send(QStringLiteral("GET"), QStringLiteral("/nowhere"));
        QTest::qWait(1000);
    }
    bottom->setCurrentWidget(window.metricsPanel());
    window.metricsPanel()->setSpanSeconds(60);
    window.metricsPanel()->refresh();
    shoot(QStringLiteral("metrics"));
    // The dark palette: badges, status colours and the trace must read on it too.
    applyTheme(QStringLiteral("dark"));
    bottom->setCurrentWidget(window.trafficPanel());
    tree->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("POST /orders")));
    window.accessLogView()->selectRow(3);
    shoot(QStringLiteral("dark"));
    applyTheme(QStringLiteral("system"));
}

QTEST_MAIN(TestUiSmoke)
#include "tst_ui_smoke.moc"
