#pragma once
// The limits a WebSocket connection is held to: the service's quotas, or smaller ones a test or
// a user sets (0: no limit).
#include "../common/limits.h"

#include <QtGlobal>

namespace gw {

struct WebSocketLimits {
    qint64 idleMs = 0;
    qint64 lifetimeMs = 0;
    qsizetype maxMessageBytes = 0;
    qsizetype maxFrameBytes = 0;
    // The quotas of limits.h: idle 10 minutes, lifetime 2 hours, message 128 KB, frame 32 KB.
    static WebSocketLimits service()
    {
        return WebSocketLimits{limits::kWebSocketIdleMs, limits::kWebSocketLifetimeMs, limits::kWebSocketMaxMessageBytes,
                               limits::kWebSocketMaxFrameBytes};
    }
};

} // namespace gw
