// The designer offscreen: sample project, gateway started, a request, its row in the access log.
#include "designer/item_form.h"
#include "designer/project_tree_model.h"
#include "gateway/gateway.h"
#include "main_window.h"
#include "monitor/access_log_model.h"
#include "project_document.h"
#include "sample_project.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gw;
using namespace gw::ui;

class TestUiSmoke : public QObject {
    Q_OBJECT
private slots:
    void sampleProjectServesAndLogs();
    void accessLogModelRing();
    void editUndoRedo();
};

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
    QVERIFY(window.startGateway());
    QVERIFY(!gateway.endpoints().isEmpty());
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
    window.itemForm()->showItem(QStringLiteral("/apis/0/routes/0"));
    QVERIFY(!window.itemForm()->applyJsonText(QStringLiteral(R"({"routeKey":"FETCH /x"})"), &error));
    QVERIFY(error.contains(QStringLiteral("routeKey")));
    QCOMPARE(document.project().apis[0].routes().size(), before + 1);
    QVERIFY(document.saveAs(dir.filePath(QStringLiteral("saved.gatewright.json")), &error));
    QVERIFY(!document.isModified());
}

QTEST_MAIN(TestUiSmoke)
#include "tst_ui_smoke.moc"
