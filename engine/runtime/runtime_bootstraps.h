#pragma once
// The Python and Node.js Runtime API clients shipped inside the binary, written out once per run.
#include <QString>

namespace gw {

// Absolute path of the bootstrap for "python3" or "nodejs"; empty when it cannot be written.
QString runtimeBootstrapPath(const QString &runtime);

} // namespace gw
