#pragma once
// Builds Lambda proxy events for HTTP APIs, payload format 2.0 and 1.0, field for field like the
// service (checked against ../shared/conformance/events, recorded set included).
#include "../pipeline/request_context.h"

namespace gw {

// The event as JSON text, written directly (no DOM: this runs for every invocation). Bytes that
// are not UTF-8 (headers, query, paths, text bodies) become U+FFFD so the event always parses.
QByteArray serializeHttpApiEventV2(const RequestContext &ctx);
QByteArray serializeHttpApiEventV1(const RequestContext &ctx);

// True when the service passes a body of this Content-Type as text; any other body is base64.
bool isTextContentType(const QByteArray &contentType);
// Headers the service adds before the integration sees the request.
std::vector<HttpHeader> headersAsIntegrationSees(const RequestContext &ctx);

} // namespace gw
