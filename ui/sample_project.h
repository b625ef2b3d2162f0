#pragma once
// The bundled sample (an orders HTTP API with Python and Node.js functions), copied out of the
// binary into the user's data folder on first start so it can be edited and run.
#include <QString>

namespace gw::ui {

// Returns the path of the sample's project file, "" on failure (error says why).
QString installSampleProject(QString *error, const QString &targetRoot = {});

} // namespace gw::ui
