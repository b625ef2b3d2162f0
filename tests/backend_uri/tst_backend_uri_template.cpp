// HTTP_PROXY integration URIs: parsed once, filled per request
// (http-api-develop-integrations-http.html: path variables, greedy {proxy+}, query strings).
#include "integrations/backend_uri_template.h"

#include <QTest>

using namespace gw;

class TestBackendUriTemplate : public QObject {
    Q_OBJECT
private slots:
    void connectionTargetAndHostHeader();
    void pathVariablesAreEncoded_data();
    void pathVariablesAreEncoded();
    void queryIsKept();
    void notHttpIsAnError_data();
    void notHttpIsAnError();
    void cacheReturnsTheSameParse();
    void httpsDefaultsToPort443();
};

void TestBackendUriTemplate::connectionTargetAndHostHeader()
{
    const BackendUriTemplate withPort("http://127.0.0.1:8081/items");
    QVERIFY(withPort.isValid());
    QCOMPARE(withPort.host(), QByteArray("127.0.0.1"));
    QCOMPARE(withPort.port(), quint16(8081));
    QCOMPARE(withPort.hostHeader(), QByteArray("127.0.0.1:8081"));

    const BackendUriTemplate withoutPort("http://backend.example/");
    QVERIFY(withoutPort.isValid());
    QCOMPARE(withoutPort.port(), quint16(80));
    QCOMPARE(withoutPort.hostHeader(), QByteArray("backend.example"));
}

void TestBackendUriTemplate::pathVariablesAreEncoded_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("routeKey");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("plain variable encodes slashes") << "http://h/items/{id}" << "GET /items/{id}" << "id" << "a/b c"
                                                    << QByteArray("/items/a%2Fb%20c");
    QTest::newRow("route's greedy variable keeps slashes")
        << "http://h/{proxy}" << "ANY /p/{proxy+}" << "proxy" << "x/y z" << QByteArray("/x/y%20z");
    QTest::newRow("greedy in the uri keeps slashes") << "http://h/{proxy+}" << "ANY /p/{proxy}" << "proxy" << "x/y"
                                                     << QByteArray("/x/y");
    QTest::newRow("variable without value stays") << "http://h/a/{other}" << "GET /a" << "id" << "1"
                                                   << QByteArray("/a/{other}");
    QTest::newRow("literal text is encoded once") << "http://h/a b/%41/{id}" << "GET /x/{id}" << "id" << "\xc3\xa9"
                                                  << QByteArray("/a%20b/%41/%C3%A9");
    QTest::newRow("no path") << "http://h:9" << "$default" << "id" << "1" << QByteArray("");
}

void TestBackendUriTemplate::pathVariablesAreEncoded()
{
    QFETCH(QString, uri);
    QFETCH(QString, routeKey);
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QByteArray, path);
    const BackendUriTemplate backend(uri.toStdString());
    QVERIFY2(backend.isValid(), qPrintable(backend.error()));
    const std::map<std::string, std::string> values{{name.toStdString(), value.toStdString()}};
    QCOMPARE(backend.path(values, routeKey.toStdString()), path);
}

void TestBackendUriTemplate::queryIsKept()
{
    const BackendUriTemplate backend("http://h/search/{q}?fixed=1&x=a b#frag");
    QVERIFY(backend.isValid());
    QCOMPARE(backend.query(), QByteArray("fixed=1&x=a%20b"));
    QCOMPARE(backend.path({{"q", "z"}}, "GET /s/{q}"), QByteArray("/search/z"));
}

void TestBackendUriTemplate::notHttpIsAnError_data()
{
    QTest::addColumn<QString>("uri");
    QTest::newRow("ftp") << "ftp://h/x";
    QTest::newRow("no scheme") << "h/x";
    QTest::newRow("no host") << "http:///x";
    QTest::newRow("empty") << "";
}

void TestBackendUriTemplate::notHttpIsAnError()
{
    QFETCH(QString, uri);
    const BackendUriTemplate backend(uri.toStdString());
    QVERIFY(!backend.isValid());
    QVERIFY2(backend.error().contains(QStringLiteral("is not an http:// or https:// URL")), qPrintable(backend.error()));
}

void TestBackendUriTemplate::httpsDefaultsToPort443()
{
    const BackendUriTemplate plain("https://api.example.com/v1/{proxy}");
    QVERIFY(plain.isValid());
    QVERIFY(plain.isTls());
    QCOMPARE(plain.port(), quint16(443));
    QCOMPARE(plain.hostHeader(), QByteArray("api.example.com"));
    const BackendUriTemplate withPort("https://127.0.0.1:8443/x");
    QVERIFY(withPort.isTls());
    QCOMPARE(withPort.port(), quint16(8443));
    QCOMPARE(withPort.hostHeader(), QByteArray("127.0.0.1:8443"));
    QVERIFY(!BackendUriTemplate("http://h/x").isTls());
}

void TestBackendUriTemplate::cacheReturnsTheSameParse()
{
    const auto a = BackendUriTemplate::forUri("http://h/{proxy}");
    const auto b = BackendUriTemplate::forUri("http://h/{proxy}");
    const auto c = BackendUriTemplate::forUri("http://h/other");
    QCOMPARE(a.get(), b.get());
    QVERIFY(a.get() != c.get());
}

QTEST_GUILESS_MAIN(TestBackendUriTemplate)
#include "tst_backend_uri_template.moc"
