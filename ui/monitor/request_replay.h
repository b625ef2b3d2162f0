#pragma once
// Replays a logged request: what the client sent (method, target, headers, body, as captured)
// goes to the same host again, so its new answer and trace come in as a new Traffic row.
#include "observability/access_log_entry.h"

#include <QNetworkRequest>

class QNetworkAccessManager;
class QNetworkReply;

namespace gw::ui {

// Set by the network stack for a new connection, or meaningless on it (Host, Content-Length and
// the connection's own headers): a request sent again leaves them out.
bool isTransportHeader(const QByteArray &name);
// Whether the entry carries what a replay needs (a captured request whose body was not cut).
bool canReplay(const AccessLogEntry &entry);
// The request as it was sent; hop-by-hop and length headers are left to the network stack.
QNetworkRequest replayRequestOf(const AccessLogEntry &entry);
// Sends it (null when the entry cannot be replayed).
QNetworkReply *replay(QNetworkAccessManager &network, const AccessLogEntry &entry);

} // namespace gw::ui
