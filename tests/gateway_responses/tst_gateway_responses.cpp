// Gateway responses per API type (the service's statuses and bodies) and the per-API overrides
// the model stores for REST APIs (status, header, template with $context variables).
#include "config/gateway_responses.h"

#include <QTest>

using namespace gw;

class TestGatewayResponses : public QObject {
    Q_OBJECT
private slots:
    void httpApiDefaults_data();
    void httpApiDefaults();
    void restApiDiffersWhereTheServiceDoes();
    void overridesApply();
    void defaultClassOverridesStandForUncustomisedTypes();
    void parametersAndTemplatesReadTheRequestAndStage();
    void typeNamesRoundTrip();
};

void TestGatewayResponses::httpApiDefaults_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    // Recorded (aws-lambda-dotnet-recorded *HandlesZeroStatusCode*) and README behaviour notes.
    QTest::newRow("no route") << int(GatewayResponseType::MissingAuthenticationToken) << 404 << QByteArray(R"({"message":"Not Found"})");
    QTest::newRow("integration failure") << int(GatewayResponseType::IntegrationFailure) << 500
                                         << QByteArray(R"({"message":"Internal Server Error"})");
    QTest::newRow("integration timeout") << int(GatewayResponseType::IntegrationTimeout) << 503
                                         << QByteArray(R"({"message":"Service Unavailable"})");
    QTest::newRow("too large") << int(GatewayResponseType::RequestTooLarge) << 413 << QByteArray(R"({"message":"Request Entity Too Large"})");
    QTest::newRow("throttled") << int(GatewayResponseType::Throttled) << 429 << QByteArray(R"({"message":"Too Many Requests"})");
    QTest::newRow("unauthorized") << int(GatewayResponseType::Unauthorized) << 401 << QByteArray(R"({"message":"Unauthorized"})");
    QTest::newRow("access denied") << int(GatewayResponseType::AccessDenied) << 403 << QByteArray(R"({"message":"Forbidden"})");
}

void TestGatewayResponses::httpApiDefaults()
{
    QFETCH(int, type);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    const HttpResponse response = GatewayResponses::forApiType(ApiType::Http).render(GatewayResponseType(type), {});
    QCOMPARE(response.status, status);
    QCOMPARE(response.body, body);
    QCOMPARE(response.header("content-type"), QByteArray("application/json"));
}

void TestGatewayResponses::restApiDiffersWhereTheServiceDoes()
{
    // REST APIs: 403 "Missing Authentication Token" for no resource, 502/504 for integrations.
    const GatewayResponses rest = GatewayResponses::forApiType(ApiType::Rest);
    QCOMPARE(rest.render(GatewayResponseType::MissingAuthenticationToken, {}).status, 403);
    QCOMPARE(rest.render(GatewayResponseType::MissingAuthenticationToken, {}).body,
             QByteArray(R"({"message":"Missing Authentication Token"})"));
    // A Lambda proxy's bad answer is 502 (recorded: lambda-proxy-response/*); INTEGRATION_FAILURE
    // itself is 504 (recorded: gateway-response-config/default/INTEGRATION_FAILURE).
    QCOMPARE(rest.render(GatewayResponseType::BadGateway, {}).status, 502);
    QCOMPARE(rest.render(GatewayResponseType::IntegrationFailure, {}).status, 504);
    // Integration failures are written with a space, client errors without (recorded:
    // rest-recorded header-mapping/*/map-*, Content-Length 36).
    QCOMPARE(rest.render(GatewayResponseType::BadGateway, {}).body, QByteArray(R"({"message": "Internal server error"})"));
    QCOMPARE(rest.render(GatewayResponseType::ApiConfigurationError, {}).body, QByteArray(R"({"message": "Internal server error"})"));
    QCOMPARE(rest.render(GatewayResponseType::BadRequestBody, {}).body, QByteArray(R"({"message":"Invalid request body"})"));
    QCOMPARE(rest.render(GatewayResponseType::IntegrationTimeout, {}).status, 504);
}

void TestGatewayResponses::overridesApply()
{
    GatewayResponses table = GatewayResponses::forApiType(ApiType::Rest);
    table.applyOverrides(Json::parse(R"({
        "MISSING_AUTHENTICATION_TOKEN": {"statusCode": "404",
            "responseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
            "responseTemplates": {"application/json": "{\"error\": $context.error.messageString, \"id\": \"$context.requestId\"}"}},
        "NOT_A_TYPE": {"statusCode": "418"}
    })"));
    ContextVariables values;
    values.requestId = "abc-123";
    values.errorMessage = QStringLiteral("Missing Authentication Token");
    const HttpResponse response = table.render(GatewayResponseType::MissingAuthenticationToken, values);
    QCOMPARE(response.status, 404);
    QCOMPARE(response.header("access-control-allow-origin"), QByteArray("*"));
    QCOMPARE(response.body, QByteArray(R"({"error": "Missing Authentication Token", "id": "abc-123"})"));
    // Other types keep their defaults.
    QCOMPARE(table.render(GatewayResponseType::Throttled, values).status, 429);
}

void TestGatewayResponses::defaultClassOverridesStandForUncustomisedTypes()
{
    // supported-gateway-response-types.html: a type "defaults to the DEFAULT_4XX type" (5XX)
    // when it is not customised itself; DEFAULT_4XX's status code changes the others' too.
    GatewayResponses table = GatewayResponses::forApiType(ApiType::Rest);
    table.applyOverrides(Json::parse(R"({
        "DEFAULT_4XX": {"statusCode": "418", "responseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"}},
        "DEFAULT_5XX": {"responseTemplates": {"application/json": "{\"oops\": $context.error.messageString}"}},
        "THROTTLED": {"statusCode": "429", "responseParameters": {"gatewayresponse.header.Retry-After": "'1'"}}
    })"));
    ContextVariables values;
    values.errorMessage = QStringLiteral("Missing Authentication Token");
    HttpResponse r = table.render(GatewayResponseType::MissingAuthenticationToken, values);
    QCOMPARE(r.status, 418);
    QCOMPARE(r.header("access-control-allow-origin"), QByteArray("*"));
    QCOMPARE(r.body, QByteArray(R"({"message":"Missing Authentication Token"})"));
    // A type customised itself takes nothing from DEFAULT_4XX.
    r = table.render(GatewayResponseType::Throttled, values);
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("access-control-allow-origin").isNull());
    QCOMPARE(r.header("retry-after"), QByteArray("1"));
    values.errorMessage = QStringLiteral("Internal server error");
    r = table.render(GatewayResponseType::BadGateway, values);
    QCOMPARE(r.status, 502);
    QCOMPARE(r.body, QByteArray(R"({"oops": "Internal server error"})"));
    QVERIFY(r.header("access-control-allow-origin").isNull());
}

void TestGatewayResponses::parametersAndTemplatesReadTheRequestAndStage()
{
    // The shape of the recorded PutGatewayResponse (rest-recorded gateway-response-config/*):
    // headers from the request's path, query and headers, a template reading the stage.
    GatewayResponses table = GatewayResponses::forApiType(ApiType::Rest);
    table.applyOverrides(Json::parse(R"({"MISSING_AUTHENTICATION_TOKEN": {"statusCode": "404",
        "responseParameters": {"gatewayresponse.header.x-request-path": "method.request.path.petId",
                               "gatewayresponse.header.x-request-query": "method.request.querystring.q",
                               "gatewayresponse.header.x-request-header": "method.request.header.Accept",
                               "gatewayresponse.header.x-stage": "stageVariables.a"},
        "responseTemplates": {"application/json": "{\"type\": \"$context.error.responseType\", \"a\": \"$stageVariables.a\", \"b\": \"$stageVariables.nope\"}"}}})"));
    HttpRequest request;
    request.method = "GET";
    request.target = "/dev/pets/7?q=one&q=two%20three";
    request.headers.push_back({"Accept", "text/html"});
    const std::map<std::string, std::string> path{{"petId", "7"}};
    const StringMap stage{{"a", "stage-a"}};
    ContextVariables values;
    values.errorResponseType = "MISSING_AUTHENTICATION_TOKEN";
    const HttpResponse r = table.render(GatewayResponseType::MissingAuthenticationToken, values, {&request, &path, &stage});
    QCOMPARE(r.status, 404);
    QCOMPARE(r.header("x-request-path"), QByteArray("7"));
    QCOMPARE(r.header("x-request-query"), QByteArray("two three"));
    QCOMPARE(r.header("x-request-header"), QByteArray("text/html"));
    QCOMPARE(r.header("x-stage"), QByteArray("stage-a"));
    QCOMPARE(r.body, QByteArray(R"({"type": "MISSING_AUTHENTICATION_TOKEN", "a": "stage-a", "b": ""})"));
}

void TestGatewayResponses::typeNamesRoundTrip()
{
    for (int t = 0; t < int(GatewayResponseType::RequestHeadersTooLarge); ++t) {
        const auto type = GatewayResponseType(t);
        QCOMPARE(gatewayResponseTypeNamed(gatewayResponseTypeName(type)), std::optional(type));
    }
    QCOMPARE(gatewayResponseTypeNamed("BOGUS"), std::nullopt);
}

QTEST_GUILESS_MAIN(TestGatewayResponses)
#include "tst_gateway_responses.moc"
