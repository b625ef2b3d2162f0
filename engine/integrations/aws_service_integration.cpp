#include "aws_service_integration.h"

#include <map>

namespace gw {

std::optional<AwsJsonProtocol> awsJsonProtocolOf(const std::string &service)
{
    // The target prefixes of the services' own API models (botocore's metadata.targetPrefix and jsonVersion).
    static const std::map<std::string, AwsJsonProtocol> kJson = {
        {"dynamodb", {"DynamoDB_20120810", "application/x-amz-json-1.0"}},
        {"kinesis", {"Kinesis_20131202", "application/x-amz-json-1.1"}},
        {"firehose", {"Firehose_20150804", "application/x-amz-json-1.1"}},
        {"states", {"AWSStepFunctions", "application/x-amz-json-1.0"}},
        {"events", {"AWSEvents", "application/x-amz-json-1.1"}},
        {"logs", {"Logs_20140328", "application/x-amz-json-1.1"}},
        {"secretsmanager", {"secretsmanager", "application/x-amz-json-1.1"}},
        {"ssm", {"AmazonSSM", "application/x-amz-json-1.1"}},
        {"kms", {"TrentService", "application/x-amz-json-1.1"}},
        {"cognito-idp", {"AWSCognitoIdentityProviderService", "application/x-amz-json-1.1"}},
    };
    const auto found = kJson.find(service);
    if (found == kJson.end())
        return std::nullopt;
    return found->second;
}

AwsServiceIntegration::AwsServiceIntegration(std::shared_ptr<const BackendUriTemplate> endpoint, Signing signing, ClockPtr clock)
    : m_http(std::move(endpoint), HttpIntegration::Tls{}, clock), m_signing(std::move(signing)), m_clock(std::move(clock))
{
}

QByteArray AwsServiceIntegration::endpointUri(const IntegrationRequest &request, const std::string &region, const std::string &account) const
{
    return m_http.endpointUri(request, region, account);
}

void AwsServiceIntegration::sign(IntegrationRequest &request, const QByteArray &hostHeader, const Signing &signing, qint64 nowMs)
{
    auto set = [&](const QByteArray &name, const QByteArray &value) {
        std::erase_if(request.headers, [&](const HttpHeader &h) { return h.name.compare(name, Qt::CaseInsensitive) == 0; });
        request.headers.push_back({name, value});
    };
    if (!signing.amzTarget.isEmpty()) {
        set(QByteArrayLiteral("X-Amz-Target"), signing.amzTarget);
        set(QByteArrayLiteral("Content-Type"), signing.jsonContentType);
    }
    const QByteArray amzDate = sigV4AmzDate(nowMs);
    const QByteArray payloadHash = sigV4PayloadHash(request.body);
    set(QByteArrayLiteral("X-Amz-Date"), amzDate);
    const bool s3 = signing.service == "s3";
    if (s3) // S3 refuses a signed request without it
        set(QByteArrayLiteral("x-amz-content-sha256"), payloadHash);
    if (!signing.credentials.sessionToken.isEmpty())
        set(QByteArrayLiteral("X-Amz-Security-Token"), signing.credentials.sessionToken);

    SigV4Request signable;
    signable.method = request.method;
    const qsizetype q = request.target.indexOf('?');
    signable.path = q < 0 ? request.target : request.target.left(q);
    signable.query = q < 0 ? QByteArray() : request.target.mid(q + 1);
    signable.payloadHash = payloadHash;
    signable.headers.push_back({QByteArrayLiteral("host"), hostHeader});
    for (const HttpHeader &h : request.headers) {
        const QByteArray lower = h.name.toLower();
        if (lower == "content-type" || lower.startsWith("x-amz-"))
            signable.headers.push_back(h);
    }
    const SigV4Scope scope{signing.region, signing.service, amzDate, s3};
    set(QByteArrayLiteral("Authorization"), sigV4Authorization(signable, scope, signing.credentials));
}

void AwsServiceIntegration::invoke(IntegrationRequest request, IntegrationDone done) const
{
    sign(request, m_http.backend().hostHeader(), m_signing, m_clock->wallMs());
    m_http.invoke(std::move(request), std::move(done));
}

} // namespace gw
