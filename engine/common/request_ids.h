#pragma once
// Identifiers in the service's shapes: HTTP API request ids ("JCJJxhz4PHcEJgQ=", 16 chars)
// and X-Ray trace ids ("Root=1-67fd88a4-127eb8e773d2bb6f7df47ab6").
#include <QByteArray>

namespace gw {

QByteArray newHttpApiRequestId();
QByteArray newTraceId(qint64 epochMs);

// A random (version 4) UUID, as Lambda gives invocations; from a per-thread generator, where
// QUuid::createUuid() asks the kernel every time.
QByteArray newUuidV4();

} // namespace gw
