#pragma once
// An HTTP/1.1 response as bytes on the wire.
#include "../common/http_message.h"

namespace gw {

// Serialises status line, headers (adding Content-Length, Date, Connection) and body (none for
// HEAD, 1xx, 204, 304). nowMs dates the response.
void appendSerializedResponse(QByteArray &out, const HttpResponse &response, bool forHead, bool keepAlive, qint64 nowMs);
// IMF-fixdate of epochMs, cached per second per thread.
const QByteArray &httpDate(qint64 epochMs);

} // namespace gw
