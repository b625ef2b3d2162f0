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
    QCOMPARE(rest.render(GatewayResponseType::IntegrationFailure, {}).status, 502);
    // Integration failures are written with a space, client errors without (recorded:
    // rest-recorded header-mapping/*/map-*, Content-Length 36).
    QCOMPARE(rest.render(GatewayResponseType::IntegrationFailure, {}).body, QByteArray(R"({"message": "Internal server error"})"));
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
