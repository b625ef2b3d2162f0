#include "mock_integration_stage.h"

#include "../../vtl/json_path.h"
#include "../mapping_templates.h"
#include "../request_context.h"

namespace gw {

StageStatus MockIntegrationStage::onRequest(RequestContext &ctx) const
{
    const MappingState &state = mappingStateOf(ctx);
    ctx.noteBody("Endpoint request body after transformations", state.integrationRequestBody);
    int status = 200;
    vtl::Value mapped;
    if (vtl::parseJsonValue(state.integrationRequestBody.toStdString(), &mapped) && mapped.isMap()) {
        const vtl::Value code = mapped.asMap()->get("statusCode");
        if (code.isInt())
            status = int(code.asInt());
        else if (code.isString())
            status = QByteArray::fromStdString(code.asString()).toInt();
    }
    auto result = std::make_shared<IntegrationResult>();
    result->kind = IntegrationResult::Kind::Http;
    result->response.status = status;
    ctx.integrationResult = std::move(result);
    ctx.log.integrationStatus = status;
    ctx.log.integrationResponseStatus = status;
    ctx.note("Received response. Status: " + QByteArray::number(status) + ", Integration latency: 0 ms");
    return StageStatus::Continue;
}

} // namespace gw
