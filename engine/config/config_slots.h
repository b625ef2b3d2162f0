#pragma once
// The snapshot each gateway worker serves from. Every worker thread has its own slot, written only
// by that thread (publication runs on it), so reading it takes no lock and no atomic; and each
// slot holds its own reference (its own control block), so requests on different workers do not
// share a reference count's cache line. (libstdc++ 12's atomic<shared_ptr> is not lock-free: it
// takes a lock bit on every load, on one shared word.)
#include "compiled_project.h"

namespace gw {

namespace config_slots {

// The calling worker's snapshot; null on threads that are not workers, or before the first deploy.
const CompiledProjectPtr &current();
// Run on the worker's own thread: from now on its requests see snapshot.
void publishOnThisThread(const CompiledProjectPtr &snapshot);

} // namespace config_slots

} // namespace gw
