#include "config_slots.h"

namespace gw::config_slots {

namespace {
thread_local CompiledProjectPtr t_slot;
} // namespace

const CompiledProjectPtr &current()
{
    return t_slot;
}

void publishOnThisThread(const CompiledProjectPtr &snapshot)
{
    if (!snapshot) {
        t_slot.reset();
        return;
    }
    // A reference of this thread's own: it keeps the shared snapshot alive through its deleter.
    t_slot = CompiledProjectPtr(snapshot.get(), [keep = snapshot](const CompiledProject *) {});
}

} // namespace gw::config_slots
