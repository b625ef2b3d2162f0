#pragma once
// The identity of a project item (function, API, route, integration, stage, ...) while the
// document is open: unique in the process, kept by copies and by edits, never saved.
#include <QtGlobal>

namespace gw {

using ItemId = quint64;
constexpr ItemId kNoItem = 0;

// A fresh id (thread-safe).
ItemId newItemId();

} // namespace gw
