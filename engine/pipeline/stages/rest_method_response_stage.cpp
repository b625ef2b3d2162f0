#include "rest_method_response_stage.h"

#include "../request_context.h"

namespace gw {

void RestMethodResponseStage::onResponse(RequestContext &ctx) const
{
    if (!ctx.tracing())
        return;
    const HttpResponse &response = ctx.response;
    // The service's own answers (a gateway response: validation, timeout, a malformed proxy
    // answer) end with the status line only; what the stage that failed logged says why.
    if (ctx.log.errorResponseType.isEmpty()) {
        ctx.noteBody("Method response body after transformations", response.body);
        QByteArray line = "Method response headers: {";
        for (size_t i = 0; i < response.headers.size(); ++i) {
            if (i)
                line += ", ";
            line += response.headers[i].name;
            line += '=';
            line += response.headers[i].value;
        }
        line += '}';
        ctx.note(line);
        ctx.note(QByteArrayView("Successfully completed execution"));
    }
    ctx.note("Method completed with status: " + QByteArray::number(response.status));
}

} // namespace gw
