#pragma once
// AWS Signature Version 4 (AWS General Reference, "Create a signed AWS API request"; checked
// against AWS's own test suites in ../shared/conformance/sigv4): the canonical request, the string
// to sign and the Authorization header of one request. Pure functions of their input: the caller
// picks the headers to sign and the time.
#include "http_message.h"

#include <QByteArray>

#include <string>
#include <vector>

namespace gw {

struct SigV4Credentials {
    QByteArray accessKeyId;
    QByteArray secretAccessKey;
    QByteArray sessionToken; // empty: none
};

struct SigV4Request {
    QByteArray method;
    QByteArray path;                 // as the request line writes it (percent-encoded or not)
    QByteArray query;                // after '?', as written
    std::vector<HttpHeader> headers; // every header to sign, Host included
    QByteArray payloadHash;          // hex SHA-256 of the body, or "UNSIGNED-PAYLOAD"
};

struct SigV4Scope {
    std::string region;
    std::string service;
    QByteArray amzDate; // "20150830T123600Z"
    // S3 signs the path encoded once and not normalised; every other service normalises it and
    // encodes it again (the reference's "URI-encode each path segment twice").
    bool s3 = false;
};

QByteArray sigV4CanonicalRequest(const SigV4Request &request, const SigV4Scope &scope);
QByteArray sigV4StringToSign(const QByteArray &canonicalRequest, const SigV4Scope &scope);
// "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=..., Signature=..."
QByteArray sigV4Authorization(const SigV4Request &request, const SigV4Scope &scope, const SigV4Credentials &credentials);
// The query of a presigned request (query-string authentication, as a WebSocket $connect with
// IAM authorization is signed): request.query, then X-Amz-Algorithm, -Credential, -Date,
// -SignedHeaders (request.headers), -Expires, -Security-Token when there is one, -Signature.
QByteArray sigV4PresignedQuery(const SigV4Request &request, const SigV4Scope &scope, const SigV4Credentials &credentials,
                               int expiresSeconds);
// The hex SHA-256 of a payload, as x-amz-content-sha256 and the canonical request carry it.
QByteArray sigV4PayloadHash(const QByteArray &body);
// "20150830T123600Z" for a time in ms since the epoch (UTC).
QByteArray sigV4AmzDate(qint64 epochMs);

} // namespace gw
