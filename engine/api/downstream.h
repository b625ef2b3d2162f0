#pragma once
// Who receives a request's answer: an HTTP connection, a WebSocket frame, an in-memory caller.
// The request context talks to this, never to a socket.
#include "../common/http_message.h"

#include <functional>

class QObject;

namespace gw {

class Downstream {
public:
    virtual ~Downstream() = default;
    // The answer, once. Ignored when the receiver has gone. Call on threadHome()'s thread.
    virtual void send(HttpResponse response) = 0;
    // True once the receiver left (the client closed the connection).
    virtual bool isGone() const = 0;
    // The thread the request runs on: asynchronous work resumes it there.
    virtual QObject *threadHome() const = 0;
    // Called once, on threadHome()'s thread, if the receiver leaves before send().
    virtual void setGoneHandler(std::function<void()> handler) = 0;
};

} // namespace gw
