#pragma once
// HTTP_PROXY: forwards the request to a backend URL (with {path} variables) and relays its answer.
#include "../pipeline/pipeline_stage.h"

#include "backend_uri_template.h"

namespace gw {

class HttpProxyIntegration {
public:
    StageResult start(const RequestContextPtr &ctx);
};

// The backend URL for this request: variables substituted; for $default the whole path appended;
// the client's query string kept (http-api-develop-routes.html, http-api-develop-integrations-http.html).
QByteArray backendUrlFor(const RequestContext &ctx, const BackendUriTemplate &backend);

} // namespace gw
