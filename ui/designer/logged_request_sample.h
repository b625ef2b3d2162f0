#pragma once
// A request from the traffic log as a template preview's sample, so a mapping template can be
// tried on what a client really sent: its path parameters, query string, headers and body as the
// monitor captured them, and the $context values it was served with.
#include "model/project.h"
#include "observability/access_log_entry.h"

#include <QString>

namespace gw::ui {

// The sample JSON TemplatePreviewPanel reads. resourcePath: the method's resource
// ("/pets/{petId}"), to read the path parameters from the path. forResponse: $input is what the
// integration answered (a response template's input), else the request's body.
QString loggedRequestSample(const AccessLogEntry &entry, const std::string &resourcePath, bool forResponse,
                            const StringMap &stageVariables);

// The request in a menu: "14:02:11  GET /dev/pets/5?q=1  200".
QString loggedRequestLabel(const AccessLogEntry &entry);

} // namespace gw::ui
