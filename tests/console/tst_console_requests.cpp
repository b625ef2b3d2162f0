// The console's requests without the window: curl command lines read and written (checked
// against what the real curl sends for the same line), {{variables}} and path parameters, and
// the bytes each body mode and auth helper puts on the wire (SigV4 against the AWS SDK's signer).
#include "common/sigv4.h"
#include "io/console_request_wire.h"
#include "io/curl_command.h"
#include "model/project.h"
#include "../common/aws_sdk_signer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace gw;

namespace {

nlohmann::json asJson(const ConsoleRequest &r) { return nlohmann::json(r); }

// One request as a server saw it.
struct SeenRequest {
    QByteArray method, target, body;
    std::vector<HttpHeader> headers;
    QByteArray header(const char *name) const
    {
        for (const HttpHeader &h : headers)
            if (h.name.compare(name, Qt::CaseInsensitive) == 0)
                return h.value;
        return {};
    }
    bool has(const char *name) const
    {
        return std::any_of(headers.begin(), headers.end(),
                           [&](const HttpHeader &h) { return h.name.compare(name, Qt::CaseInsensitive) == 0; });
    }
};

// A server that answers 200 to one request and keeps what it got.
class RecordingServer {
public:
    RecordingServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                m_buffer += socket->readAll();
                const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QList<QByteArray> lines = m_buffer.left(end).split('\n');
                SeenRequest seen;
                const QList<QByteArray> start = lines.front().trimmed().split(' ');
                seen.method = start.value(0);
                seen.target = start.value(1);
                qsizetype length = 0;
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines[i].trimmed();
                    const qsizetype colon = line.indexOf(':');
                    seen.headers.push_back({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
                    if (seen.headers.back().name.compare("content-length", Qt::CaseInsensitive) == 0)
                        length = seen.headers.back().value.toLongLong();
                }
                if (m_buffer.size() < end + 4 + length)
                    return;
                seen.body = m_buffer.mid(end + 4, length);
                m_seen.push_back(seen);
                m_buffer.clear();
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    std::vector<SeenRequest> &seen() { return m_seen; }

private:
    QTcpServer m_server;
    QByteArray m_buffer;
    std::vector<SeenRequest> m_seen;
};

// Runs a command line with the real curl (through bash, so its quoting is bash's) and returns
// what the server got.
std::optional<SeenRequest> sendWithRealCurl(RecordingServer &server, const QString &line, const QString &dir)
{
    const size_t before = server.seen().size();
    QProcess bash;
    bash.setWorkingDirectory(dir);
    bash.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), line + QStringLiteral(" -s -o /dev/null")});
    QElapsedTimer waited;
    waited.start();
    while (server.seen().size() == before && waited.elapsed() < 15000)
        QTest::qWait(10);
    bash.waitForFinished(15000);
    if (server.seen().size() == before)
        return std::nullopt;
    return server.seen().back();
}

// Headers curl adds by itself, which the console leaves to its own client.
bool isCurlOwnHeader(const QByteArray &name)
{
    for (const char *own : {"host", "user-agent", "accept", "content-length", "expect"})
        if (name.compare(own, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace

class TestConsoleRequests : public QObject {
    Q_OBJECT
private slots:
    void realCurlCommandLinesAreRead_data();
    void realCurlCommandLinesAreRead();
    void readAndWrittenLinesSendWhatRealCurlSends_data();
    void readAndWrittenLinesSendWhatRealCurlSends();
    void badCommandLinesAreRefusedWithAReason_data();
    void badCommandLinesAreRefusedWithAReason();
    void optionsTheConsoleDoesNotUseAreWarnedAbout();
    void variablesAndPathParametersAreFilledIn();
    void bodyModesPutTheirBytesOnTheWire();
    void sigV4HeaderSigningMatchesTheAwsSdk();
    void workspaceRoundTripsThroughTheProjectFile();
};

void TestConsoleRequests::realCurlCommandLinesAreRead_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("headers"); // "Name: value" joined by '|', in order
    QTest::addColumn<QString>("bodyMode");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("auth");     // type:user:secret or type:value

    // API Gateway's developer guide, "Invoking a REST API": a POST with a JSON body.
    QTest::newRow("aws-guide-post-json")
        << R"(curl -X POST -H "Content-Type: application/json" -d '{"name":"Ana"}' https://abc123.execute-api.us-east-1.amazonaws.com/prod/pets)"
        << "POST" << "https://abc123.execute-api.us-east-1.amazonaws.com/prod/pets" << "Content-Type: application/json"
        << "json" << R"({"name":"Ana"})" << "none";
    // Chrome's "Copy as cURL (bash)": $'...' quoting, --data-raw and --compressed.
    QTest::newRow("chrome-copy-as-curl")
        << "curl 'http://127.0.0.1:8080/orders' \\\n  -H 'accept: */*' \\\n  -H 'content-type: application/json' \\\n"
           "  --data-raw $'{\"note\":\"it\\'s \\u00e9\\\\n\"}' \\\n  --compressed"
        << "POST" << "http://127.0.0.1:8080/orders" << "accept: */*|content-type: application/json" << "json"
        << QString::fromUtf8("{\"note\":\"it's \xc3\xa9\\n\"}") << "none";
    // Firefox's "Copy as cURL": -X first, headers with double quotes inside single ones.
    QTest::newRow("firefox-copy-as-curl")
        << "curl -X PATCH 'http://localhost:3000/orders/42' -H 'User-Agent: Mozilla/5.0' -H 'If-Match: \"v1\"' "
           "--data-raw 'status=SHIPPED'"
        << "PATCH" << "http://localhost:3000/orders/42" << "User-Agent: Mozilla/5.0|If-Match: \"v1\"|Content-Type: application/x-www-form-urlencoded"
        << "raw" << "status=SHIPPED" << "none";
    QTest::newRow("data-binary-file")
        << "curl --data-binary @payload.bin -H 'Content-Type: application/octet-stream' http://127.0.0.1:9000/upload"
        << "POST" << "http://127.0.0.1:9000/upload" << "Content-Type: application/octet-stream" << "binary" << ""
        << "none";
    QTest::newRow("repeated-headers-and-basic-user")
        << "curl -u 'admin:s3cr:et' -H 'X-Trace: a' -H 'X-Trace: b' -H 'Accept: application/json' http://127.0.0.1:8080/admin"
        << "GET" << "http://127.0.0.1:8080/admin" << "X-Trace: a|X-Trace: b|Accept: application/json" << "none" << ""
        << "basic:admin:s3cr:et";
    QTest::newRow("get-with-urlencoded-data")
        << "curl -G --data-urlencode 'q=red shoes & more' -d page=2 http://127.0.0.1:8080/search"
        << "GET" << "http://127.0.0.1:8080/search?q=red+shoes+%26+more&page=2" << "" << "none" << "" << "none";
    QTest::newRow("bundled-short-options")
        << "curl -sSLk -XDELETE -H'Authorization: Bearer abc.def' http://127.0.0.1:8080/orders/7"
        << "DELETE" << "http://127.0.0.1:8080/orders/7" << "Authorization: Bearer abc.def" << "none" << "" << "none";
    QTest::newRow("multipart-form")
        << "curl -F 'title=Q3 report' -F 'file=@report.csv;type=text/csv' http://127.0.0.1:8080/files"
        << "POST" << "http://127.0.0.1:8080/files" << "" << "multipart" << "" << "none";
    QTest::newRow("json-option")
        << "curl --json '{\"a\":1}' http://127.0.0.1:8080/things"
        << "POST" << "http://127.0.0.1:8080/things" << "Content-Type: application/json|Accept: application/json"
        << "json" << "{\"a\":1}" << "none";
    QTest::newRow("aws-sigv4")
        << "curl --aws-sigv4 'aws:amz:eu-west-1:execute-api' --user 'AKIDEXAMPLE:secret' -H 'x-amz-security-token: tok' "
           "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/"
        << "GET" << "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/" << "" << "none" << ""
        << "sigv4:AKIDEXAMPLE:secret";
    QTest::newRow("double-quotes-with-escapes")
        << R"(curl "http://127.0.0.1:8080/echo" -H "X-Note: say \"hi\" for \$5" -d "{\"k\": \"v\"}")"
        << "POST" << "http://127.0.0.1:8080/echo" << "X-Note: say \"hi\" for $5|Content-Type: application/x-www-form-urlencoded"
        << "raw" << R"({"k": "v"})" << "none";
    QTest::newRow("head-and-no-scheme")
        << "curl -I 127.0.0.1:8080/health" << "HEAD" << "http://127.0.0.1:8080/health" << "" << "none" << "" << "none";
    QTest::newRow("upload-file-is-put")
        << "curl -T photo.png http://127.0.0.1:8080/photos/1" << "PUT" << "http://127.0.0.1:8080/photos/1" << ""
        << "binary" << "" << "none";
    QTest::newRow("oauth2-bearer-and-max-time")
        << "curl --oauth2-bearer eyJ.x.y --max-time 2.5 http://127.0.0.1:8080/me" << "GET" << "http://127.0.0.1:8080/me"
        << "" << "none" << "" << "bearer:eyJ.x.y";
}

void TestConsoleRequests::realCurlCommandLinesAreRead()
{
    QFETCH(QString, line);
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QString, headers);
    QFETCH(QString, bodyMode);
    QFETCH(QString, body);
    QFETCH(QString, auth);
    const CurlParseResult parsed = parseCurlCommand(line.toStdString());
    QVERIFY2(parsed.ok, parsed.error.c_str());
    const ConsoleRequest &r = parsed.request;
    QCOMPARE(QString::fromStdString(r.method), method);
    QCOMPARE(QString::fromStdString(r.url), url);
    QStringList seen;
    for (const ConsoleField &h : r.headers)
        seen << QString::fromStdString(h.name + ": " + h.value);
    QCOMPARE(seen.join(QLatin1Char('|')), headers);
    QCOMPARE(QString::fromStdString(r.bodyMode), bodyMode);
    QCOMPARE(QString::fromStdString(r.body), body);
    QString authSeen = QString::fromStdString(r.auth.type);
    if (r.auth.type == "basic" || r.auth.type == "sigv4")
        authSeen += QString::fromStdString(":" + r.auth.username + ":" + r.auth.password);
    else if (r.auth.type == "bearer")
        authSeen += QString::fromStdString(":" + r.auth.value);
    QCOMPARE(authSeen, auth);

    // What it writes reads back as the same request.
    const std::string written = curlCommandFor(r);
    const CurlParseResult again = parseCurlCommand(written);
    QVERIFY2(again.ok, again.error.c_str());
    QVERIFY2(asJson(again.request) == asJson(r), (written + "\n" + asJson(again.request).dump() + "\n" + asJson(r).dump()).c_str());

    if (QByteArray(QTest::currentDataTag()) == "aws-sigv4") {
        QCOMPARE(r.auth.region, std::string("eu-west-1"));
        QCOMPARE(r.auth.sessionToken, std::string("tok"));
    }
    if (QByteArray(QTest::currentDataTag()) == "multipart-form") {
        QCOMPARE(r.formFields.size(), size_t(2));
        QCOMPARE(r.formFields[0].value, std::string("Q3 report"));
        QVERIFY(r.formFields[1].file);
        QCOMPARE(r.formFields[1].value, std::string("report.csv"));
    }
    if (QByteArray(QTest::currentDataTag()) == "chrome-copy-as-curl")
        QVERIFY(r.compressed);
    if (QByteArray(QTest::currentDataTag()) == "oauth2-bearer-and-max-time")
        QCOMPARE(r.timeoutMs, 2500);
    if (QByteArray(QTest::currentDataTag()) == "bundled-short-options") {
        QVERIFY(r.insecure);
        QVERIFY(r.followRedirects);
    }
}

void TestConsoleRequests::readAndWrittenLinesSendWhatRealCurlSends_data()
{
    QTest::addColumn<QString>("line"); // PORT stands for the recording server's port
    QTest::newRow("post-json") << R"(curl -X POST -H "Content-Type: application/json" -d '{"name":"Ana"}' http://127.0.0.1:PORT/prod/pets)";
    QTest::newRow("form-default-type") << "curl -d 'a=1' -d 'b=two words' http://127.0.0.1:PORT/f";
    QTest::newRow("urlencoded-get") << "curl -G --data-urlencode 'q=red shoes & more' http://127.0.0.1:PORT/search";
    QTest::newRow("headers-and-user") << "curl -u 'admin:pw' -H 'X-Trace: a' -H 'X-Other: b' -A 'probe/1' http://127.0.0.1:PORT/admin";
    QTest::newRow("binary-file") << "curl --data-binary @payload.bin -H 'Content-Type: application/octet-stream' http://127.0.0.1:PORT/up";
    QTest::newRow("put-with-removed-type") << "curl -X PUT -H 'Content-Type:' --data-raw 'plain words' http://127.0.0.1:PORT/p";
    QTest::newRow("json-option") << "curl --json '{\"a\":[1,2]}' 'http://127.0.0.1:PORT/things?x=1'";
    QTest::newRow("ansi-c-quoting") << "curl 'http://127.0.0.1:PORT/q' -H 'content-type: text/plain' --data-raw $'line1\\nline2 \\'q\\''";
    QTest::newRow("bearer") << "curl --oauth2-bearer abc.def.ghi http://127.0.0.1:PORT/me";
    QTest::newRow("encoded-path") << "curl 'http://127.0.0.1:PORT/files/a%20b/c?name=x%2By'";
}

void TestConsoleRequests::readAndWrittenLinesSendWhatRealCurlSends()
{
    QFETCH(QString, line);
    RecordingServer server;
    QTemporaryDir dir;
    {
        QFile file(dir.filePath(QStringLiteral("payload.bin")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("\x00\x01\r\n\xff binary", 12));
    }
    line.replace(QStringLiteral("PORT"), QString::number(server.port()));
    const CurlParseResult parsed = parseCurlCommand(line.toStdString());
    QVERIFY2(parsed.ok, parsed.error.c_str());
    const ConsoleWireRequest wire = wireRequestFor(parsed.request, dir.path(), 0);
    QVERIFY2(wire.ok(), wire.problems.empty() ? "" : wire.problems.front().c_str());

    // The line as the user pasted it, and the line the console writes, both through the real curl.
    for (const QString &command : {line, QString::fromStdString(curlCommandFor(parsed.request))}) {
        const std::optional<SeenRequest> curl = sendWithRealCurl(server, command, dir.path());
        QVERIFY2(curl, qPrintable(QStringLiteral("curl sent nothing for: ") + command));
        QCOMPARE(wire.method, curl->method);
        QCOMPARE(wire.target, curl->target);
        QCOMPARE(wire.body, curl->body);
        for (const HttpHeader &h : curl->headers) {
            if (isCurlOwnHeader(h.name))
                continue;
            const auto ours = std::find_if(wire.headers.begin(), wire.headers.end(), [&](const HttpHeader &o) {
                return o.name.compare(h.name, Qt::CaseInsensitive) == 0 && o.value == h.value;
            });
            QVERIFY2(ours != wire.headers.end(), qPrintable(QStringLiteral("curl sent %1: %2, the console does not (%3)")
                                                                 .arg(QString::fromLatin1(h.name), QString::fromLatin1(h.value), command)));
        }
        for (const HttpHeader &h : wire.headers)
            if (!isCurlOwnHeader(h.name))
                QVERIFY2(curl->header(h.name.constData()) == h.value,
                         qPrintable(QStringLiteral("the console sends %1 and curl does not (%2)").arg(QString::fromLatin1(h.name), command)));
    }
}

void TestConsoleRequests::badCommandLinesAreRefusedWithAReason_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("reason");
    QTest::newRow("open-single-quote") << "curl 'http://x/" << "single quote is not closed";
    QTest::newRow("open-double-quote") << "curl \"http://x/" << "double quote is not closed";
    QTest::newRow("not-curl") << "wget http://x/" << "not a curl command";
    QTest::newRow("no-url") << "curl -H 'a: b'" << "has no URL";
    QTest::newRow("option-without-value") << "curl http://x/ -H" << "-H needs a value";
    QTest::newRow("empty") << "   " << "empty";
}

void TestConsoleRequests::badCommandLinesAreRefusedWithAReason()
{
    QFETCH(QString, line);
    QFETCH(QString, reason);
    const CurlParseResult parsed = parseCurlCommand(line.toStdString());
    QVERIFY(!parsed.ok);
    QVERIFY2(QString::fromStdString(parsed.error).contains(reason), parsed.error.c_str());
}

void TestConsoleRequests::optionsTheConsoleDoesNotUseAreWarnedAbout()
{
    const CurlParseResult parsed =
        parseCurlCommand("curl -x http://proxy:3128 --cacert ca.pem -b cookies.txt -v http://127.0.0.1/ http://other/");
    QVERIFY(parsed.ok);
    const std::string all = [&] {
        std::string s;
        for (const std::string &w : parsed.warnings)
            s += w + "\n";
        return s;
    }();
    QVERIFY2(all.find("--proxy") != std::string::npos, all.c_str());
    QVERIFY2(all.find("--cacert") != std::string::npos, all.c_str());
    QVERIFY2(all.find("cookies.txt") != std::string::npos, all.c_str());
    QVERIFY2(all.find("more than one URL") != std::string::npos, all.c_str());
    QVERIFY2(all.find("verbose") == std::string::npos, all.c_str()); // -v changes nothing sent
    QCOMPARE(parsed.warnings.size(), size_t(4));
}

void TestConsoleRequests::variablesAndPathParametersAreFilledIn()
{
    ConsoleRequest r;
    r.url = "{{ baseUrl }}/orders/{orderId}/files/{key+}?sort={{sort}}&x={{missing}}";
    r.pathParameters = {{"orderId", "a b/1"}, {"key", "dir one/file.txt"}};
    r.headers = {{"Authorization", "Bearer {{token}}"}, {"X-Off", "{{token}}", false}};
    r.auth.type = "apiKey";
    r.auth.value = "{{apiKey}}";
    std::set<std::string> unresolved;
    const ConsoleRequest s = substitutedRequest(
        r, {{"baseUrl", "http://127.0.0.1:8080/dev"}, {"token", "t0k"}, {"sort", "asc"}, {"apiKey", "k1"}}, &unresolved);
    QCOMPARE(s.url, std::string("http://127.0.0.1:8080/dev/orders/a%20b%2F1/files/dir%20one/file.txt?sort=asc&x={{missing}}"));
    QCOMPARE(s.headers[0].value, std::string("Bearer t0k"));
    QCOMPARE(s.auth.value, std::string("k1"));
    QCOMPARE(unresolved, (std::set<std::string>{"missing"}));

    const ConsoleWireRequest wire = wireRequestFor(s, {}, 0);
    QVERIFY(!wire.ok()); // a variable left without a value is not sent as literal braces
    QVERIFY(wire.problems.front().find("{{variable}}") != std::string::npos);

    ConsoleRequest unfilled;
    unfilled.url = "http://127.0.0.1:8080/orders/{orderId}";
    QCOMPARE(substitutedRequest(unfilled, {}).url, unfilled.url); // shown as it is, for the user to fill in
}

void TestConsoleRequests::bodyModesPutTheirBytesOnTheWire()
{
    QTemporaryDir dir;
    {
        QFile file(dir.filePath(QStringLiteral("note.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello file\n");
    }
    ConsoleRequest form;
    form.method = "POST";
    form.url = "http://[::1]:8080/f";
    form.bodyMode = "form";
    form.formFields = {{"name", "Ana María"}, {"skip", "x", false}, {"a&b", "1+1=2"}};
    ConsoleWireRequest w = wireRequestFor(form, dir.path(), 0);
    QVERIFY(w.ok());
    QCOMPARE(w.host, QByteArray("::1"));
    QCOMPARE(w.hostHeader, QByteArray("[::1]:8080"));
    QCOMPARE(w.body, QByteArray("name=Ana+Mar%C3%ADa&a%26b=1%2B1%3D2"));
    QCOMPARE(w.headers.back().value, QByteArray("application/x-www-form-urlencoded"));

    ConsoleRequest multipart = form;
    multipart.bodyMode = "multipart";
    multipart.formFields = {{"title", "Q3"}, {"file", "note.txt", true, true}};
    w = wireRequestFor(multipart, dir.path(), 0);
    QVERIFY(w.ok());
    const QByteArray b = consoleMultipartBoundary();
    QCOMPARE(w.body, "--" + b + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nQ3\r\n--" + b +
                         "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                         "hello file\n\r\n--" + b + "--\r\n");

    ConsoleRequest binary = form;
    binary.bodyMode = "binary";
    binary.bodyFile = "missing.bin";
    w = wireRequestFor(binary, dir.path(), 0);
    QVERIFY(!w.ok());
    QVERIFY2(w.problems.front().find("missing.bin") != std::string::npos, w.problems.front().c_str());

    ConsoleRequest bad;
    bad.url = "ftp://x/";
    QVERIFY(!wireRequestFor(bad, {}, 0).ok());
    bad.url = "http://127.0.0.1:99999/";
    QVERIFY(!wireRequestFor(bad, {}, 0).ok());
    bad.url = "http://127.0.0.1:8080?x=1#frag";
    w = wireRequestFor(bad, {}, 0);
    QVERIFY(w.ok());
    QCOMPARE(w.target, QByteArray("/?x=1"));
    bad.url = "http://127.0.0.1/a b/é";
    QCOMPARE(wireRequestFor(bad, {}, 0).target, QByteArray("/a%20b/%C3%A9"));

    ConsoleRequest basic;
    basic.url = "http://127.0.0.1/";
    basic.auth.type = "basic";
    basic.auth.username = "user";
    basic.auth.password = "pa:ss";
    w = wireRequestFor(basic, {}, 0);
    QCOMPARE(w.headers.back().value, "Basic " + QByteArray("user:pa:ss").toBase64());
}

void TestConsoleRequests::sigV4HeaderSigningMatchesTheAwsSdk()
{
    // The console's SigV4 header signing against the AWS SDK's own signer, for the same request,
    // credential and time.
    ConsoleRequest r;
    r.method = "POST";
    r.url = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders?b=2&a=1";
    r.bodyMode = "json";
    r.body = R"({"item":"book"})";
    r.auth.type = "sigv4";
    r.auth.username = "AKIDEXAMPLE";
    r.auth.password = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    r.auth.sessionToken = "tok/en+=";
    r.auth.region = "eu-west-1";
    const qint64 when = QDateTime(QDate(2026, 12, 3), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    const ConsoleWireRequest wire = wireRequestFor(r, {}, when);
    QVERIFY(wire.ok());
    QByteArray authorization;
    for (const HttpHeader &h : wire.headers)
        if (h.name == "Authorization")
            authorization = h.value;

    QString why;
    const std::optional<QByteArray> sdkOut = runWithSdkSigner(QStringLiteral(R"JS(
new SignatureV4({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'tok/en+=' },
                  region: 'eu-west-1', service: 'execute-api', sha256: Sha256, applyChecksum: false })
  .sign({ method: 'POST', protocol: 'https:', hostname: 'abc123.execute-api.eu-west-1.amazonaws.com', path: '/prod/orders',
          query: { b: '2', a: '1' }, body: '{"item":"book"}',
          headers: { host: 'abc123.execute-api.eu-west-1.amazonaws.com', 'content-type': 'application/json' } },
        { signingDate: new Date(Date.UTC(2026, 11, 3, 12, 0, 0)), unsignableHeaders: new Set(['content-type']) })
  .then(r => console.log(r.headers['authorization']));
)JS"), &why);
    QVERIFY2(sdkOut, qPrintable(why));
    const QByteArray sdk = sdkOut->trimmed();
    QVERIFY(sdk.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/eu-west-1/execute-api/aws4_request"));
    QCOMPARE(authorization, sdk);
}

void TestConsoleRequests::workspaceRoundTripsThroughTheProjectFile()
{
    Project p;
    ConsoleRequest r;
    r.name = "Create order";
    r.folder = "orders/write";
    r.method = "POST";
    r.url = "{{baseUrl}}/orders";
    r.headers = {{"X-A", "1"}, {"X-B", "2", false}};
    r.bodyMode = "json";
    r.body = "{}";
    r.auth.type = "bearer";
    r.auth.value = "{{token}}";
    r.lastLoadRun = nlohmann::json{{"requests", 100}};
    p.console.requests = {r, ConsoleRequest{}};
    p.console.requests[1].name = "plain";
    p.console.requests[1].url = "http://x/";
    p.console.environments = {{"local", {{"baseUrl", "http://127.0.0.1:8080"}, {"token", ""}}}};
    p.console.activeEnvironment = "local";
    const nlohmann::json j = p;
    QVERIFY(j.contains("console"));
    // Defaults stay out of the file: a plain GET is its name, method and URL.
    QVERIFY(j["console"]["requests"][1] == (nlohmann::json{{"name", "plain"}, {"method", "GET"}, {"url", "http://x/"}}));
    QVERIFY(j["console"]["requests"][0]["headers"][1] == (nlohmann::json{{"name", "X-B"}, {"value", "2"}, {"enabled", false}}));
    QVERIFY(j["console"]["environments"][0]["variables"]["token"] == ""); // an empty value is a value
    const Project back = j.get<Project>();
    QVERIFY(nlohmann::json(back) == j);
    QVERIFY(!nlohmann::json(Project{}).contains("console"));
}

QTEST_GUILESS_MAIN(TestConsoleRequests)
#include "tst_console_requests.moc"
