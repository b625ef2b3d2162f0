// Route selection precedence of HTTP APIs. Source of the expected table: the example in
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
#include "config/route_table.h"

#include <QTest>

using namespace gw;

class TestRouteTable : public QObject {
    Q_OBJECT
private slots:
    void precedence_data();
    void precedence();
    void pathParametersAreDecoded();
    void percentDecodedSlashStaysInOneSegment();
};

void TestRouteTable::precedence_data()
{
    QTest::addColumn<QStringList>("routes");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // "" = no match

    const QStringList docs{"GET /pets/dog/1", "GET /pets/dog/{id}", "GET /pets/{proxy+}", "ANY /{proxy+}", "$default"};
    QTest::newRow("docs: static route wins") << docs << "GET" << "/pets/dog/1" << "GET /pets/dog/1";
    QTest::newRow("docs: variable beats greedy") << docs << "GET" << "/pets/dog/2" << "GET /pets/dog/{id}";
    QTest::newRow("docs: greedy under /pets") << docs << "GET" << "/pets/cat/1" << "GET /pets/{proxy+}";
    QTest::newRow("docs: ANY greedy for other methods") << docs << "POST" << "/test/5" << "ANY /{proxy+}";
    QTest::newRow("docs: $default catches root") << docs << "GET" << "/" << "$default";

    const QStringList methods{"GET /items", "ANY /items", "POST /items/{id}"};
    QTest::newRow("explicit method beats ANY") << methods << "GET" << "/items" << "GET /items";
    QTest::newRow("ANY takes other methods") << methods << "DELETE" << "/items" << "ANY /items";
    QTest::newRow("method filters variable route") << methods << "GET" << "/items/7" << "";
    QTest::newRow("no $default: no match") << methods << "GET" << "/other" << "";

    const QStringList greedy{"GET /items/{proxy+}"};
    QTest::newRow("greedy needs a segment") << greedy << "GET" << "/items" << "";
    QTest::newRow("greedy takes trailing slash") << greedy << "GET" << "/items/" << "GET /items/{proxy+}";
    QTest::newRow("greedy takes many segments") << greedy << "GET" << "/items/a/b/c" << "GET /items/{proxy+}";

    const QStringList literals{"GET /Orders", "GET /orders/{id}"};
    QTest::newRow("literals are case-sensitive") << literals << "GET" << "/orders" << "";
    QTest::newRow("trailing slash is significant") << QStringList{"GET /orders"} << "GET" << "/orders/" << "";
    QTest::newRow("empty segment does not bind a variable") << literals << "GET" << "/orders/" << "";
    QTest::newRow("literal prefix beats variable prefix")
        << QStringList{"GET /{a}/x", "GET /b/{c}"} << "GET" << "/b/x" << "GET /b/{c}";
}

void TestRouteTable::precedence()
{
    QFETCH(QStringList, routes);
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    std::vector<std::string> keys;
    for (const QString &route : routes)
        keys.push_back(route.toStdString());
    const RouteTable table(keys);
    const auto match = table.match(method.toLatin1(), splitDecodedPath(path.toLatin1()));
    if (expected.isEmpty()) {
        QVERIFY2(!match, qPrintable(match ? routes.at(match->routeIndex) : QString()));
        return;
    }
    QVERIFY(match.has_value());
    QCOMPARE(routes.at(match->routeIndex), expected);
}

void TestRouteTable::pathParametersAreDecoded()
{
    // Recorded: V2_SpecialCharactersInPath gives "username": "**** Doe" for "****%20Doe".
    const RouteTable table({"GET /users/{username}/orders/{proxy+}"});
    const auto match = table.match("GET", splitDecodedPath("/users/Jane%20Doe/orders/a/%E2%98%95"));
    QVERIFY(match.has_value());
    QCOMPARE(match->pathParameters.at("username"), std::string("Jane Doe"));
    QCOMPARE(match->pathParameters.at("proxy"), std::string("a/\xE2\x98\x95"));
}

void TestRouteTable::percentDecodedSlashStaysInOneSegment()
{
    const RouteTable table({"GET /files/{name}"});
    const auto match = table.match("GET", splitDecodedPath("/files/a%2Fb"));
    QVERIFY(match.has_value());
    QCOMPARE(match->pathParameters.at("name"), std::string("a/b"));
}

QTEST_GUILESS_MAIN(TestRouteTable)
#include "tst_route_table.moc"
