#pragma once
// The $context variables the service documents for HTTP API access logging
// (http-api-logging-variables.html), with or without a local value: what a stage's
// accessLogFormat may name. A name outside them is a typo the service would print as "-".
#include <QStringView>

namespace gw {

// name without "$context." ("requestId", "authorizer.claims.sub"): documented for HTTP API access logs.
bool isDocumentedHttpApiLogVariable(QStringView name);

} // namespace gw
