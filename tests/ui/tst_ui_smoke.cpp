// The designer offscreen: sample project, gateway started, a request, its row in the access log.
#include "designer/code_editor.h"
#include "designer/editors/function_editor.h"
#include "designer/editors/json_item_editor.h"
#include "designer/editors/route_editor.h"
#include "designer/project_tree_model.h"
#include "gateway_controller.h"
#include "gateway/gateway.h"
#include "main_window.h"
#include "monitor/access_log_model.h"
#include "monitor/request_details.h"
#include "monitor/trace_waterfall.h"
#include "project_document.h"
#include "sample_project.h"

#include <QAbstractItemModelTester>
#include <QApplication>
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
#include <QTreeView>
#include <Qsci/qsciscintilla.h>

using namespace gw;
using namespace gw::ui;

namespace {
// The window over a fresh copy of the bundled sample, as a new user gets it.
struct SampleWindow {
    QTemporaryDir dir;
    ProjectDocument document;
    Gateway gateway;
    std::unique_ptr<MainWindow> window;
    QString error;
    SampleWindow()
    {
        if (document.open(installSampleProject(&error, dir.path()), &error))
            window = std::make_unique<MainWindow>(&document, &gateway);
    }
    ~SampleWindow()
    {
        window.reset();
        gateway.stop();
    }
    bool opened() const { return window != nullptr; }
};
} // namespace

class TestUiSmoke : public QObject {
    Q_OBJECT
private slots:
    void sampleProjectServesAndLogs();
    void accessLogModelRing();
    void editUndoRedo();
    void routeEditorEditsAreUndoableSteps();
    void editsDeployOnceAfterABurst();
    void deployErrorsAreShown();
    void waterfallShowsTheRequestsStages();
    void savingCodeRestartsOnlyThatFunction();
    void deleteKeyInTheLogDeletesNothing();

private:
    static QModelIndex findInTree(ProjectTreeModel *model, const QString &kind, const QString &label);
};

QModelIndex TestUiSmoke::findInTree(ProjectTreeModel *model, const QString &kind, const QString &label)
{
    std::function<QModelIndex(const QModelIndex &)> find = [&](const QModelIndex &parent) -> QModelIndex {
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex child = model->index(r, 0, parent);
            if (child.data(ProjectTreeModel::KindRole).toString() == kind && child.data().toString() == label)
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
    // A screenshot for people (and the README) to look at.
    const QString shot = qEnvironmentVariable("GW_SCREENSHOT");
    if (!shot.isEmpty())
        window.grab().save(shot);
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
    Gateway &gateway = sample.gateway;
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
    ProjectDocument &document = sample.document;
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
    Gateway &gateway = sample.gateway;
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
    ProjectDocument &document = sample.document;
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
    const QString shot = qEnvironmentVariable("GW_SCREENSHOT_TRACE");
    if (!shot.isEmpty()) { // the README's picture: a route's page above, the request's trace below
        window.findChild<QTreeView *>(QStringLiteral("projectTree"))
            ->setCurrentIndex(findInTree(window.treeModel(), QStringLiteral("route"), QStringLiteral("GET /orders")));
        QTest::qWait(100); // let the page lay itself out
        window.grab().save(shot);
    }
    reply->deleteLater();
}

void TestUiSmoke::savingCodeRestartsOnlyThatFunction()
{
    SampleWindow sample;
    QVERIFY(sample.opened());
    QString error;
    ProjectDocument &document = sample.document;
    Gateway &gateway = sample.gateway;
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
    QCOMPARE(names, QStringList{QStringLiteral("orders")});
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
    Gateway &gateway = sample.gateway;
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

QTEST_MAIN(TestUiSmoke)
#include "tst_ui_smoke.moc"
