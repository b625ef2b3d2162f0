#include "compiled_project.h"

namespace gw {

const CompiledStage *CompiledApi::findStage(std::string_view name) const
{
    for (const CompiledStage &stage : stages)
        if (QByteArrayView(stage.name) == QByteArrayView(name.data(), qsizetype(name.size())))
            return &stage;
    return nullptr;
}

const CompiledApi *CompiledProject::findApi(std::string_view key) const
{
    for (const auto &api : apis)
        if (api->key == key)
            return api.get();
    return nullptr;
}

} // namespace gw
