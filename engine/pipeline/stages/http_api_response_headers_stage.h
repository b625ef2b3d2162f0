#pragma once
// HTTP APIs' finishing touch on every answer: header names in canonical MIME form and the
// Apigw-Requestid header. First in the prelude, so its response phase runs last.
#include "../../api/pipeline_stage.h"

#include <QByteArray>

namespace gw {

class HttpApiResponseHeadersStage : public PipelineStage {
public:
    const char *name() const override { return "response_headers"; }
    StageStatus onRequest(RequestContext &) const override { return StageStatus::Continue; }
    void onResponse(RequestContext &ctx) const override;
};

// "content-type" -> "Content-Type", in place.
void canonicalizeHeaderName(QByteArray &name);

} // namespace gw
