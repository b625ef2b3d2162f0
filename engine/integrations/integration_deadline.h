#pragma once
// The integration timeout of one request: a cancellable timer on the request's thread.
#include "../pipeline/request_context.h"

#include <QTimer>
#include <functional>

namespace gw {

// Runs exactly one of onTimeout / the completion passed to complete(), whichever comes first.
class IntegrationDeadline {
public:
    IntegrationDeadline(QObject *home, int timeoutMs, std::function<void()> onTimeout);
    ~IntegrationDeadline();
    // Returns false when the deadline already fired (the completion must be dropped).
    bool complete();

private:
    QTimer *m_timer;
    bool m_done = false;
};

} // namespace gw
