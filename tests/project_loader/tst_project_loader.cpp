// Loading, checking and saving project files: clear errors that say where, and nothing lost.
#include "model/project_loader.h"
#include "model/project_writer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace gw;

class TestProjectLoader : public QObject {
    Q_OBJECT
private slots:
    void sampleLoads();
    void errors_data();
    void errors();
    void arnReferencesResolve();
    void saveRoundTripsAndIsAtomic();
    void newerVersionIsRefused();
};

void TestProjectLoader::sampleLoads()
{
    LoadResult result = loadProjectFile(QStringLiteral(GW_SOURCE_DIR "/resources/samples/orders/orders.gatewright.json"));
    auto *loaded = std::get_if<LoadedProject>(&result);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : std::get<ProjectError>(result).toString()));
    QCOMPARE(loaded->project.apis.size(), size_t(1));
    QVERIFY(loaded->project.apis[0].routes.size() >= 8);
    QVERIFY(loaded->project.functions.size() >= 2);
}

void TestProjectLoader::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("messagePart");
    const QByteArray head = R"({"format":"gatewright-project","version":1,)";
    QTest::newRow("syntax error has line and column") << QByteArray("{\n  \"format\": \"gatewright-project\",\n  oops\n}") << 3 << 3 << "" << "invalid JSON";
    QTest::newRow("truncated file (error at the end of input)") << QByteArray("{\"format\": ") << 1 << 12 << "" << "invalid JSON";
    QTest::newRow("wrong format") << QByteArray(R"({"format":"other","version":1})") << 0 << 0 << "/format" << "";
    QTest::newRow("unknown property (typo)") << head + R"("functoins":[]})" << 0 << 0 << "" << "functoins";
    QTest::newRow("bad route key") << head + R"("apis":[{"id":"a","type":"HTTP","routes":[{"routeKey":"FETCH /x"}]}]})" << 0 << 0
                                   << "/apis/0/routes/0/routeKey" << "";
    QTest::newRow("unknown integration") << head + R"("apis":[{"id":"a","type":"HTTP","routes":[{"routeKey":"GET /x","integration":"i"}]}]})"
                                         << 0 << 0 << "/apis/0/routes/0/integration" << "no integration with id 'i'";
    QTest::newRow("unknown function") << head + R"("apis":[{"id":"a","type":"HTTP","integrations":[{"id":"i","type":"AWS_PROXY","function":"ghost"}]}]})"
                                      << 0 << 0 << "/apis/0/integrations/0/function" << "no function named 'ghost'";
    QTest::newRow("duplicate route") << head + R"("apis":[{"id":"a","type":"HTTP","routes":[{"routeKey":"GET /x"},{"routeKey":"GET /x"}]}]})"
                                     << 0 << 0 << "/apis/0/routes/1/routeKey" << "duplicate route key";
    QTest::newRow("greedy not last") << head + R"("apis":[{"id":"a","type":"HTTP","routes":[{"routeKey":"GET /{p+}/x"}]}]})"
                                     << 0 << 0 << "/apis/0/routes/0/routeKey" << "";
    QTest::newRow("timeout out of range") << head + R"("functions":[{"name":"f","timeout":0}]})" << 0 << 0 << "/functions/0/timeout" << "";
    QTest::newRow("same port twice") << head + R"("apis":[{"id":"a","type":"HTTP","port":8080},{"id":"b","type":"HTTP","port":8080}]})"
                                     << 0 << 0 << "/apis/1/port" << "port 8080";
}

void TestProjectLoader::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, pointer);
    QFETCH(QString, messagePart);
    LoadResult result = parseProject(text, QStringLiteral("broken.gatewright.json"));
    auto *error = std::get_if<ProjectError>(&result);
    QVERIFY2(error, "a broken file must not load");
    QCOMPARE(error->file, QStringLiteral("broken.gatewright.json"));
    QVERIFY(!error->message.empty());
    if (line > 0) {
        QCOMPARE(error->line, line);
        QCOMPARE(error->column, column);
    }
    if (!pointer.isEmpty())
        QCOMPARE(QString::fromStdString(error->pointer), pointer);
    if (!messagePart.isEmpty())
        QVERIFY2(error->toString().contains(messagePart), qPrintable(error->toString()));
    QVERIFY(error->toString().startsWith(QStringLiteral("broken.gatewright.json")));
}

void TestProjectLoader::arnReferencesResolve()
{
    const QByteArray text = R"({"format":"gatewright-project","version":1,"functions":[{"name":"orders"}],
        "apis":[{"id":"a","type":"HTTP","integrations":[{"id":"i","type":"AWS_PROXY",
        "function":"arn:aws:lambda:us-east-1:123456789012:function:orders"}]}]})";
    LoadResult result = parseProject(text);
    auto *loaded = std::get_if<LoadedProject>(&result);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : std::get<ProjectError>(result).toString()));
    QVERIFY(loaded->project.findFunction("arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST"));
    QCOMPARE(loaded->project.apis[0].apiId.size(), size_t(10)); // generated when the file has none
}

void TestProjectLoader::saveRoundTripsAndIsAtomic()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.gatewright.json"));
    LoadResult result = loadProjectFile(QStringLiteral(GW_SOURCE_DIR "/resources/samples/orders/orders.gatewright.json"));
    const Project original = std::get<LoadedProject>(result).project;
    QCOMPARE(saveProjectFile(original, path), QString());
    LoadResult again = loadProjectFile(path);
    auto *loaded = std::get_if<LoadedProject>(&again);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : std::get<ProjectError>(again).toString()));
    QCOMPARE(serializeProject(loaded->project), serializeProject(original));

    // A save that fails part-way leaves the old file as it was. The file-size limit stops the
    // write for any user, root included (permissions would not stop root).
    Project changed = original;
    changed.name = "changed";
    struct rlimit before {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &before), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of a signal
    struct rlimit tight = before;
    tight.rlim_cur = 64;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &tight), 0);
    const QString failure = saveProjectFile(changed, path);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &before), 0);
    std::signal(SIGXFSZ, previousHandler);
    QVERIFY2(!failure.isEmpty(), "the save reported success although it could not write the file");
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), serializeProject(original));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("p.gatewright.json")}); // no temporary left
}

void TestProjectLoader::newerVersionIsRefused()
{
    LoadResult result = parseProject(R"({"format":"gatewright-project","version":7})", QStringLiteral("future.json"));
    auto *error = std::get_if<ProjectError>(&result);
    QVERIFY(error);
    QCOMPARE(QString::fromStdString(error->pointer), QStringLiteral("/version"));
    QVERIFY(error->toString().contains(QStringLiteral("newer")));
}

QTEST_GUILESS_MAIN(TestProjectLoader)
#include "tst_project_loader.moc"
