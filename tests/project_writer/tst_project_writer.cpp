// Saving writes edits into the file's own text: a file kept in git gets diffs of what changed.
#include "model/format_preserving_json.h"
#include "model/project_loader.h"
#include "model/project_writer.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace gw;
using nlohmann::json;

namespace {

// Every project file the repository ships and the conformance fixtures hold.
QStringList projectFiles()
{
    QStringList found;
    for (const QString &root : {QStringLiteral(GW_SOURCE_DIR "/resources"), QStringLiteral(GW_CONFORMANCE_DIR)}) {
        QDirIterator it(root, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (file.open(QIODevice::ReadOnly) && file.read(4096).contains("\"gatewright-project\""))
                found << path;
        }
    }
    return found;
}

LoadedProject load(const QByteArray &text)
{
    LoadResult result = parseProject(text, QStringLiteral("test.gatewright.json"));
    if (auto *error = std::get_if<ProjectError>(&result))
        qFatal("%s", qPrintable(error->toString()));
    return std::get<LoadedProject>(result);
}

// The model's JSON without what a reload renews (API ids are generated when absent).
json modelOf(const QByteArray &text)
{
    return json(load(text).project);
}

// Lines of b that are not at the same place in a (a line diff's count, for small edits).
QStringList changedLines(const QByteArray &a, const QByteArray &b)
{
    const QList<QByteArray> la = a.split('\n'), lb = b.split('\n');
    qsizetype head = 0;
    while (head < la.size() && head < lb.size() && la[head] == lb[head])
        ++head;
    qsizetype tail = 0;
    while (tail < la.size() - head && tail < lb.size() - head && la[la.size() - 1 - tail] == lb[lb.size() - 1 - tail])
        ++tail;
    QStringList out;
    for (qsizetype i = head; i < la.size() - tail; ++i)
        out << QStringLiteral("-") + QString::fromUtf8(la[i]);
    for (qsizetype i = head; i < lb.size() - tail; ++i)
        out << QStringLiteral("+") + QString::fromUtf8(lb[i]);
    return out;
}

QByteArray sampleText()
{
    QFile file(QStringLiteral(GW_SOURCE_DIR "/resources/samples/orders/orders.gatewright.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no sample");
    return file.readAll();
}

} // namespace

class TestProjectWriter : public QObject {
    Q_OBJECT
private slots:
    void loadSaveIsByteIdentical_data();
    void loadSaveIsByteIdentical();
    void oneFieldEditIsOneLine();
    void addedRouteLooksLikeItsSiblings();
    void removedItemTakesOnlyItsLines();
    void everyEditReloadsAsTheEditedProject();
    void textLevelMerges_data();
    void textLevelMerges();
};

void TestProjectWriter::loadSaveIsByteIdentical_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files = projectFiles();
    QVERIFY2(!files.isEmpty(), "no project file found");
    for (const QString &path : files)
        QTest::newRow(qPrintable(path.mid(path.lastIndexOf(QLatin1Char('/')) + 1))) << path;
}

void TestProjectWriter::loadSaveIsByteIdentical()
{
    QFETCH(QString, path);
    LoadResult result = loadProjectFile(path);
    QVERIFY(std::holds_alternative<LoadedProject>(result));
    const LoadedProject &loaded = std::get<LoadedProject>(result);
    QCOMPARE(serializeProject(loaded.project, loaded.text, json(loaded.project)), loaded.text);
}

void TestProjectWriter::oneFieldEditIsOneLine()
{
    const QByteArray text = sampleText();
    LoadedProject loaded = load(text);
    Project edited = loaded.project;
    edited.functions[1].timeout = 10;
    const QByteArray saved = serializeProject(edited, text, json(loaded.project));
    QCOMPARE(changedLines(text, saved),
             QStringList({QStringLiteral("-      \"timeout\": 3,"), QStringLiteral("+      \"timeout\": 10,")}));
    // Back to its value: back to the same bytes.
    edited.functions[1].timeout = 3;
    QCOMPARE(serializeProject(edited, saved, json(load(saved).project)), text);
}

void TestProjectWriter::addedRouteLooksLikeItsSiblings()
{
    const QByteArray text = sampleText();
    LoadedProject loaded = load(text);
    Project edited = loaded.project;
    Route route;
    route.routeKey = "PUT /orders/{orderId}";
    route.integration = "orders";
    auto *routes = edited.apis[0].mutableRoutes();
    routes->insert(routes->begin() + 3, route);
    const QByteArray saved = serializeProject(edited, text, json(loaded.project));
    // One new line, in the one-line style of the routes around it, with only what differs from
    // its siblings' defaults (authorizationType is written out, because they write it out).
    QCOMPARE(changedLines(text, saved),
             QStringList({QStringLiteral("+        {\"routeKey\": \"PUT /orders/{orderId}\", \"integration\": \"orders\", "
                                         "\"authorizationType\": \"NONE\"},")}));
    QVERIFY2(modelOf(saved) == json(edited), saved.constData());
}

void TestProjectWriter::removedItemTakesOnlyItsLines()
{
    const QByteArray text = sampleText();
    LoadedProject loaded = load(text);
    Project edited = loaded.project;
    auto *routes = edited.apis[0].mutableRoutes();
    routes->erase(routes->begin() + 2);
    const QByteArray saved = serializeProject(edited, text, json(loaded.project));
    const QStringList changed = changedLines(text, saved);
    QVERIFY2(std::all_of(changed.begin(), changed.end(), [](const QString &line) { return line.startsWith('-'); }),
             qPrintable(changed.join('\n')));
    QCOMPARE(changed.size(), 1); // the route's one line
    QVERIFY2(modelOf(saved) == json(edited), saved.constData());
}

void TestProjectWriter::everyEditReloadsAsTheEditedProject()
{
    // Edits of every kind, one after another, each saved into the previous save: every file
    // reads back as the project it was written from.
    QByteArray text = sampleText();
    const std::vector<std::function<void(Project &)>> edits = {
        [](Project &p) { p.name = "Shop"; },
        [](Project &p) { p.functions[0].environment["REGION"] = "eu"; },
        [](Project &p) { p.functions[2].environment["NEW"] = "1"; },     // into an empty object
        [](Project &p) { p.functions[0].environment.clear(); },         // an object emptied
        [](Project &p) { p.functions[0].reservedConcurrency.reset(); }, // a key removed
        [](Project &p) { p.functions[1].timeout = 3; p.functions[1].memorySize = 256; },
        [](Project &p) { (*p.apis[0].mutableRoutes())[0].routeKey = "GET /v2/orders"; }, // identity changed
        [](Project &p) { std::swap((*p.apis[0].mutableRoutes())[0], (*p.apis[0].mutableRoutes())[1]); },
        [](Project &p) { p.apis[0].port = 8123; },
        [](Project &p) {
            Function f;
            f.name = "brand-new";
            f.codeDir = "functions/new";
            p.functions.push_back(f);
        },
        [](Project &p) { p.apis[0].mutableIntegrations()->erase(p.apis[0].mutableIntegrations()->begin()); },
        [](Project &p) { p.apis[0].stages[0].stageVariables["v"] = "x"; },
    };
    size_t applied = 0;
    for (size_t i = 0; i < edits.size(); ++i) {
        LoadedProject loaded = load(text);
        Project edited = loaded.project;
        edits[i](edited);
        if (checkProject(edited)) // an edit that leaves a dangling reference: skip it, as the designer would refuse it
            continue;
        const QByteArray saved = serializeProject(edited, text, json(loaded.project));
        QVERIFY2(json::accept(saved.toStdString()), saved.constData());
        QVERIFY2(modelOf(saved) == json(edited), saved.constData());
        text = saved;
        ++applied;
    }
    QCOMPARE(applied, edits.size() - 1); // all but the integration still referenced
    if (qEnvironmentVariableIsSet("GW_DUMP_EDITED")) { // to look at the result
        QFile out(qEnvironmentVariable("GW_DUMP_EDITED"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
    }
}

void TestProjectWriter::textLevelMerges_data()
{
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<QByteArray>("read"); // the program's value of original
    QTest::addColumn<QByteArray>("now");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("unchanged keeps every byte") << QByteArray("{ \"b\":1 ,\n\"a\" : [1,2] }\n")
                                                << QByteArray(R"({"a":[1,2],"b":1})") << QByteArray(R"({"a":[1,2],"b":1})")
                                                << QByteArray("{ \"b\":1 ,\n\"a\" : [1,2] }\n");
    QTest::newRow("key order and one-line objects stay") << QByteArray("{\n  \"z\": {\"x\": 1, \"y\": 2},\n  \"a\": 1\n}\n")
                                                         << QByteArray(R"({"a":1,"z":{"x":1,"y":2}})")
                                                         << QByteArray(R"({"a":1,"z":{"x":1,"y":3}})")
                                                         << QByteArray("{\n  \"z\": {\"x\": 1, \"y\": 3},\n  \"a\": 1\n}\n");
    QTest::newRow("a default the program filled in is not written")
        << QByteArray("{\n  \"a\": 1\n}") << QByteArray(R"({"a":1,"timeout":3})") << QByteArray(R"({"a":2,"timeout":3})")
        << QByteArray("{\n  \"a\": 2\n}");
    QTest::newRow("a changed default is") << QByteArray("{\n  \"a\": 1\n}") << QByteArray(R"({"a":1,"timeout":3})")
                                          << QByteArray(R"({"a":1,"timeout":4})")
                                          << QByteArray("{\n  \"a\": 1,\n  \"timeout\": 4\n}");
    QTest::newRow("keys the program does not know are kept")
        << QByteArray("{\"$comment\": \"mine\", \"a\": 1}") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":5})")
        << QByteArray("{\"$comment\": \"mine\", \"a\": 5}");
    QTest::newRow("a member into an empty object") << QByteArray("{\n  \"env\": {}\n}") << QByteArray(R"({"env":{}})")
                                                   << QByteArray(R"({"env":{"K":"v"}})")
                                                   << QByteArray("{\n  \"env\": {\n    \"K\": \"v\"\n  }\n}");
    QTest::newRow("the first member removed") << QByteArray("{\n    \"a\": 1,\n    \"b\": 2\n}")
                                              << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"b":2})")
                                              << QByteArray("{\n    \"b\": 2\n}");
    QTest::newRow("an element appended to a one-line array") << QByteArray(R"({"o": ["a", "b"]})")
                                                             << QByteArray(R"({"o":["a","b"]})")
                                                             << QByteArray(R"({"o":["a","b","c"]})")
                                                             << QByteArray(R"({"o": ["a", "b", "c"]})");
    QTest::newRow("escapes in kept keys and values stay as written")
        << QByteArray(R"({"\u0061": "\u00e9", "n": 1})") << QByteArray(R"({"a":"é","n":1})") << QByteArray(R"({"a":"é","n":2})")
        << QByteArray(R"({"\u0061": "\u00e9", "n": 2})");
    QTest::newRow("no original: pretty-printed") << QByteArray() << QByteArray("null") << QByteArray(R"({"name":"x","a":[1]})")
                                                 << QByteArray("{\n  \"name\": \"x\",\n  \"a\": [1]\n}\n");
}

void TestProjectWriter::textLevelMerges()
{
    QFETCH(QByteArray, original);
    QFETCH(QByteArray, read);
    QFETCH(QByteArray, now);
    QFETCH(QByteArray, expected);
    const std::string out = writePreservingFormat(original.toStdString(), json::parse(read.toStdString()),
                                                  json::parse(now.toStdString()));
    QCOMPARE(QByteArray::fromStdString(out), expected);
}

QTEST_GUILESS_MAIN(TestProjectWriter)
#include "tst_project_writer.moc"
