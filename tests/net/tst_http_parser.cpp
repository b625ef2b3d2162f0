// The HTTP/1.1 parser wrapper: requests in any split, pipelining, chunked bodies, the limits a
// gateway needs (refused before the body arrives), responses to HEAD.
#include "net/http_parser_wrapper.h"

#include <QTest>

using namespace gw;

class TestHttpParser : public QObject {
    Q_OBJECT
private slots:
    void pipelinedRequestsFedByteByByte();
    void chunkedBody();
    void headersOverTheLimit();
    void bodyOverTheLimitIsRefusedFromItsLength();
    void malformedRequest();
    void versionAndHostRules_data();
    void versionAndHostRules();
    void expectContinueIsReported();
    void responseToHead();
    void requestsAfterAnUpgradeRequestAreParsed();
};

void TestHttpParser::pipelinedRequestsFedByteByByte()
{
    const QByteArray wire = "GET /a?x=1 HTTP/1.1\r\nHost: h\r\nX-Two: 1\r\nX-Two: 2\r\n\r\n"
                            "POST /b HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello";
    HttpParserWrapper parser(HttpParserWrapper::Mode::Requests);
    for (char c : wire)
        QVERIFY(parser.feed(&c, 1));
    QCOMPARE(parser.requests().size(), size_t(2));
    const HttpRequest &first = parser.requests()[0];
    QCOMPARE(first.method, QByteArray("GET"));
    QCOMPARE(first.target, QByteArray("/a?x=1"));
    QCOMPARE(first.path(), QByteArray("/a"));
    QCOMPARE(first.rawQuery(), QByteArray("x=1"));
    QCOMPARE(first.headers.size(), size_t(3)); // repeated headers stay apart
    QVERIFY(first.keepAlive);
    const HttpRequest &second = parser.requests()[1];
    QCOMPARE(second.body, QByteArray("hello"));
    QCOMPARE(second.protocol(), QByteArray("HTTP/1.0"));
    QVERIFY(!second.keepAlive);
}

void TestHttpParser::chunkedBody()
{
    HttpParserWrapper parser(HttpParserWrapper::Mode::Requests);
    const QByteArray wire = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
    QVERIFY(parser.feed(wire.constData(), wire.size()));
    QCOMPARE(parser.requests().front().body, QByteArray("hello world"));
}

void TestHttpParser::headersOverTheLimit()
{
    HttpParserWrapper parser(HttpParserWrapper::Mode::Requests, HttpLimits{100, 1000});
    const QByteArray wire = "GET / HTTP/1.1\r\nX-Big: " + QByteArray(200, 'a') + "\r\n\r\n";
    QVERIFY(!parser.feed(wire.constData(), wire.size()));
    QCOMPARE(parser.error(), HttpParserWrapper::Error::HeadersTooLarge);
}

void TestHttpParser::bodyOverTheLimitIsRefusedFromItsLength()
{
    HttpParserWrapper parser(HttpParserWrapper::Mode::Requests, HttpLimits{1000, 10});
    const QByteArray head = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n"; // no body sent yet
    QVERIFY(!parser.feed(head.constData(), head.size()));
    QCOMPARE(parser.error(), HttpParserWrapper::Error::BodyTooLarge);
    // A chunked body is counted as it comes.
    HttpParserWrapper chunked(HttpParserWrapper::Mode::Requests, HttpLimits{1000, 10});
    const QByteArray wire = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n";
    QVERIFY(!chunked.feed(wire.constData(), wire.size()));
    QCOMPARE(chunked.error(), HttpParserWrapper::Error::BodyTooLarge);
}

void TestHttpParser::malformedRequest()
{
    HttpParserWrapper parser(HttpParserWrapper::Mode::Requests);
    const QByteArray wire = "GET / HTTP/1.1\r\nHost h\r\n\r\n";
    QVERIFY(!parser.feed(wire.constData(), wire.size()));
    QCOMPARE(parser.error(), HttpParserWrapper::Error::Malformed);
    QVERIFY(parser.errorText().startsWith("malformed HTTP: "));
}

void TestHttpParser::versionAndHostRules_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("error");
    const int none = int(HttpParserWrapper::Error::None);
    const int version = int(HttpParserWrapper::Error::UnsupportedVersion);
    const int host = int(HttpParserWrapper::Error::MissingHost);
    // RFC 9112 §2.3 / §3.2, and the 505 an HTTP/1.x server gives any other version.
    QTest::newRow("1.1 with Host") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n\r\n") << none;
    QTest::newRow("1.0 without Host is fine") << QByteArray("GET / HTTP/1.0\r\n\r\n") << none;
    QTest::newRow("RFC 9112 3.2: 1.1 without Host is 400") << QByteArray("GET / HTTP/1.1\r\nX: y\r\n\r\n") << host;
    QTest::newRow("1.2 is 505") << QByteArray("GET / HTTP/1.2\r\nHost: h\r\n\r\n") << version;
    QTest::newRow("2.0 in text is 505") << QByteArray("GET / HTTP/2.0\r\nHost: h\r\n\r\n") << version;
    QTest::newRow("0.9 with headers is 505") << QByteArray("GET / HTTP/0.9\r\nHost: h\r\n\r\n") << version;
}

void TestHttpParser::versionAndHostRules()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, error);
    HttpParserWrapper parser(HttpParserWrapper::Mode::Requests);
    QCOMPARE(parser.feed(wire.constData(), wire.size()), error == int(HttpParserWrapper::Error::None));
    QCOMPARE(int(parser.error()), error);
    QCOMPARE(parser.requests().size(), size_t(error == int(HttpParserWrapper::Error::None) ? 1 : 0));
}

void TestHttpParser::expectContinueIsReported()
{
    HttpParserWrapper parser(HttpParserWrapper::Mode::Requests);
    int asked = 0;
    parser.onExpectContinue = [&] { ++asked; };
    const QByteArray head = "PUT /u HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n";
    QVERIFY(parser.feed(head.constData(), head.size()));
    QCOMPARE(asked, 1);
    QVERIFY(parser.isMidMessage());
    QVERIFY(parser.feed("ok", 2));
    QCOMPARE(parser.requests().front().body, QByteArray("ok"));
}

void TestHttpParser::responseToHead()
{
    HttpParserWrapper parser(HttpParserWrapper::Mode::Responses);
    parser.setExpectHeadResponse(true);
    const QByteArray wire = "HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n";
    QVERIFY(parser.feed(wire.constData(), wire.size()));
    QCOMPARE(parser.responses().size(), size_t(1)); // no body follows a HEAD's answer
    QCOMPARE(parser.responses().front().status, 200);
}

void TestHttpParser::requestsAfterAnUpgradeRequestAreParsed()
{
    // http-parser stops after a request with Upgrade; where no hand-over happens (an HTTP API's
    // listener), the pipelined request behind it is still a request, not lost bytes.
    HttpParserWrapper parser(HttpParserWrapper::Mode::Requests);
    const QByteArray wire = "GET /ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
                            "GET /after HTTP/1.1\r\nHost: h\r\n\r\n";
    QVERIFY(parser.feed(wire.constData(), wire.size()));
    QCOMPARE(parser.requests().size(), size_t(2));
    QCOMPARE(parser.requests()[1].target, QByteArray("/after"));
    const QByteArray more = "GET /third HTTP/1.1\r\nHost: h\r\n\r\n";
    QVERIFY(parser.feed(more.constData(), more.size()));
    QCOMPARE(parser.requests().size(), size_t(3));
}

QTEST_GUILESS_MAIN(TestHttpParser)
#include "tst_http_parser.moc"
