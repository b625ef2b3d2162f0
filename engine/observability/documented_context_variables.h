#pragma once
// The $context variables the service documents for access logging, per API type, with or without
// a local value: what a stage's accessLogFormat may name. A name outside them is a typo the service
// would print as "-".
#include <QStringView>

namespace gw {

// name without "$context." ("requestId", "authorizer.claims.sub").
// http-api-logging-variables.html
bool isDocumentedHttpApiLogVariable(QStringView name);
// api-gateway-variables-for-access-logging.html (REST): the variables for data models, authorizers,
// mapping templates and access logging, and those for access logging only.
bool isDocumentedRestApiLogVariable(QStringView name);
// websocket-api-logging.html
bool isDocumentedWebSocketApiLogVariable(QStringView name);

} // namespace gw
