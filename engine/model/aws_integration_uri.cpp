#include "aws_integration_uri.h"

namespace gw {

std::optional<AwsIntegrationUri> parseAwsIntegrationUri(const std::string &uri)
{
    static const std::string kPrefix = "arn:aws:apigateway:";
    if (uri.rfind(kPrefix, 0) != 0)
        return std::nullopt;
    const size_t regionEnd = uri.find(':', kPrefix.size());
    if (regionEnd == std::string::npos)
        return std::nullopt;
    const size_t serviceEnd = uri.find(':', regionEnd + 1);
    if (serviceEnd == std::string::npos)
        return std::nullopt;
    AwsIntegrationUri parsed;
    parsed.region = uri.substr(kPrefix.size(), regionEnd - kPrefix.size());
    parsed.service = uri.substr(regionEnd + 1, serviceEnd - regionEnd - 1);
    const std::string rest = uri.substr(serviceEnd + 1);
    if (rest.rfind("action/", 0) == 0)
        parsed.action = true;
    else if (rest.rfind("path/", 0) != 0)
        return std::nullopt;
    parsed.target = rest.substr(parsed.action ? 7 : 5);
    if (parsed.region.empty() || parsed.service.empty())
        return std::nullopt;
    return parsed;
}

std::optional<std::string> lambdaFunctionOfUri(const std::string &uri)
{
    const std::optional<AwsIntegrationUri> parsed = parseAwsIntegrationUri(uri);
    static const std::string kFunctions = "2015-03-31/functions/";
    static const std::string kInvocations = "/invocations";
    if (!parsed || parsed->service != "lambda" || parsed->action || parsed->target.rfind(kFunctions, 0) != 0)
        return std::nullopt;
    const std::string &t = parsed->target;
    if (t.size() <= kFunctions.size() + kInvocations.size() || t.compare(t.size() - kInvocations.size(), kInvocations.size(), kInvocations) != 0)
        return std::nullopt;
    return t.substr(kFunctions.size(), t.size() - kFunctions.size() - kInvocations.size());
}

} // namespace gw
