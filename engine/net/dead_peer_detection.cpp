#include "dead_peer_detection.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace gw {

namespace {
constexpr int kIdleBeforeProbeS = 60; // first probe after a minute of silence
constexpr int kProbeIntervalS = 10;
constexpr int kProbes = 3;
// Unacknowledged data (a push to a vanished peer) fails the socket after as long.
constexpr unsigned kUnackedTimeoutMs = (kIdleBeforeProbeS + kProbeIntervalS * kProbes) * 1000;

bool set(int fd, int level, int name, int value)
{
    return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
}
} // namespace

bool enableDeadPeerDetection(int descriptor)
{
    if (descriptor < 0)
        return false;
    bool ok = set(descriptor, SOL_SOCKET, SO_KEEPALIVE, 1);
    ok = set(descriptor, IPPROTO_TCP, TCP_KEEPIDLE, kIdleBeforeProbeS) && ok;
    ok = set(descriptor, IPPROTO_TCP, TCP_KEEPINTVL, kProbeIntervalS) && ok;
    ok = set(descriptor, IPPROTO_TCP, TCP_KEEPCNT, kProbes) && ok;
    const unsigned timeout = kUnackedTimeoutMs;
    ok = ::setsockopt(descriptor, IPPROTO_TCP, TCP_USER_TIMEOUT, &timeout, sizeof timeout) == 0 && ok;
    return ok;
}

} // namespace gw
