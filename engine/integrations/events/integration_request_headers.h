#pragma once
// The headers an integration sees: the client's, plus what the service adds on the way
// (X-Amzn-Trace-Id, X-Forwarded-For/-Port/-Proto), the client's own versions of those replaced.
#include "../../common/http_message.h"

namespace gw {

std::vector<HttpHeader> integrationRequestHeaders(const HttpRequest &request, const QByteArray &sourceIp,
                                                  const QByteArray &traceId);

} // namespace gw
