#pragma once
// A loopback port that is free now: the designer picks one once and saves it, so an API's URL
// stays the same from one start (and launch) to the next.
#include <QtGlobal>

namespace gw::ui {

quint16 freeLoopbackPort(); // 0 when none can be had

} // namespace gw::ui
