#include "outcome.h"

namespace gw {

const char *outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Ok: return "ok";
    case Outcome::NotFound: return "not_found";
    case Outcome::NoIntegration: return "no_integration";
    case Outcome::UnsupportedIntegration: return "unsupported_integration";
    case Outcome::IntegrationConfigError: return "integration_config_error";
    case Outcome::IntegrationUnreachable: return "integration_unreachable";
    case Outcome::IntegrationTimeout: return "integration_timeout";
    case Outcome::MalformedIntegrationResponse: return "malformed_lambda_response";
    case Outcome::FunctionError: return "function_error";
    case Outcome::FunctionTimeout: return "function_timeout";
    case Outcome::FunctionCrashed: return "function_crashed";
    case Outcome::FunctionInitError: return "function_init_error";
    case Outcome::LambdaServiceError: return "lambda_service_error";
    case Outcome::AuthFailed: return "auth_failed";
    case Outcome::Throttled: return "throttled";
    case Outcome::SchemaInvalid: return "schema_invalid";
    case Outcome::PayloadTooLarge: return "payload_too_large";
    case Outcome::HeadersTooLarge: return "headers_too_large";
    case Outcome::BadRequest: return "bad_request";
    }
    return "unknown";
}

bool isServerFault(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Ok:
    case Outcome::NotFound:
    case Outcome::AuthFailed:
    case Outcome::Throttled:
    case Outcome::SchemaInvalid:
    case Outcome::PayloadTooLarge:
    case Outcome::HeadersTooLarge:
    case Outcome::BadRequest:
        return false;
    default:
        return true;
    }
}

} // namespace gw
