#pragma once

class QProcessEnvironment;

namespace gw {

// Makes the threads Qt starts from now on (gateway workers, the function runtime) use Qt's
// poll-based UNIX event dispatcher instead of GLib's. GLib's main-context bookkeeping on every
// loop iteration cost about 15% of the Lambda route's throughput (bench/run.sh). The calling
// (GUI) thread keeps GLib, which desktop integration wants. Call first thing in main().
void preferLightEventDispatcherForThreads();

// Removes what preferLightEventDispatcherForThreads() put in the environment, so function
// processes see the environment the user started Gatewright with.
void removeEventDispatcherChoice(QProcessEnvironment &environment);

} // namespace gw
