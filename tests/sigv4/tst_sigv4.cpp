// SigV4 signing against AWS's own test suites (../shared/conformance/sigv4): the classic suite
// from the AWS General Reference (31 cases) and the AWS Common Runtime's (38 cases, header
// signing). Every case checks the canonical request, the string to sign and the signature.
#include "common/sigv4.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gw;

namespace {

const QString kSuites = QStringLiteral(GW_CONFORMANCE_DIR "/sigv4");
const SigV4Credentials kCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", {}};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct ParsedRequest {
    QByteArray method, path, query, body;
    std::vector<HttpHeader> headers;
};

// A raw request of the suites: request line, headers, blank line, body. A line starting with a
// space continues the header before it (get-header-value-multiline): the classic suite reads the
// folded lines as values joined by ',' (its .creq), the Common Runtime's as one value with spaces.
ParsedRequest parseRequest(const QByteArray &raw, char foldWith)
{
    ParsedRequest out;
    const qsizetype blank = raw.indexOf("\n\n");
    const QList<QByteArray> lines = (blank < 0 ? raw : raw.left(blank)).split('\n');
    out.body = blank < 0 ? QByteArray() : raw.mid(blank + 2);
    const QByteArray first = lines.front();
    const qsizetype sp1 = first.indexOf(' ');
    const qsizetype sp2 = first.lastIndexOf(' ');
    const QByteArray target = first.mid(sp1 + 1, sp2 - sp1 - 1);
    const qsizetype q = target.indexOf('?');
    out.method = first.left(sp1);
    out.path = q < 0 ? target : target.left(q);
    out.query = q < 0 ? QByteArray() : target.mid(q + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.isEmpty())
            continue;
        if ((line.startsWith(' ') || line.startsWith('\t')) && !out.headers.empty()) {
            out.headers.back().value += foldWith + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        out.headers.push_back({line.left(colon), line.mid(colon + 1)});
    }
    return out;
}

SigV4Request signable(const ParsedRequest &parsed)
{
    return {parsed.method, parsed.path, parsed.query, parsed.headers, sigV4PayloadHash(parsed.body)};
}

QByteArray signatureOf(const QByteArray &authorization)
{
    return authorization.mid(authorization.indexOf("Signature=") + 10);
}

} // namespace

class TestSigV4 : public QObject {
    Q_OBJECT
private slots:
    void classicSuite_data();
    void classicSuite();
    void commonRuntimeSuite_data();
    void commonRuntimeSuite();
    void presignedQuerySuite_data();
    void presignedQuerySuite();
    void amzDateIsUtc();
};

void TestSigV4::classicSuite_data()
{
    QTest::addColumn<QString>("dir");
    QDirIterator it(kSuites + QStringLiteral("/aws-sig-v4-test-suite"), {QStringLiteral("*.req")}, QDir::Files,
                    QDirIterator::Subdirectories);
    int count = 0;
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        QTest::newRow(qPrintable(info.completeBaseName())) << info.absolutePath() + QLatin1Char('/') + info.completeBaseName();
        ++count;
    }
    QVERIFY2(count == 31, qPrintable(QStringLiteral("expected the 31 classic cases, found %1").arg(count)));
}

void TestSigV4::classicSuite()
{
    QFETCH(QString, dir);
    ParsedRequest parsed = parseRequest(readAll(dir + QStringLiteral(".req")), ',');
    SigV4Credentials credentials = kCredentials;
    // post-sts-header-after: the token goes on after signing (its readme.txt), so it is not signed.
    if (dir.endsWith(QStringLiteral("post-sts-header-after")))
        std::erase_if(parsed.headers, [](const HttpHeader &h) { return h.name.toLower() == "x-amz-security-token"; });
    const SigV4Scope scope{"us-east-1", "service", "20150830T123600Z", false};
    const QByteArray canonical = sigV4CanonicalRequest(signable(parsed), scope);
    QCOMPARE(canonical, readAll(dir + QStringLiteral(".creq")));
    QCOMPARE(sigV4StringToSign(canonical, scope), readAll(dir + QStringLiteral(".sts")));
    QCOMPARE(sigV4Authorization(signable(parsed), scope, credentials), readAll(dir + QStringLiteral(".authz")).trimmed());
}

void TestSigV4::commonRuntimeSuite_data()
{
    QTest::addColumn<QString>("dir");
    const QDir root(kSuites + QStringLiteral("/aws-signing-test-suite-v4"));
    const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(cases.size(), 38);
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << root.filePath(name);
}

void TestSigV4::commonRuntimeSuite()
{
    QFETCH(QString, dir);
    const QJsonObject context = QJsonDocument::fromJson(readAll(dir + QStringLiteral("/context.json"))).object();
    ParsedRequest parsed = parseRequest(readAll(dir + QStringLiteral("/request.txt")), ' ');
    const QByteArray amzDate = "20150830T123600Z";
    QCOMPARE(context.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2015-08-30T12:36:00Z"));
    // What a signer adds before it signs: the date, the signed body hash, the session token.
    parsed.headers.push_back({"X-Amz-Date", amzDate});
    const QByteArray hash = sigV4PayloadHash(parsed.body);
    if (context.value(QStringLiteral("sign_body")).toBool())
        parsed.headers.push_back({"x-amz-content-sha256", hash});
    const QJsonObject creds = context.value(QStringLiteral("credentials")).toObject();
    const QByteArray token = creds.value(QStringLiteral("token")).toString().toUtf8();
    if (!token.isEmpty() && !context.value(QStringLiteral("omit_session_token")).toBool())
        parsed.headers.push_back({"X-Amz-Security-Token", token});
    const SigV4Credentials credentials{creds.value(QStringLiteral("access_key_id")).toString().toUtf8(),
                                       creds.value(QStringLiteral("secret_access_key")).toString().toUtf8(), token};
    // "normalize": false is S3's way: the path as written, encoded once.
    const SigV4Scope scope{context.value(QStringLiteral("region")).toString().toStdString(),
                           context.value(QStringLiteral("service")).toString().toStdString(), amzDate,
                           !context.value(QStringLiteral("normalize")).toBool()};
    const QByteArray canonical = sigV4CanonicalRequest(signable(parsed), scope);
    QCOMPARE(canonical, readAll(dir + QStringLiteral("/header-canonical-request.txt")));
    QCOMPARE(sigV4StringToSign(canonical, scope), readAll(dir + QStringLiteral("/header-string-to-sign.txt")));
    QCOMPARE(signatureOf(sigV4Authorization(signable(parsed), scope, credentials)),
             readAll(dir + QStringLiteral("/header-signature.txt")).trimmed());
}

void TestSigV4::presignedQuerySuite_data()
{
    commonRuntimeSuite_data();
}

// The same cases signed in the query (query-signed-request.txt), as the window's WebSocket client
// signs a $connect: the canonical request, and the signed URL's query byte for byte.
void TestSigV4::presignedQuerySuite()
{
    QFETCH(QString, dir);
    const QJsonObject context = QJsonDocument::fromJson(readAll(dir + QStringLiteral("/context.json"))).object();
    if (context.value(QStringLiteral("sign_body")).toBool() || context.value(QStringLiteral("omit_session_token")).toBool())
        QSKIP("the query form of this case adds headers or a token after signing: the window's client does neither");
    ParsedRequest parsed = parseRequest(readAll(dir + QStringLiteral("/request.txt")), ' ');
    const QJsonObject creds = context.value(QStringLiteral("credentials")).toObject();
    const SigV4Credentials credentials{creds.value(QStringLiteral("access_key_id")).toString().toUtf8(),
                                       creds.value(QStringLiteral("secret_access_key")).toString().toUtf8(),
                                       creds.value(QStringLiteral("token")).toString().toUtf8()};
    const SigV4Scope scope{context.value(QStringLiteral("region")).toString().toStdString(),
                           context.value(QStringLiteral("service")).toString().toStdString(), "20150830T123600Z",
                           !context.value(QStringLiteral("normalize")).toBool()};
    const QByteArray query = sigV4PresignedQuery(signable(parsed), scope, credentials,
                                                 context.value(QStringLiteral("expiration_in_seconds")).toInt());
    const QByteArray expected = readAll(dir + QStringLiteral("/query-signed-request.txt"));
    const QByteArray requestLine = expected.left(expected.indexOf('\n'));
    const QByteArray target = requestLine.mid(requestLine.indexOf(' ') + 1, requestLine.lastIndexOf(' ') - requestLine.indexOf(' ') - 1);
    QCOMPARE(query, target.mid(target.indexOf('?') + 1));
    QCOMPARE(query.mid(query.lastIndexOf("X-Amz-Signature=") + 16), readAll(dir + QStringLiteral("/query-signature.txt")).trimmed());
}

void TestSigV4::amzDateIsUtc()
{
    QCOMPARE(sigV4AmzDate(1440938160000), QByteArray("20150830T123600Z"));
}

QTEST_MAIN(TestSigV4)
#include "tst_sigv4.moc"
