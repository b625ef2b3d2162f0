#pragma once
// What a compiled project's stages use at run time, handed to the compilers.
#include "../../api/clock.h"

#include <memory>

namespace gw {

class FunctionRuntime;
class AccessLogSink;

struct DeployServices {
    std::shared_ptr<FunctionRuntime> runtime;
    std::shared_ptr<AccessLogSink> accessLog;
    ClockPtr clock;
};

} // namespace gw
