#pragma once
// TCP keepalive on a long-lived connection (WebSocket), so a client whose network vanished without
// a FIN or RST is found in about 90 s, not at the 10-minute idle timeout, and pushes to it stop
// queueing: the kernel probes an idle peer and fails the socket (ETIMEDOUT) when it stays silent.

namespace gw {

// Returns false when the descriptor refused an option (not a TCP socket); the connection works either way.
bool enableDeadPeerDetection(int descriptor);

} // namespace gw
