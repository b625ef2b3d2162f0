#pragma once
// An AWS service as a REST integration (arn:aws:apigateway:REGION:SERVICE:action/ACTION or
// path/PATH), sent to the endpoint the project sets for SERVICE and signed with SigV4 as the
// service signs its own calls. JSON-protocol actions (DynamoDB, Kinesis, Step Functions, ...)
// go as POST / with X-Amz-Target; query-protocol ones (SQS, SNS, ...) carry Action= in the
// query; path/ URIs name the resource (S3 path-style: /BUCKET/KEY).
#include "../api/clock.h"
#include "../common/sigv4.h"
#include "http_integration.h"

#include <memory>
#include <optional>
#include <string>

namespace gw {

// The target header and content type of a JSON-protocol service's actions ("DynamoDB_20120810",
// "application/x-amz-json-1.0"); none for query- and REST-protocol services.
struct AwsJsonProtocol {
    QByteArray targetPrefix;
    QByteArray contentType;
};
std::optional<AwsJsonProtocol> awsJsonProtocolOf(const std::string &service);

class AwsServiceIntegration : public IntegrationBackend {
public:
    struct Signing {
        std::string region;
        std::string service;        // the signing name: "s3", "dynamodb", "states", ...
        SigV4Credentials credentials;
        QByteArray amzTarget;       // JSON protocol: "DynamoDB_20120810.PutItem"
        QByteArray jsonContentType; // JSON protocol: "application/x-amz-json-1.0"
    };
    AwsServiceIntegration(std::shared_ptr<const BackendUriTemplate> endpoint, Signing signing, ClockPtr clock);
    const char *kind() const override { return "aws"; }
    // Call on the request's thread (the HTTP client's pool is per thread).
    void invoke(IntegrationRequest request, IntegrationDone done) const override;
    QByteArray endpointUri(const IntegrationRequest &request, const std::string &region, const std::string &account) const override;

    // Signs the request as it will go out: X-Amz-Date, x-amz-content-sha256 (S3), the session
    // token and Authorization added, over Host, Content-Type, X-Amz-Target and the x-amz-* headers.
    static void sign(IntegrationRequest &request, const QByteArray &hostHeader, const Signing &signing, qint64 nowMs);

private:
    HttpIntegration m_http;
    Signing m_signing;
    ClockPtr m_clock;
};

} // namespace gw
