#pragma once
// Runs a request through its stages in order; the order is set in one place (Pipeline::forHttpApi).
#include "pipeline_stage.h"

#include <functional>
#include <memory>
#include <vector>

namespace gw {

class FunctionRuntime;

class Pipeline {
public:
    using Epilogue = std::function<void(const RequestContextPtr &)>;

    Pipeline(std::vector<std::unique_ptr<PipelineStage>> stages, Epilogue epilogue);
    // HTTP API: route match -> (CORS, authorizer, throttling: later issues) -> integration.
    static std::shared_ptr<const Pipeline> forHttpApi(FunctionRuntime *runtime, Epilogue epilogue);

    void start(const RequestContextPtr &ctx) const;
    void resume(const RequestContextPtr &ctx) const;

private:
    void finish(const RequestContextPtr &ctx) const;
    std::vector<std::unique_ptr<PipelineStage>> m_stages;
    Epilogue m_epilogue;
};

} // namespace gw
