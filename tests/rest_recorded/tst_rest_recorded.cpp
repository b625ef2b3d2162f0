// The REST behaviours recorded against the real service (../shared/conformance/rest-recorded):
// each case's API is built as a project, served, and sent the recorded request over a socket.
// Pass counts per kind are printed at the end; a case this version cannot serve yet is skipped
// with the reason in its message.
#include "config/gateway_responses.h"
#include "gateway/gateway.h"
#include "gateway/local_invoker.h"
#include "observability/execution_log_text.h"
#include "model/project_loader.h"
#include "../testlib/local_aws_services.h"
#include "../testlib/local_backend.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <nlohmann/json.hpp>

#include <QRegularExpression>
#include <QUuid>

#include <atomic>
#include <map>
#include <set>

using namespace gw;
using nlohmann::json;

namespace {

json readCases()
{
    QFile file(QStringLiteral(GW_CONFORMANCE_DIR "/rest-recorded/cases.json"));
    if (!file.open(QIODevice::ReadOnly))
        return json();
    return json::parse(file.readAll().toStdString());
}

std::map<std::string, std::pair<int, int>> g_counts; // kind -> (passed, of all cases of the kind)

// The headers an EDGE endpoint gets from CloudFront in front of the API; a local gateway has no
// CloudFront, so they are not expected here.
const std::set<std::string> kCloudFrontHeaders = {"via", "x-amz-cf-id", "x-amz-cf-pop", "x-cache"};

// The recorded HTTP backends, local: a Lambda Function URL that echoes the request it got (or
// answers with the status its path ends in, under /status/), as the recordings describe them.
std::atomic<bool> g_echoDropsAmznHeaders{false}; // "headers whose name starts with 'x-amzn' or 'x-forwarded-' are removed"

HttpResponse functionUrlAnswer(const HttpRequest &request)
{
    HttpResponse response;
    response.setHeader("Content-Type", "application/json");
    // What a Function URL sends besides the framing the server adds (Date, Content-Length, Connection).
    response.setHeader("x-amzn-RequestId", QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    response.setHeader("X-Amzn-Trace-Id", "Root=1-5e1b4151-5ac6c58f5b5daa6532e4f2e8");
    const QByteArray path = request.path();
    if (path.startsWith("/status/")) {
        response.status = path.mid(path.lastIndexOf('/') + 1).toInt();
        response.body = QByteArray::fromStdString(json({{"status_code", response.status}, {"message", ""}}).dump());
        return response;
    }
    json args = json::object();
    for (const QByteArray &pair : request.rawQuery().split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const std::string name = QByteArray::fromPercentEncoding(eq < 0 ? pair : pair.left(eq)).toStdString();
        const std::string value = eq < 0 ? std::string() : QByteArray::fromPercentEncoding(pair.mid(eq + 1)).toStdString();
        args[name] = args.contains(name) ? args[name].get<std::string>() + "," + value : value;
    }
    json headers = json::object();
    for (const HttpHeader &h : request.headers) {
        const std::string name = h.name.toLower().toStdString();
        if (name == "connection")
            continue;
        headers[name] = headers.contains(name) ? headers[name].get<std::string>() + "," + h.value.toStdString() : h.value.toStdString();
    }
    // The Function URL's own: its TLS and forwarding headers.
    headers["x-amzn-tls-cipher-suite"] = "ECDHE-RSA-AES128-GCM-SHA256";
    headers["x-amzn-tls-version"] = "TLSv1.2";
    headers["x-forwarded-for"] = request.peerIp.toStdString();
    headers["x-forwarded-port"] = "443";
    headers["x-forwarded-proto"] = "https";
    if (g_echoDropsAmznHeaders)
        for (auto it = headers.begin(); it != headers.end();)
            it = it.key().rfind("x-amzn", 0) == 0 || it.key().rfind("x-forwarded-", 0) == 0 ? headers.erase(it) : std::next(it);
    const std::string host = request.header("host").toStdString();
    response.status = 200;
    response.body = QByteArray::fromStdString(json({{"args", args}, {"data", request.body.toStdString()}, {"domain", host},
                                                    {"headers", headers}, {"method", request.method.toStdString()},
                                                    {"origin", request.peerIp.toStdString()}, {"path", path.toStdString()}})
                                                  .dump());
    return response;
}

test::LocalBackend &functionUrl()
{
    static test::LocalBackend backend(functionUrlAnswer);
    return backend;
}

// Why a case is not run yet (empty: it runs).
std::string notServedYet(const json &c)
{
    const std::string kind = c["kind"];
    const std::string id = c["id"];
    if (kind == "routing" || kind == "mock-integration" || kind == "response-headers" || kind == "lambda-proxy-event" ||
        kind == "lambda-proxy-response" || kind == "lambda-custom-integration" || kind == "request-validation" ||
        kind == "http-integration")
        return {};
    if (id == "header-mapping/aws_proxy/no-param")
        return "its answer's Content-Length is that of the proxy event itself, whose account, ids and CloudFront headers differ locally";
    if (id == "header-mapping/http_proxy/no-param" || id == "header-mapping/http_proxy/full")
        return "its answer's headers are httpbin.org's own (gunicorn's Server, CORS headers, the byte length of httpbin's echo)";
    if (kind == "header-mapping")
        return {};
    if (id.rfind("gateway-response-config/default/", 0) == 0)
        return {}; // GetGatewayResponses' defaults: compared with the API's table (defaultsCase)
    if (kind == "gateway-response-config" || kind == "integration-response-config" || kind == "integration-config")
        return "management API calls (Put/Get...) are not part of a local gateway's serving; the project file holds this configuration";
    if (kind == "test-invoke-method" || kind == "binary-content-handling" || kind == "aws-service-integration")
        return {};
    return kind + ": this integration type or feature is not served on REST APIs yet";
}

// The AWS services the recordings call, and the names a case's bucket, table and stream get
// there (one of each per case, so no case sees another's objects).
test::LocalAwsServices *g_services = nullptr;
QString g_servicesMissing;

struct CaseNames {
    std::string bucket, table, stream;
};

CaseNames caseNames(int index)
{
    const std::string n = std::to_string(index);
    return {"bucket-" + n, "table-" + n, "stream-" + n};
}

// The case's API set-up with the recorder's placeholders for its AWS resources made real.
json setupFor(const json &c, const CaseNames &names)
{
    std::string text = c["api_setup"].dump();
    const std::pair<std::string, std::string> kReplace[] = {
        {"<bucket>", names.bucket}, {"<table-name>", names.table}, {"<stream-name>", names.stream}, {"<region>", "us-east-1"}};
    for (const auto &[from, to] : kReplace)
        for (size_t at; (at = text.find(from)) != std::string::npos;)
            text.replace(at, from.size(), to);
    return json::parse(text);
}

json projectFor(const json &c, const json &setup)
{
    json resources = json::array();
    for (const json &resource : setup["resources"]) {
        json methods = json::array();
        for (const json &m : resource["methods"]) {
            json method = {{"httpMethod", m["httpMethod"]}};
            for (const char *field : {"requestParameters", "requestModels", "requestValidator"})
                if (m.contains(field))
                    method[field] = m[field]; // the recording names validators by name: here the name is the id
            json integration = {{"type", m["integration"]["type"]}};
            for (const char *field : {"requestTemplates", "passthroughBehavior", "integrationResponses", "requestParameters", "contentHandling"})
                if (m["integration"].contains(field))
                    integration[field] = m["integration"][field];
            if (integration.contains("integrationResponses"))
                for (json &response : integration["integrationResponses"])
                    response.erase("openapi_key");
            if (integration["type"] == "AWS_PROXY") {
                // The recorded backends: one returns the event it got as its body, one returns
                // the client's body as its proxy response.
                const std::string backend = m["integration"].value("backend", std::string());
                integration["function"] = backend.find("json.loads(event") != std::string::npos ? "mirror" : "echo";
                if (m["integration"].contains("httpMethod"))
                    integration["httpMethod"] = m["integration"]["httpMethod"];
            }
            if (integration["type"] == "AWS" &&
                m["integration"].value("uri", std::string()).find(":lambda:path/") != std::string::npos) {
                // The recorded Lambda custom backends: lambda_select_pattern.py below, or the echo.
                const std::string backend = m["integration"].value("backend", std::string());
                integration["function"] = backend.find("lambda_select_pattern") != std::string::npos ? "select"
                                          : backend.find("response from localstack lambda") != std::string::npos ? "invoked"
                                                                                                                    : "echo";
                integration["httpMethod"] = m["integration"]["httpMethod"];
            }
            if (integration["type"] == "AWS" &&
                m["integration"].value("uri", std::string()).find(":lambda:path/") == std::string::npos) {
                // An AWS service: sent to the local one (awsServiceEndpoints below), the role kept.
                for (const char *field : {"uri", "httpMethod", "credentials"})
                    integration[field] = m["integration"][field];
            }
            if (integration["type"] == "HTTP" || integration["type"] == "HTTP_PROXY") {
                // The recorded endpoints (a Function URL, httpbin.org), served locally.
                std::string uri = m["integration"].value("uri", std::string());
                const std::string local = "http://127.0.0.1:" + std::to_string(functionUrl().port()) + "/";
                for (const std::string placeholder : {"<lambda-function-url ending in '/'>", "<lambda-function-url>", "http://httpbin.org/"})
                    if (uri.rfind(placeholder, 0) == 0)
                        uri = local + uri.substr(placeholder.size());
                integration["uri"] = uri;
                integration["httpMethod"] = m["integration"]["httpMethod"];
            }
            method["integration"] = integration;
            methods.push_back(method);
        }
        resources.push_back({{"path", resource["path"]}, {"methods", methods}});
    }
    json validators = json::array();
    for (const json &v : setup.value("request_validators", json::array()))
        validators.push_back({{"id", v["name"]}, {"name", v["name"]}, {"validateRequestBody", v.value("validateRequestBody", false)},
                              {"validateRequestParameters", v.value("validateRequestParameters", false)}});
    json models = json::array();
    for (const json &model : setup.value("models", json::array()))
        models.push_back({{"name", model["name"]}, {"contentType", model["contentType"]}, {"schema", model["schema"]}});
    json endpoints = json::object();
    if (g_services)
        for (const char *service : {"s3", "dynamodb", "kinesis"})
            endpoints[service] = g_services->endpointOf(service);
    const SigV4Credentials key = test::LocalAwsServices::credentials();
    return {{"format", "gatewright-project"}, {"version", 1}, {"name", "recorded"}, {"region", "us-east-1"},
            {"accountId", "111111111111"}, {"awsServiceEndpoints", endpoints},
            {"awsCredentials", {{"accessKeyId", key.accessKeyId.toStdString()}, {"secretAccessKey", key.secretAccessKey.toStdString()}}},
            {"functions", {{{"name", "echo"}, {"runtime", "python3"}, {"handler", "app.handler"}, {"codeDir", "echo"}},
                           {{"name", "mirror"}, {"runtime", "python3"}, {"handler", "app.handler"}, {"codeDir", "mirror"}},
                           {{"name", "select"}, {"runtime", "python3"}, {"handler", "lambda_select_pattern.handler"}, {"codeDir", "select"}},
                           {{"name", "invoked"}, {"runtime", "nodejs"}, {"handler", "index.handler"}, {"codeDir", "invoked"}}}},
            {"apis", {{{"id", "api"}, {"name", "recorded"}, {"type", "REST"}, {"port", 0},
                       {"stages", {{{"name", setup.value("stage", std::string("dev"))}}}}, {"resources", resources},
                       {"models", models}, {"requestValidators", validators},
                       {"binaryMediaTypes", setup.value("binaryMediaTypes", json::array())}}}}};
}

bool isPlaceholder(const std::string &value);

// "AmazonAPIGateway_<rest_api_id:1>": literal text around placeholders, each matching any value.
bool matchesWithPlaceholders(const std::string &expected, const std::string &actual)
{
    if (expected.find('<') == std::string::npos || expected.find('>') == std::string::npos)
        return false;
    QString pattern;
    const QString text = QString::fromStdString(expected);
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype open = text.indexOf(QLatin1Char('<'), i);
        const qsizetype close = open < 0 ? -1 : text.indexOf(QLatin1Char('>'), open);
        if (close < 0) {
            pattern += QRegularExpression::escape(text.mid(i));
            break;
        }
        pattern += QRegularExpression::escape(text.mid(i, open - i)) + QStringLiteral(".+");
        i = close + 1;
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(QString::fromStdString(actual)).hasMatch();
}

bool isPlaceholder(const std::string &value)
{
    static const std::set<std::string> bare = {"datetime", "timestamp", "date", "content-length", "content_length", "x-amz-apigw-id"};
    return bare.count(value) || (value.size() > 2 && value.front() == '<' && value.back() == '>');
}

bool isCloudFrontHeader(const std::string &name)
{
    const std::string lower = QByteArray::fromStdString(name).toLower().toStdString();
    return lower.rfind("cloudfront-", 0) == 0 || lower == "via" || lower == "x-amz-cf-id";
}

// Compares what the service recorded with what came back: a placeholder matches any value,
// the CloudFront headers of an EDGE endpoint are not expected locally, and a JSON text the
// recorder decoded is compared decoded. Returns "" or where they differ.
std::string differ(const json &expected, const json &actual, const std::string &at)
{
    if (expected.is_string() && isPlaceholder(expected.get<std::string>()))
        return {};
    if (expected.is_object() && actual.is_string()) {
        const json decoded = json::parse(actual.get<std::string>(), nullptr, false);
        if (!decoded.is_discarded())
            return differ(expected, decoded, at);
    }
    if (expected.type() != actual.type())
        return at + ": expected " + expected.dump() + ", got " + actual.dump();
    if (expected.is_object()) {
        const bool headers = at.size() >= 7 && (at.substr(at.size() - 7) == "headers" || at.substr(at.size() - 7) == "Headers");
        for (auto &[key, value] : expected.items()) {
            if (headers && isCloudFrontHeader(key))
                continue;
            if (!actual.contains(key))
                return at + "." + key + ": missing";
            if (std::string d = differ(value, actual[key], at + "." + key); !d.empty())
                return d;
        }
        for (auto &[key, value] : actual.items())
            if (!expected.contains(key))
                return at + "." + key + ": not in the service's answer (" + value.dump() + ")";
        return {};
    }
    if (expected.is_array()) {
        if (expected.size() != actual.size())
            return at + ": expected " + std::to_string(expected.size()) + " items, got " + std::to_string(actual.size());
        for (size_t i = 0; i < expected.size(); ++i)
            if (std::string d = differ(expected[i], actual[i], at + "[" + std::to_string(i) + "]"); !d.empty())
                return d;
        return {};
    }
    if (expected.is_string() && matchesWithPlaceholders(expected.get<std::string>(), actual.get<std::string>()))
        return {};
    return expected == actual ? std::string() : at + ": expected " + expected.dump() + ", got " + actual.dump();
}

// A TestInvokeMethod recording, run as `gatewright invoke` runs it (LocalInvoker): the status,
// headers and body, and the execution log line by line ("DDD MMM dd hh:mm:ss UTC yyyy" is the
// date, <...> any value). Two lines are compared up to their first brace: the headers of Lambda's
// own HTTP exchange (its SigV4 signature going in, its HTTP framing coming back), which a local
// function call has no equivalent of.
void invokeCase(const json &c, const Project &project, const QString &baseDir)
{
    const json &body = c["request"]["body"];
    LocalInvoker invoker(project, baseDir);
    LocalRequest request;
    request.api = QStringLiteral("api");
    request.stage = QString::fromStdString(c["api_setup"].value("stage", std::string("dev")));
    request.method = QByteArray::fromStdString(c["api_setup"]["resources"][0]["methods"][0]["httpMethod"].get<std::string>());
    request.target = QByteArray::fromStdString(body["pathWithQueryString"].get<std::string>());
    request.body = QByteArray::fromStdString(body.value("body", std::string()));
    const json given = body.value("headers", json::object());
    for (auto &[name, value] : given.items())
        request.headers.push_back({QByteArray::fromStdString(name), QByteArray::fromStdString(value.get<std::string>())});
    std::optional<LocalResult> result;
    QString error;
    QVERIFY2(invoker.invoke(request, [&](LocalResult r) { result = std::move(r); }, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    const json &expected = c["expected"]["body"];
    QCOMPARE(result->response.status, expected["status"].get<int>());
    const json got = json::parse(result->response.body.toStdString(), nullptr, false);
    const std::string d = differ(expected["body"], got, "body");
    QVERIFY2(d.empty(), d.c_str());
    for (auto &[name, value] : expected["headers"].items()) {
        const QByteArray actual = result->response.header(QByteArray::fromStdString(name));
        QVERIFY2(!actual.isNull(), ("missing header " + name).c_str());
        if (!isPlaceholder(value.get<std::string>()))
            QCOMPARE(actual, QByteArray::fromStdString(value.get<std::string>()));
    }
    const QStringList lines = executionLogText(result->log).split(QLatin1Char('\n'));
    const json &log = expected["log"];
    QCOMPARE(lines.size(), int(log.size()));
    int i = 0;
    for (auto &[key, value] : log.items()) {
        std::string wanted = value.get<std::string>();
        static const std::string kDate = "DDD MMM dd hh:mm:ss UTC yyyy";
        QString line = lines[i++];
        if (wanted.rfind(kDate, 0) == 0) {
            static const QRegularExpression date(QStringLiteral("^[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\d{4}"));
            QVERIFY2(date.match(line).hasMatch(), qPrintable(line));
            line = line.mid(28);
            wanted = wanted.substr(kDate.size());
        }
        if (wanted.find("Endpoint request headers: {") != std::string::npos || wanted.find("Endpoint response headers: {") != std::string::npos) {
            wanted = wanted.substr(0, wanted.find('{') + 1);
            line = line.left(int(wanted.size()));
        }
        const std::string actual = line.toStdString();
        QVERIFY2(actual == wanted || matchesWithPlaceholders(wanted, actual), (key + ": expected '" + wanted + "', got '" + actual + "'").c_str());
    }
}

// Writes a recorded backend's code at dir/relativePath.
bool writeFunction(const QTemporaryDir &dir, const QString &relativePath, const QByteArray &code)
{
    QDir().mkpath(QFileInfo(dir.filePath(relativePath)).path());
    QFile file(dir.filePath(relativePath));
    return file.open(QIODevice::WriteOnly) && file.write(code) == code.size();
}


// A recorded body: its text, or its bytes when the recording gives them in base64.
QByteArray bodyOf(const json &request)
{
    if (request.contains("body_base64") && request["body_base64"].is_string())
        return QByteArray::fromBase64(QByteArray::fromStdString(request["body_base64"].get<std::string>()));
    return request.contains("body") && request["body"].is_string() ? QByteArray::fromStdString(request["body"].get<std::string>())
                                                                   : QByteArray();
}

// The recorded request as it went on the wire: exactly its headers, nothing a client library would add.
QByteArray wireFor(const json &req, quint16 port)
{
    QString path = QString::fromStdString(req["path"].get<std::string>());
    if (req.contains("query") && req["query"].is_string())
        path += QLatin1Char('?') + QString::fromStdString(req["query"].get<std::string>());
    QByteArray wire = QByteArray::fromStdString(req["method"].get<std::string>()) + ' ' + path.toUtf8() + " HTTP/1.1\r\n";
    wire += "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    bool chunked = false;
    if (req.contains("headers") && req["headers"].is_object())
        for (auto &[name, value] : req["headers"].items()) {
            if (name == "Content-Length" || QByteArray::fromStdString(name).toLower() == "host")
                continue;
            chunked = chunked || (QByteArray::fromStdString(name).toLower() == "transfer-encoding" && value == "chunked");
            wire += QByteArray::fromStdString(name) + ": " + QByteArray::fromStdString(value.get<std::string>()) + "\r\n";
        }
    const QByteArray body = bodyOf(req);
    if (chunked) // the recorded headers declare a chunked body: the body, chunked (empty: just the last chunk)
        wire += "\r\n" + (body.isEmpty() ? QByteArray() : QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n") + "0\r\n\r\n";
    else if (!body.isEmpty() || req["method"] != "GET")
        wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    else
        wire += "\r\n";
    return wire;
}

// An XML document as the recorder's xmltodict reads it: an element with children is an object
// of them, one with text only its text.
json xmlToJson(QXmlStreamReader &xml)
{
    json children = json::object();
    QString text;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const std::string name = xml.name().toString().toStdString();
            children[name] = xmlToJson(xml);
        } else if (token == QXmlStreamReader::Characters) {
            text += xml.text();
        } else if (token == QXmlStreamReader::EndElement) {
            break;
        }
    }
    return children.empty() ? json(text.trimmed().toStdString()) : children;
}

// The objects the binary response cases read, written to S3 directly: the bytes each name has
// in the request cases (binary-raw, binary-encoded, text).
std::map<std::string, QByteArray> recordedObjects(const json &cases)
{
    std::map<std::string, QByteArray> objects;
    for (const json &c : cases["cases"]) {
        const json &req = c["request"];
        if (c["kind"] == "binary-content-handling" && req.value("method", std::string()) == "PUT" && req.contains("body_base64")) {
            const std::string path = req["path"];
            objects.emplace(path.substr(path.rfind('/') + 1), bodyOf(req));
        }
    }
    return objects;
}

bool usesService(const json &setup, const std::string &service)
{
    return setup.dump().find("arn:aws:apigateway:us-east-1:" + service + ":") != std::string::npos;
}

json jsonOf(const test::RawAnswer &answer)
{
    return json::parse(answer.body.toStdString(), nullptr, false);
}

// What a case's AWS resources hold before it runs; "" or what failed.
std::string prepareServices(const json &c, const json &setup, const CaseNames &names, const json &cases)
{
    test::LocalAwsServices &aws = *g_services;
    auto expectOk = [](const test::RawAnswer &a, const std::string &what) {
        return a.status == 200 ? std::string() : what + ": " + std::to_string(a.status) + " " + a.error.toStdString() + a.body.toStdString();
    };
    if (usesService(setup, "s3")) {
        if (std::string e = expectOk(aws.call("s3", "PUT", QByteArray::fromStdString("/" + names.bucket), {}), "CreateBucket"); !e.empty())
            return e;
        if (c["id"].get<std::string>().find("/response/") != std::string::npos)
            for (const auto &[name, bytes] : recordedObjects(cases)) // no Content-Type: S3 keeps binary/octet-stream
                if (std::string e = expectOk(aws.call("s3", "PUT", QByteArray::fromStdString("/" + names.bucket + "/" + name), bytes),
                                             "PutObject " + name);
                    !e.empty())
                    return e;
    }
    if (usesService(setup, "dynamodb")) {
        const json table = {{"TableName", names.table},
                            {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
                            {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
                            {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}}};
        if (std::string e = expectOk(aws.call("dynamodb", "POST", "/", QByteArray::fromStdString(table.dump()), "CreateTable"), "CreateTable");
            !e.empty())
            return e;
        // dynalite makes the table ACTIVE on its next tick.
        for (int tries = 0; tries < 100; ++tries) {
            const json described = jsonOf(aws.call("dynamodb", "POST", "/", QByteArray::fromStdString(json({{"TableName", names.table}}).dump()),
                                                   "DescribeTable"));
            if (described.is_object() && described.contains("Table") && described["Table"].value("TableStatus", std::string()) == "ACTIVE")
                break;
            QThread::msleep(20);
        }
        for (const char *id : {"test", "test2", "test 3"}) {
            const json item = {{"TableName", names.table}, {"Item", {{"id", {{"S", id}}}}}};
            if (std::string e = expectOk(aws.call("dynamodb", "POST", "/", QByteArray::fromStdString(item.dump()), "PutItem"), "PutItem");
                !e.empty())
                return e;
        }
    }
    if (usesService(setup, "kinesis")) {
        const json stream = {{"StreamName", names.stream}, {"ShardCount", 1}};
        if (std::string e = expectOk(aws.call("kinesis", "POST", "/", QByteArray::fromStdString(stream.dump()), "CreateStream"), "CreateStream");
            !e.empty())
            return e;
        for (int tries = 0; tries < 100; ++tries) {
            const json described = jsonOf(aws.call("kinesis", "POST", "/", QByteArray::fromStdString(json({{"StreamName", names.stream}}).dump()),
                                                   "DescribeStreamSummary"));
            if (described.is_object() && described.contains("StreamDescriptionSummary") &&
                described["StreamDescriptionSummary"].value("StreamStatus", std::string()) == "ACTIVE")
                break;
            QThread::msleep(20);
        }
    }
    return {};
}

// The recorded effects on the services (the bytes S3 got, a table's items, a stream's records); "" or where they differ.
std::string checkServices(const json &c, const CaseNames &names)
{
    test::LocalAwsServices &aws = *g_services;
    const json &expected = c["expected"];
    if (expected.contains("integration_request")) {
        const std::string path = c["request"]["path"];
        const test::RawAnswer object =
            aws.call("s3", "GET", QByteArray::fromStdString("/" + names.bucket + "/" + path.substr(path.rfind('/') + 1)), {});
        const json &sent = expected["integration_request"];
        const QByteArray wanted = QByteArray::fromBase64(QByteArray::fromStdString(sent["body_base64"].get<std::string>()));
        if (object.body != wanted)
            return "S3 got " + object.body.toBase64().toStdString() + ", the service sent " + wanted.toBase64().toStdString();
        if (object.headers.count("content-type") == 0 || object.headers.at("content-type") != sent["content_type"].get<std::string>())
            return "S3 stored Content-Type '" + (object.headers.count("content-type") ? object.headers.at("content-type") : std::string()) +
                   "', the service forwarded " + sent["content_type"].dump();
    }
    const json effect = expected.value("backend_effect", json::object());
    if (effect.contains("table_items_sorted")) {
        const json scan = jsonOf(aws.call("dynamodb", "POST", "/", QByteArray::fromStdString(json({{"TableName", names.table}}).dump()), "Scan"));
        json items = scan.value("Items", json::array());
        std::sort(items.begin(), items.end(), [](const json &a, const json &b) { return a["id"]["S"] < b["id"]["S"]; });
        if (std::string d = differ(effect["table_items_sorted"], items, "table"); !d.empty())
            return d;
    }
    if (effect.contains("kinesis_records")) {
        const json shards = jsonOf(aws.call("kinesis", "POST", "/", QByteArray::fromStdString(json({{"StreamName", names.stream}}).dump()), "ListShards"));
        const json iterator = jsonOf(aws.call("kinesis", "POST", "/",
                                              QByteArray::fromStdString(json({{"StreamName", names.stream},
                                                                              {"ShardId", shards["Shards"][0]["ShardId"]},
                                                                              {"ShardIteratorType", "TRIM_HORIZON"}})
                                                                            .dump()),
                                              "GetShardIterator"));
        const json records = jsonOf(aws.call("kinesis", "POST", "/",
                                             QByteArray::fromStdString(json({{"ShardIterator", iterator["ShardIterator"]}}).dump()), "GetRecords"));
        json got = json::array();
        for (const json &r : records.value("Records", json::array()))
            got.push_back({{"Data_utf8", QByteArray::fromBase64(QByteArray::fromStdString(r["Data"].get<std::string>())).toStdString()},
                           {"PartitionKey", r["PartitionKey"]}});
        if (std::string d = differ(effect["kinesis_records"], got, "records"); !d.empty())
            return d;
    }
    return {};
}

} // namespace

// A default gateway response as GetGatewayResponses lists it: the type's status code (DEFAULT_4XX
// and DEFAULT_5XX are listed without one) and the template {"message":$context.error.messageString},
// which the API's table, filled, must answer with.
void defaultsCase(const json &c)
{
    const json &body = c["expected"]["body"];
    const auto type = gatewayResponseTypeNamed(body["responseType"].get<std::string>());
    QVERIFY2(type, body.dump().c_str());
    const GatewayResponses table = GatewayResponses::forApiType(ApiType::Rest);
    const GatewayResponseSpec &spec = table.spec(*type);
    if (body.contains("statusCode"))
        QCOMPARE(spec.status, QByteArray::fromStdString(body["statusCode"].get<std::string>()).toInt());
    QCOMPARE(QString::fromStdString(body["responseTemplates"]["application/json"].get<std::string>()),
             QStringLiteral("{\"message\":$context.error.messageString}"));
    QVERIFY(body["responseParameters"].empty() && spec.headers.empty());
    ContextVariables values;
    values.errorMessage = QString::fromLatin1(spec.message);
    QByteArray rendered = table.render(*type, values).body;
    rendered.replace("{\"message\": ", "{\"message\":"); // the spaced integration-failure bodies (header-mapping recordings)
    QCOMPARE(rendered, "{\"message\":\"" + spec.message + "\"}"); // no message has a quote to escape
}

class TestRestRecorded : public QObject {
    Q_OBJECT
private slots:
    void recorded_data();
    void recorded();
    void initTestCase();
    void cleanupTestCase();

};

void TestRestRecorded::initTestCase()
{
    static test::LocalAwsServices services;
    QString why;
    if (services.start(&why))
        g_services = &services;
    else
        g_servicesMissing = why;
    // CI installs them (scripts/test.sh): there a missing service is a failure, not a skip.
    if (qEnvironmentVariable("CI") == QLatin1String("true"))
        QVERIFY2(g_services, qPrintable(why));
}

void TestRestRecorded::recorded_data()
{
    QTest::addColumn<int>("index");
    const json cases = readCases();
    QVERIFY2(cases.is_object(), "../shared/conformance/rest-recorded/cases.json is missing");
    QCOMPARE(int(cases["cases"].size()), cases["count"].get<int>());
    for (size_t i = 0; i < cases["cases"].size(); ++i)
        QTest::newRow(cases["cases"][i]["id"].get<std::string>().c_str()) << int(i);
}

void TestRestRecorded::recorded()
{
    QFETCH(int, index);
    static const json cases = readCases();
    const json &c = cases["cases"][size_t(index)];
    auto &[passed, total] = g_counts[c["kind"].get<std::string>()];
    ++total;
    const std::string why = notServedYet(c);
    if (!why.empty())
        QSKIP(why.c_str());
    if (c["id"].get<std::string>().rfind("gateway-response-config/default/", 0) == 0) {
        defaultsCase(c);
        if (!QTest::currentTestFailed())
            ++passed;
        return;
    }
    const CaseNames names = caseNames(index);
    const json setup = setupFor(c, names);
    const bool aws = usesService(setup, "s3") || usesService(setup, "dynamodb") || usesService(setup, "kinesis");
    if (aws && !g_services)
        QSKIP(qPrintable(g_servicesMissing));

    g_echoDropsAmznHeaders = c.dump().find("are removed from the echo") != std::string::npos;
    static QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        QVERIFY(writeFunction(dir, QStringLiteral("echo/app.py"), "import json\ndef handler(event, context):\n"
                  "    return {'statusCode': 200, 'body': json.dumps(event), 'isBase64Encoded': False}\n"));
        // The other recorded backend: the client's JSON body is the proxy response it returns.
        QVERIFY(writeFunction(dir, QStringLiteral("mirror/app.py"), "import base64, json\ndef handler(event, context):\n"
                     "    body = event['body']\n"
                     "    if event.get('isBase64Encoded'):\n        body = base64.b64decode(body)\n"
                     "    return json.loads(body)\n"));
        // The TestInvokeMethod recordings' backend (nodejs18.x there).
        QVERIFY(writeFunction(dir, QStringLiteral("invoked/index.js"), "exports.handler = async (event) => ({statusCode: 200, body: JSON.stringify('response from localstack lambda: ' + "
                      "JSON.stringify(event)), isBase64Encoded: false, headers: {}});\n"));
        // The selection-pattern backend, its raise statements on lines 7 and 9 as in the recording.
        QVERIFY(writeFunction(dir, QStringLiteral("select/lambda_select_pattern.py"), "# lambda-custom-integration/selection-pattern's backend\n"
                     "def handler(event, context):\n"
                     "    status = event['statusCode']\n"
                     "    if status == '200':\n"
                     "        return 'Pass'\n"
                     "    if status == '400':\n"
                     "        raise Exception(\"Error: Raising four hundred from within the Lambda function\")\n"
                     "    if status == '500':\n"
                     "        raise Exception(\"Error: Raising five hundred from within the Lambda function\")\n"));
    }
    LoadResult loaded = parseProject(QByteArray::fromStdString(projectFor(c, setup).dump()), QStringLiteral("recorded.json"), dir.path());
    if (auto *error = std::get_if<ProjectError>(&loaded))
        QFAIL(qPrintable(error->toString()));
    if (c["kind"] == "test-invoke-method") {
        invokeCase(c, std::get<LoadedProject>(loaded).project, dir.path());
        if (!QTest::currentTestFailed())
            ++passed;
        return;
    }
    Gateway gateway;
    QString error;
    QVERIFY2(gateway.start(std::get<LoadedProject>(loaded).project, dir.path(), &error), qPrintable(error));
    const quint16 port = gateway.endpoints().first().port;
    if (aws) {
        const std::string failed = prepareServices(c, setup, names, cases);
        QVERIFY2(failed.empty(), failed.c_str());
    }
    const json &req = c["request"];
    for (const json &before : req.value("setup_requests", json::array())) {
        const test::RawAnswer a = test::rawExchange(port, wireFor(before, port));
        QVERIFY2(a.status > 0, a.error.constData());
    }
    const test::RawAnswer answer = test::rawExchange(port, wireFor(req, port));
    QVERIFY2(answer.status > 0, answer.error.constData());
    const int status = answer.status;
    std::map<std::string, std::string> headers = answer.headers;
    QByteArray received = answer.body;
    // A function's stack trace names its code directory, /var/task on the service.
    received.replace(QDir(dir.filePath(QStringLiteral("select"))).absolutePath().toUtf8(), "/var/task");

    const json &expected = c["expected"];
    if (expected["status"].is_number())
        QCOMPARE(status, expected["status"].get<int>());
    const std::string assertion = expected.value("status_assertion", std::string());
    if (assertion == "ok")
        QVERIFY2(status >= 200 && status < 300, std::to_string(status).c_str());
    if (assertion.rfind("not ok", 0) == 0)
        QVERIFY2(status >= 400, std::to_string(status).c_str());
    if (expected.contains("headers") && expected["headers"].is_object()) {
        for (auto &[name, value] : expected["headers"].items()) {
            const std::string lower = QByteArray::fromStdString(name).toLower().toStdString();
            if (kCloudFrontHeaders.count(lower))
                continue;
            QVERIFY2(headers.count(lower), ("missing header " + name).c_str());
            if (!isPlaceholder(value.get<std::string>()))
                QCOMPARE(QString::fromStdString(headers[lower]), QString::fromStdString(value.get<std::string>()));
        }
        if (expected.value("headers_complete", false))
            for (const auto &[name, value] : headers) {
                bool listed = false;
                for (auto &[expectedName, v] : expected["headers"].items())
                    listed = listed || QByteArray::fromStdString(expectedName).toLower().toStdString() == name;
                QVERIFY2(listed, ("header the service does not send: " + name).c_str());
            }
    }
    const std::string format = expected.value("body_format", std::string());
    if (format == "json") {
        const json got = json::parse(received.toStdString(), nullptr, false);
        QVERIFY2(!got.is_discarded(), ("not JSON: " + received.toStdString()).c_str());
        const std::string d = differ(expected["body"], got, "body");
        QVERIFY2(d.empty(), d.c_str());
    } else if (format == "empty") {
        QCOMPARE(received, QByteArray());
    } else if (format == "text") {
        QCOMPARE(received, QByteArray::fromStdString(expected["body"].get<std::string>()));
    } else if (format == "base64") {
        QCOMPARE(received.toBase64(), QByteArray::fromStdString(expected["body_base64"].get<std::string>()));
    } else if (format == "xml-parsed") {
        QXmlStreamReader xml(received);
        json got = xmlToJson(xml);
        QVERIFY2(!xml.hasError(), ("not XML: " + received.toStdString()).c_str());
        // S3's own request and host ids: the local S3 (s3rver) writes none.
        json wanted = expected["body"];
        for (auto &[root, fields] : wanted.items())
            for (const char *id : {"RequestId", "HostId"})
                if (fields.is_object() && got.contains(root) && got[root].is_object() && !got[root].contains(id))
                    fields.erase(id);
        const std::string d = differ(wanted, got, "body");
        QVERIFY2(d.empty(), d.c_str());
    }
    if (aws) {
        const std::string d = checkServices(c, names);
        QVERIFY2(d.empty(), d.c_str());
    }
    ++passed;
}

void TestRestRecorded::cleanupTestCase()
{
    for (const auto &[kind, counts] : g_counts)
        qInfo("REST recorded, %s: %d of %d passed", kind.c_str(), counts.first, counts.second);
}

QTEST_MAIN(TestRestRecorded)
#include "tst_rest_recorded.moc"
