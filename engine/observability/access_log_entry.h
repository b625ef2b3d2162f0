#pragma once
// Everything the access log and the monitor know about one finished request (a plain value):
// its $context values, how it ended, what the function printed and the measured trace.
#include "context_variables.h"
#include "exchange_capture.h"
#include "execution_trace.h"
#include "outcome.h"

#include <QMetaType>

#include <memory>

namespace gw {

struct AccessLogEntry : ContextVariables {
    Outcome outcome = Outcome::Ok;
    QString executionLog;          // function output and gateway notes for this request
    bool coldStart = false;        // the function's process started for this request
    std::shared_ptr<const ExecutionTrace> trace;
    ExchangeCapturePtr capture;    // bodies and headers at each hand-over, when the gateway captures them

    QByteArray reason() const { return outcomeName(outcome); }
    // What the monitor shows as the method: a WebSocket message or disconnect has none, its event type stands in.
    QByteArray methodLabel() const { return httpMethod.isEmpty() ? eventType : httpMethod; }
};

} // namespace gw

Q_DECLARE_METATYPE(gw::AccessLogEntry)
